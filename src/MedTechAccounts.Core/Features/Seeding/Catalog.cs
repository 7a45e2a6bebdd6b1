using MedTechAccounts.Core.Domain;

namespace MedTechAccounts.Core.Features.Seeding;

/// <summary>A row of the product catalog.</summary>
internal sealed record ProductSpec(string Sku, string Name, string Family, ProductCategory Category, decimal ListPrice, int ServiceLifeMonths);

/// <summary>How many units of a device kind a site has: per 100 beds for hospitals, per site for ASCs and clinics.</summary>
internal sealed record FleetDensity(double AcademicPer100Beds, double CommunityPer100Beds, double PerAsc, double PerClinic)
{
    public double For(AccountSegment segment, int? beds) => segment switch
    {
        AccountSegment.Academic => AcademicPer100Beds * (beds ?? 0) / 100.0,
        AccountSegment.Community => CommunityPer100Beds * (beds ?? 0) / 100.0,
        AccountSegment.ASC => PerAsc,
        _ => PerClinic,
    };
}

/// <summary>A capital product that is installed and serviced, and how it shows up in a fleet.</summary>
internal sealed record DeviceKind(
    ProductSpec Product, string SerialPrefix, IReadOnlyList<string> Departments, FleetDensity Density,
    int LotMin, int LotMax, double IncidentsPerYear);

/// <summary>A consumable and how many cases one device of its family uses a month.</summary>
internal sealed record Supply(ProductSpec Product, double CasesPerDeviceMonth);

/// <summary>A product family: its devices, supplies, service plan, optional software and competitors.</summary>
internal sealed record ProductFamily(
    string Name, IReadOnlyList<DeviceKind> Kinds, IReadOnlyList<Supply> Supplies, ProductSpec ServicePlan,
    ProductSpec? Software, IReadOnlyList<string> Competitors, IReadOnlyList<string> IncidentCategories);

/// <summary>
/// The generated catalog: real kinds of hospital equipment with list prices and service lives in the range
/// the industry quotes (ventilators and anesthesia 10 years, infusion pumps 8, monitors 7). Service plans are
/// priced per device-year; consumables per case.
/// </summary>
internal static class Catalog
{
    public const string Ventilation = "Ventilation";
    public const string Infusion = "Infusion";
    public const string Monitoring = "Patient Monitoring";
    public const string Resuscitation = "Resuscitation";
    public const string Anesthesia = "Anesthesia";
    public const string Ultrasound = "Ultrasound";
    public const string Imaging = "Imaging";

    public static readonly IReadOnlyList<ProductFamily> Families =
    [
        new(Ventilation,
            [
                Kind("VNT-ICU-900", "ICU Ventilator V900", Ventilation, 42_500m, 120, "V9", ["ICU", "Respiratory Therapy", "Emergency"], new(1.6, 1.2, 0, 0), 2, 8, 0.7),
                Kind("VNT-TRN-300", "Transport Ventilator T300", Ventilation, 18_900m, 120, "T3", ["Emergency", "Patient Transport", "ICU"], new(0.4, 0.3, 0, 0), 1, 3, 0.5),
                Kind("VNT-NEO-200", "Neonatal Ventilator N200", Ventilation, 39_800m, 120, "N2", ["NICU"], new(0.4, 0.1, 0, 0), 1, 4, 0.6),
            ],
            [
                Supply("VNT-CIR-A20", "Adult Breathing Circuit (case of 20)", Ventilation, 240m, 0.35),
                Supply("VNT-HME-050", "HME Filter (case of 50)", Ventilation, 115m, 0.2),
                Supply("VNT-FSN-010", "Single-Patient Flow Sensor (box of 10)", Ventilation, 185m, 0.15),
            ],
            Service("SVC-VNT-GLD", "Ventilation Service Plan Gold (per device-year)", Ventilation, 3_400m),
            Software("SW-VNT-DATA", "Ventilator Data Integration Licence", Ventilation, 28_000m),
            ["Draeger", "Hamilton Medical", "Medtronic", "GE HealthCare"],
            ["Flow sensor failure", "Exhalation valve leak", "Alarm fault", "Battery", "Software error", "Preventive maintenance"]),
        new(Infusion,
            [
                Kind("INF-LVP-700", "Large-Volume Infusion Pump LV7", Infusion, 3_250m, 96, "LV", ["Med-Surg", "ICU", "Oncology", "Pediatrics", "Emergency"], new(3.5, 3.0, 4, 1), 4, 20, 0.25),
                Kind("INF-SYR-500", "Syringe Infusion Pump SP5", Infusion, 2_450m, 96, "SP", ["NICU", "ICU", "OR", "Pediatrics"], new(1.4, 0.9, 2, 0), 2, 10, 0.2),
                Kind("INF-PCA-300", "PCA Pump PC3", Infusion, 3_900m, 96, "PC", ["Med-Surg", "Oncology", "PACU"], new(0.6, 0.4, 1, 0), 2, 6, 0.25),
            ],
            [
                Supply("INF-SET-P50", "Primary Infusion Set (case of 50)", Infusion, 165m, 0.12),
                Supply("INF-EXT-100", "Syringe Extension Set (case of 100)", Infusion, 210m, 0.05),
            ],
            Service("SVC-INF-STD", "Infusion Service Plan (per device-year)", Infusion, 240m),
            Software("SW-INF-DERS", "Dose Error Reduction Software Licence", Infusion, 45_000m),
            ["BD", "Baxter", "ICU Medical", "B. Braun"],
            ["Occlusion alarm", "Door latch", "Battery", "Keypad failure", "Drug library update", "Air-in-line alarm"]),
        new(Monitoring,
            [
                Kind("MON-BED-120", "Bedside Patient Monitor M12", Monitoring, 14_800m, 84, "M12", ["ICU", "Step-Down", "Emergency", "PACU", "OR"], new(2.2, 1.8, 3, 1), 4, 16, 0.35),
                Kind("MON-TRN-060", "Transport Monitor M6", Monitoring, 7_900m, 84, "M6", ["Emergency", "Patient Transport", "ICU"], new(0.5, 0.4, 1, 0.5), 1, 4, 0.4),
                Kind("MON-CNS-100", "Central Monitoring Station CS1", Monitoring, 48_000m, 84, "CS", ["ICU", "Step-Down", "Telemetry"], new(0.2, 0.15, 0.3, 0), 1, 1, 0.6),
                Kind("MON-TEL-020", "Telemetry Transmitter TX2", Monitoring, 2_950m, 72, "TX", ["Telemetry", "Step-Down"], new(1.5, 1.2, 0, 0), 6, 20, 0.15),
            ],
            [
                Supply("MON-SPO-A24", "Adult SpO2 Sensor, Disposable (box of 24)", Monitoring, 310m, 0.12),
                Supply("MON-ECG-600", "ECG Electrodes (case of 600)", Monitoring, 185m, 0.1),
                Supply("MON-NBP-020", "Disposable NIBP Cuff (box of 20)", Monitoring, 160m, 0.08),
            ],
            Service("SVC-MON-GLD", "Monitoring Service Plan Gold (per device-year)", Monitoring, 950m),
            Software("SW-MON-SURV", "Clinical Surveillance Suite Licence", Monitoring, 85_000m),
            ["Philips", "GE HealthCare", "Mindray", "Nihon Kohden"],
            ["Display failure", "Lead-off alarms", "Network dropout", "Battery", "NIBP module", "Software error"]),
        new(Resuscitation,
            [
                Kind("RES-DEF-500", "Defibrillator/Monitor D5", Resuscitation, 24_500m, 96, "D5", ["Emergency", "ICU", "Cardiology", "Med-Surg"], new(0.7, 0.6, 1, 0.3), 2, 6, 0.2),
                Kind("RES-AED-100", "Automated External Defibrillator A1", Resuscitation, 1_650m, 96, "A1", ["Public Areas", "Outpatient Clinics"], new(0.4, 0.4, 1, 1.2), 2, 8, 0.1),
            ],
            [Supply("RES-PAD-010", "Adult Defibrillation Pads (case of 10 pairs)", Resuscitation, 420m, 0.08)],
            Service("SVC-RES-STD", "Resuscitation Service Plan (per device-year)", Resuscitation, 1_200m),
            null,
            ["ZOLL", "Stryker", "Philips"],
            ["Self-test failure", "Battery", "Paddle cable", "Printer fault", "Charge time"]),
        new(Anesthesia,
            [Kind("ANE-WKS-800", "Anesthesia Workstation AW8", Anesthesia, 72_000m, 120, "AW", ["OR", "Endoscopy", "Labor & Delivery"], new(0.9, 0.7, 3, 0), 1, 6, 0.7)],
            [
                Supply("ANE-CIR-020", "Anesthesia Breathing Circuit (case of 20)", Anesthesia, 260m, 0.5),
                Supply("ANE-ABS-012", "CO2 Absorbent (case of 12)", Anesthesia, 145m, 0.3),
            ],
            Service("SVC-ANE-GLD", "Anesthesia Service Plan Gold (per device-year)", Anesthesia, 5_800m),
            null,
            ["GE HealthCare", "Draeger", "Mindray"],
            ["Leak test failure", "Vaporizer fault", "Flow sensor failure", "Gas module", "Preventive maintenance"]),
        new(Ultrasound,
            [
                Kind("USN-POC-300", "Point-of-Care Ultrasound U3", Ultrasound, 38_500m, 84, "U3", ["Emergency", "ICU", "Anesthesia"], new(0.5, 0.4, 1, 0.5), 1, 3, 0.3),
                Kind("USN-CRT-900", "Cart-Based Ultrasound U9", Ultrasound, 96_000m, 84, "U9", ["Radiology", "Cardiology", "OB/GYN"], new(0.4, 0.3, 0.2, 0.2), 1, 2, 0.4),
            ],
            [
                Supply("USN-GEL-012", "Ultrasound Gel (case of 12)", Ultrasound, 62m, 0.3),
                Supply("USN-CVR-050", "Sterile Probe Cover (box of 50)", Ultrasound, 135m, 0.2),
            ],
            Service("SVC-USN-STD", "Ultrasound Service Plan (per device-year)", Ultrasound, 4_200m),
            null,
            ["GE HealthCare", "Philips", "Siemens Healthineers", "Butterfly Network"],
            ["Probe failure", "Image artifact", "Cart power supply", "Software error"]),
        new(Imaging,
            [
                Kind("IMG-CT-064", "CT Scanner CT64", Imaging, 850_000m, 120, "CT", ["Radiology", "Emergency"], new(0.12, 0.1, 0, 0), 1, 1, 1.2),
                Kind("IMG-MRI-150", "MRI System 1.5T", Imaging, 1_450_000m, 120, "MR", ["Radiology"], new(0.08, 0.05, 0, 0), 1, 1, 1.0),
            ],
            [Supply("IMG-INJ-050", "Power Injector Syringe Kit (case of 50)", Imaging, 480m, 1.5)],
            Service("SVC-IMG-PRM", "Imaging Service Plan Premium (per system-year)", Imaging, 95_000m),
            null,
            ["Siemens Healthineers", "GE HealthCare", "Philips", "Canon Medical"],
            ["Tube failure", "Gantry fault", "Cooling system", "Coil failure", "Reconstruction software"]),
    ];

    public static readonly IReadOnlyList<ProductSpec> Products = Families
        .SelectMany(f => f.Kinds.Select(k => k.Product)
            .Concat(f.Supplies.Select(s => s.Product))
            .Append(f.ServicePlan)
            .Concat(f.Software is null ? [] : [f.Software]))
        .ToList();

    public static readonly IReadOnlyList<DeviceKind> Kinds = Families.SelectMany(f => f.Kinds).ToList();

    public static ProductFamily FamilyOf(string name) => Families.First(f => f.Name == name);

    private static DeviceKind Kind(
        string sku, string name, string family, decimal price, int lifeMonths, string serialPrefix, string[] departments,
        FleetDensity density, int lotMin, int lotMax, double incidentsPerYear) =>
        new(new(sku, name, family, ProductCategory.Capital, price, lifeMonths), serialPrefix, departments, density, lotMin, lotMax, incidentsPerYear);

    private static Supply Supply(string sku, string name, string family, decimal price, double casesPerDeviceMonth) =>
        new(new(sku, name, family, ProductCategory.Consumable, price, 0), casesPerDeviceMonth);

    private static ProductSpec Service(string sku, string name, string family, decimal price) =>
        new(sku, name, family, ProductCategory.ServiceContract, price, 12);

    private static ProductSpec Software(string sku, string name, string family, decimal price) =>
        new(sku, name, family, ProductCategory.Software, price, 60);
}
