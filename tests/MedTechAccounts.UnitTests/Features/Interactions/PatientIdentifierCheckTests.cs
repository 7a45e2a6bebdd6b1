using MedTechAccounts.Core.Features.Interactions;

namespace MedTechAccounts.UnitTests.Features.Interactions;

public sealed class PatientIdentifierCheckTests
{
    [Theory]
    [InlineData("Discussed MRN 1234567 with the charge nurse.")]
    [InlineData("mrn: 00123456 had an alarm")]
    [InlineData("Medical record #4455667 came up")]
    [InlineData("DOB 01/02/1960, pump alarm during infusion")]
    [InlineData("d.o.b.: 1960-02-01")]
    [InlineData("date of birth 1 Feb 1960")]
    [InlineData("Her SSN 123-45-6789 was on the form")]
    [InlineData("123 45 6789")]
    [InlineData("patient John Smith reported the alarm")]
    [InlineData("Pt. Maria Lopez was on the pump")]
    [InlineData("the patient: Mrs. Jones complained")]
    [InlineData("Room 412 bed 2 John Smith")]
    [InlineData("rm 12B, Mrs. Jones")]
    [InlineData("John Smith in room 412 had the pump")]
    [InlineData("call the patient at 312-555-0188")]
    [InlineData("(312) 555-0188 is the patient's daughter")]
    public void Text_that_looks_like_it_holds_patient_identifiers_is_flagged(string notes) =>
        Assert.NotEmpty(PatientIdentifierCheck.Check(notes));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Pump serial 12345 alarms after the firmware update.")]
    [InlineData("SN 4471-22-9 and lot 88123 discussed with Biomed.")]
    [InlineData("Met Dr. Ana Ruiz and the biomed lead about the infusion pumps.")]
    [InlineData("Patient Safety Committee meets on 12/03; wants alarm fatigue data.")]
    [InlineData("Patient monitors in the ICU need a service visit; call Biomed at 312-555-0100.")]
    [InlineData("Main Operating Room 3 has two of our ventilators.")]
    [InlineData("Quote 2026-114 for 12 pumps, due 2026-12-01.")]
    [InlineData("Renewal of contract SC-2026-0042, value 120000.")]
    [InlineData("Newborn unit wants 4 warmers installed by 01/15/2027.")]
    [InlineData("patient monitoring upgrade discussed with IT")]
    public void Device_and_account_talk_is_not_flagged(string? notes) =>
        Assert.Empty(PatientIdentifierCheck.Check(notes));

    [Fact]
    public void Each_kind_of_identifier_gives_its_own_warning()
    {
        var warnings = PatientIdentifierCheck.Check("MRN 1234567, DOB 01/02/1960");

        Assert.Equal(2, warnings.Count);
        Assert.Contains(warnings, w => w.Contains("medical record number", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("date of birth", StringComparison.Ordinal));
    }
}
