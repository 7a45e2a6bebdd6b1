using MedTechAccounts.Core.Domain;

namespace MedTechAccounts.Core.Features.Seeding;

/// <summary>A job title a contact can hold, with the role and influence it implies.</summary>
internal sealed record ContactTitle(string Title, ContactRole Role, ContactInfluence Influence);

/// <summary>Names of sites, systems and people's titles. Fictional: any likeness to a real site is chance.</summary>
internal static class Names
{
    private static readonly string[] Saints =
    [
        "St. Mary's", "St. Joseph's", "St. Luke's", "St. Vincent's", "St. Francis", "St. Elizabeth's", "St. Anthony's",
        "St. John's", "St. Catherine's", "Good Samaritan", "Sacred Heart", "Holy Cross", "Mercy",
    ];

    private static readonly string[] Places =
    [
        "Riverside", "Lakeside", "Valley", "Mountain View", "Bayview", "Cedar Ridge", "Pine Grove", "Oak Hill", "Fairview",
        "Highland", "Northridge", "Southpoint", "Westbrook", "Eastwood", "Maple Grove", "Summit", "Harbor", "Prairie",
        "Sunrise", "Willow Creek", "Meadowbrook", "Clearwater", "Stonebridge", "Silver Lake", "Crestview", "Brookside",
    ];

    /// <summary>Brands of the generated health systems (IDNs).</summary>
    private static readonly string[] SystemBrands =
    [
        "Beacon", "Horizon", "Keystone", "Pinnacle", "Cornerstone", "Lighthouse", "Evergreen", "Frontier", "Heritage",
        "Meridian", "Northstar", "Compass", "Landmark", "Liberty", "Bluewater", "Redwood",
    ];

    private static readonly string[] Campuses = ["North Campus", "South Campus", "East Campus", "West Campus", "Downtown Campus"];

    /// <summary>
    /// Titles by role. The first Nursing title at User level is what thin-coverage accounts are limited to.
    /// </summary>
    public static readonly IReadOnlyList<ContactTitle> Titles =
    [
        new("Chief of Anesthesiology", ContactRole.Clinician, ContactInfluence.DecisionMaker),
        new("Medical Director, Critical Care", ContactRole.Clinician, ContactInfluence.DecisionMaker),
        new("Intensivist", ContactRole.Clinician, ContactInfluence.Influencer),
        new("Emergency Physician", ContactRole.Clinician, ContactInfluence.Influencer),
        new("Respiratory Therapy Manager", ContactRole.Clinician, ContactInfluence.Influencer),
        new("Staff Respiratory Therapist", ContactRole.Clinician, ContactInfluence.User),
        new("Director of Nursing", ContactRole.Nursing, ContactInfluence.DecisionMaker),
        new("Nurse Manager, ICU", ContactRole.Nursing, ContactInfluence.Influencer),
        new("Clinical Nurse Educator", ContactRole.Nursing, ContactInfluence.Influencer),
        new("Charge Nurse, Med-Surg", ContactRole.Nursing, ContactInfluence.User),
        new("Staff Nurse, Step-Down", ContactRole.Nursing, ContactInfluence.User),
        new("Perioperative Nurse", ContactRole.Nursing, ContactInfluence.User),
        new("Director of Clinical Engineering", ContactRole.Biomed, ContactInfluence.DecisionMaker),
        new("Clinical Engineering Manager", ContactRole.Biomed, ContactInfluence.Influencer),
        new("Biomedical Technician II", ContactRole.Biomed, ContactInfluence.User),
        new("Director of Supply Chain", ContactRole.Purchasing, ContactInfluence.DecisionMaker),
        new("Value Analysis Coordinator", ContactRole.Purchasing, ContactInfluence.Influencer),
        new("Capital Equipment Buyer", ContactRole.Purchasing, ContactInfluence.User),
        new("Chief Nursing Officer", ContactRole.Executive, ContactInfluence.DecisionMaker),
        new("Chief Financial Officer", ContactRole.Executive, ContactInfluence.DecisionMaker),
        new("VP of Operations", ContactRole.Executive, ContactInfluence.DecisionMaker),
        new("Chief Medical Officer", ContactRole.Executive, ContactInfluence.Influencer),
        new("Director of IT Infrastructure", ContactRole.IT, ContactInfluence.Influencer),
        new("Clinical Applications Analyst", ContactRole.IT, ContactInfluence.User),
        new("Integration Engineer", ContactRole.IT, ContactInfluence.User),
    ];

    public static IReadOnlyList<ContactTitle> TitlesFor(ContactRole role) => TitlesByRole[role];

    private static readonly Dictionary<ContactRole, IReadOnlyList<ContactTitle>> TitlesByRole =
        Titles.GroupBy(t => t.Role).ToDictionary(g => g.Key, g => (IReadOnlyList<ContactTitle>)g.ToList());

    public static string SystemBrand(SeedRandom random) => random.Pick(SystemBrands);

    /// <summary>A site name for the segment; children of a health system carry the system's brand.</summary>
    public static string Site(SeedRandom random, AccountSegment segment, string city, string? brand) => (segment, brand) switch
    {
        (AccountSegment.Academic, null) => random.Int(0, 2) switch
        {
            0 => $"{city} University Medical Center",
            1 => $"{city} University Hospital",
            _ => $"{random.Pick(Places)} Academic Medical Center",
        },
        (AccountSegment.Academic or AccountSegment.Community, { } b) => random.Int(0, 1) == 0 ? $"{b} {city} Medical Center" : $"{b} {city} Hospital",
        (AccountSegment.Community, null) => random.Int(0, 6) switch
        {
            0 => $"{random.Pick(Saints)} Medical Center",
            1 => $"{random.Pick(Saints)} Hospital",
            2 => $"{random.Pick(Places)} Community Hospital",
            3 => $"{city} General Hospital",
            4 => $"{city} Regional Medical Center",
            5 => $"{city} Memorial Hospital",
            _ => $"{random.Pick(Places)} Medical Center",
        },
        (AccountSegment.ASC, { } b) => $"{b} Surgery Center {city}",
        (AccountSegment.ASC, null) => random.Int(0, 4) switch
        {
            0 => $"{random.Pick(Places)} Surgery Center",
            1 => $"{city} Ambulatory Surgery Center",
            2 => $"{random.Pick(Places)} Outpatient Surgical Center",
            3 => $"{city} Orthopedic Surgery Center",
            _ => $"{random.Pick(Places)} Endoscopy Center",
        },
        (_, { } b) => $"{b} Clinic {city}",
        _ => random.Int(0, 5) switch
        {
            0 => $"{random.Pick(Places)} Family Clinic",
            1 => $"{city} Cardiology Associates",
            2 => $"{random.Pick(Places)} Urgent Care",
            3 => $"{city} Pulmonary Clinic",
            4 => $"{random.Pick(Places)} Health Clinic",
            _ => $"{city} Pediatric Associates",
        },
    };

    /// <summary>Makes <paramref name="name"/> unique among <paramref name="taken"/> by naming a campus.</summary>
    public static string Unique(string name, HashSet<string> taken, string city)
    {
        if (taken.Add(name))
        {
            return name;
        }

        foreach (var campus in Campuses.Prepend(city))
        {
            var candidate = $"{name} – {campus}";
            if (taken.Add(candidate))
            {
                return candidate;
            }
        }

        for (var n = 2; ; n++)
        {
            var candidate = $"{name} – Site {n}";
            if (taken.Add(candidate))
            {
                return candidate;
            }
        }
    }

    /// <summary>Lower-case letters of the name, for e-mail domains under the reserved <c>example.org</c>.</summary>
    public static string MailDomain(string siteName)
    {
        var letters = new string(siteName.Where(char.IsAsciiLetter).Take(24).ToArray()).ToLowerInvariant();
        return $"{letters}.example.org";
    }

    /// <summary>Where a device stands: surgical and clinic sites have no ICU.</summary>
    public static string Department(SeedRandom random, AccountSegment segment, DeviceKind kind) => segment switch
    {
        AccountSegment.ASC => random.Pick(AscDepartments),
        AccountSegment.Clinic => random.Pick(ClinicDepartments),
        _ => random.Pick(kind.Departments),
    };

    private static readonly string[] AscDepartments = ["OR", "PACU", "Pre-Op", "Endoscopy"];
    private static readonly string[] ClinicDepartments = ["Exam Rooms", "Procedure Room", "Urgent Care"];
}
