using System.Globalization;
using MedTechAccounts.Core.Features.Interactions;
using Xunit.Abstractions;

namespace MedTechAccounts.UnitTests.Features.Interactions;

/// <summary>
/// The patient-information check measured on a labelled corpus generated from a seed: notes that carry one
/// Safe-Harbor identifier (medical record number, date of birth, SSN, a patient named, a patient's or relative's
/// phone, room and bed with a name, a patient's e-mail) inside ordinary visit talk, and clean sales and
/// clinical-workflow notes full of the numbers that must not trip it (serials, lots, rooms, dates, staff phones,
/// quotes). Several seeds, so the check is not fitted to one draw. Targets (README): recall at least 95% overall
/// and 100% for SSN, MRN and date of birth; at most 10% of clean notes flagged.
/// </summary>
public sealed class PatientIdentifierCorpusTests(ITestOutputHelper output)
{
    private const int NotesPerClass = 300;

    [Theory]
    [InlineData(11)]
    [InlineData(2027)]
    [InlineData(90210)]
    public void The_check_finds_the_planted_identifiers_and_spares_the_clean_notes(int seed)
    {
        var corpus = new Corpus(new Random(seed));
        var flagged = corpus.WithIdentifiers(NotesPerClass).Select(n => (n.Kind, n.Text, Found: PatientIdentifierCheck.Check(n.Text).Count > 0)).ToList();
        var clean = corpus.Clean(NotesPerClass).Select(t => (Text: t, Found: PatientIdentifierCheck.Check(t).Count > 0)).ToList();

        var recall = flagged.Count(n => n.Found) / (double)flagged.Count;
        var byKind = flagged.GroupBy(n => n.Kind).ToDictionary(g => g.Key, g => g.Count(n => n.Found) / (double)g.Count());
        var falsePositives = clean.Count(n => n.Found) / (double)clean.Count;
        var perKind = string.Join(", ", byKind.OrderBy(k => k.Key).Select(k => string.Create(CultureInfo.InvariantCulture, $"{k.Key} {k.Value:P0}")));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"seed {seed}: recall {recall:P1} of {flagged.Count}, false positives {falsePositives:P1} of {clean.Count}; {perKind}"));
        foreach (var missed in flagged.Where(n => !n.Found).Take(5))
        {
            output.WriteLine($"missed ({missed.Kind}): {missed.Text}");
        }

        foreach (var wrong in clean.Where(n => n.Found).Take(5))
        {
            output.WriteLine($"flagged clean: {wrong.Text}");
        }

        Assert.True(recall >= 0.95, $"recall {recall:P1}");
        Assert.All(new[] { Kind.MedicalRecordNumber, Kind.DateOfBirth, Kind.SocialSecurityNumber }, k => Assert.Equal(1.0, byKind[k]));
        Assert.True(falsePositives <= 0.10, $"false positives {falsePositives:P1}");
    }

    private enum Kind { MedicalRecordNumber, DateOfBirth, SocialSecurityNumber, PatientName, Phone, RoomAndBed, Email }

    private sealed record LabelledNote(Kind Kind, string Text);

    private sealed class Corpus(Random random)
    {
        private static readonly string[] FirstNames = ["John", "Mary", "Maria", "James", "Linda", "Robert", "Aisha", "Wei", "Carlos", "Fatima", "Olga", "Kevin", "Priya", "Thomas", "Grace"];
        private static readonly string[] LastNames = ["Smith", "Jones", "Lopez", "Nguyen", "Okafor", "Kowalski", "O'Brien", "Garcia", "Chen", "Patel", "Miller", "Hughes", "Schmidt"];
        private static readonly string[] Devices = ["infusion pump", "ventilator", "patient monitor", "syringe pump", "infant warmer", "defibrillator", "anesthesia machine"];
        private static readonly string[] Staff = ["the charge nurse", "the biomed lead", "the OR director", "purchasing", "Dr. Ana Ruiz", "the ICU manager", "the CNO"];
        private static readonly string[] Months = ["Jan", "Feb", "March", "Apr", "May", "June", "Jul", "Aug", "Sept", "Oct", "Nov", "Dec"];
        private static readonly string[] Kin = ["daughter", "son", "wife", "husband", "mother", "family"];

        private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

        private int Digits(int count) => random.Next((int)Math.Pow(10, count - 1), (int)Math.Pow(10, count) - 1);

        private string Name() => $"{Pick(FirstNames)} {Pick(LastNames)}";

        private string Phone() => Pick<Func<string>>([
            () => $"{random.Next(201, 989)}-555-{Digits(4)}",
            () => $"({random.Next(201, 989)}) 555-{Digits(4)}",
            () => $"{random.Next(201, 989)}.555.{Digits(4)}",
        ])();

        private string Date(int year) => Pick<Func<string>>([
            () => $"{random.Next(1, 13)}/{random.Next(1, 29)}/{year}",
            () => $"{year}-{random.Next(1, 13):00}-{random.Next(1, 29):00}",
            () => $"{random.Next(1, 29)} {Pick(Months)} {year}",
            () => $"{Pick(Months)} {random.Next(1, 29)}, {year}",
            () => $"{random.Next(1, 13)}.{random.Next(1, 29)}.{year % 100:00}",
        ])();

        /// <summary>Ordinary visit talk, so an identifier sits in the middle of a real-looking note.</summary>
        private string Context() => Pick<Func<string>>([
            () => $"Met {Pick(Staff)} about the {Pick(Devices)} alarms.",
            () => $"Reviewed the {Pick(Devices)} fleet with {Pick(Staff)}.",
            () => $"{Pick(Staff)} asked for in-service training on the {Pick(Devices)}.",
            () => "Follow-up on the firmware update.",
            () => "",
        ])();

        private string Identifier(Kind kind) => kind switch
        {
            Kind.MedicalRecordNumber => Pick<Func<string>>([
                () => $"MRN {Digits(7)}", () => $"mrn: {Digits(8)}", () => $"medical record #{Digits(7)}", () => $"Med rec no. {Digits(6)}",
                () => $"chart # {Digits(6)}", () => $"MRN#{Digits(7)}",
            ])() + Pick([" had the occlusion alarm.", " was on the pump during the event.", " is in the incident report.", ""]),
            Kind.DateOfBirth => Pick(["DOB ", "dob: ", "D.O.B. ", "date of birth ", "born ", "born on ", "birth date "]) + Date(random.Next(1930, 2020))
                + Pick([", on the ventilator overnight.", " - alarm during the infusion.", ".", ""]),
            Kind.SocialSecurityNumber => Pick<Func<string>>([
                () => $"SSN {Digits(3)}-{Digits(2)}-{Digits(4)}", () => $"{Digits(3)}-{Digits(2)}-{Digits(4)} was written on the form",
                () => $"ssn: {Digits(9)}", () => $"social {Digits(3)} {Digits(2)} {Digits(4)} on the label",
            ])(),
            Kind.PatientName => Pick<Func<string>>([
                () => $"patient {Name()} reported the alarm", () => $"Pt. {Name()} was on the pump", () => $"pt {Name()} in the step-down unit",
                () => $"the patient, {Pick(["Mr.", "Mrs.", "Ms."])} {Pick(LastNames)}, complained about the noise",
                () => $"Patient: {Name()}", () => $"{Pick(["Mr.", "Mrs."])} {Pick(LastNames)} (patient) fell near the monitor",
                () => $"the patient {Name()}, {random.Next(20, 95)}, had a reaction",
            ])(),
            Kind.Phone => Pick<Func<string>>([
                () => $"call the patient at {Phone()}", () => $"patient's number is {Phone()}",
                () => $"{Phone()} is the patient's {Pick(Kin)}", () => $"her {Pick(Kin)} asked to be called on {Phone()}",
                () => $"the patient's {Pick(Kin)} can be reached at {Phone()}",
            ])(),
            Kind.RoomAndBed => Pick<Func<string>>([
                () => $"room {random.Next(100, 999)} bed {random.Next(1, 5)} {Name()}", () => $"rm {random.Next(1, 60)}B, {Pick(["Mr.", "Mrs.", "Ms."])} {Pick(LastNames)}",
                () => $"{Name()} in room {random.Next(100, 999)} had the pump", () => $"pt in room {random.Next(100, 999)}, {Name()}",
                () => $"bed {random.Next(1, 30)} {Name()} alarmed twice",
            ])(),
            Kind.Email => Pick<Func<string>>([
                () => $"the patient's e-mail is {Pick(FirstNames).ToLowerInvariant()}.{Pick(LastNames).ToLowerInvariant().Replace("'", "")}{random.Next(1, 99)}@gmail.com",
                () => $"patient wrote from {Pick(FirstNames).ToLowerInvariant()}{random.Next(1, 99)}@yahoo.com about the device",
                () => $"her {Pick(Kin)} e-mailed from {Pick(FirstNames).ToLowerInvariant()}{random.Next(1, 99)}@outlook.com",
            ])(),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        public IEnumerable<LabelledNote> WithIdentifiers(int count)
        {
            var kinds = Enum.GetValues<Kind>();
            for (var i = 0; i < count; i++)
            {
                var kind = kinds[i % kinds.Length];
                var before = random.Next(2) == 0;
                var context = Context();
                var identifier = Identifier(kind);
                yield return new(kind, (before ? $"{context} {identifier}" : $"{identifier}. {context}").Trim());
            }
        }

        public IEnumerable<string> Clean(int count)
        {
            for (var i = 0; i < count; i++)
            {
                yield return Pick<Func<string>>([
                    () => $"{Pick(Devices)} serial {Digits(5)} alarms after the firmware update.",
                    () => $"SN {Digits(4)}-{Digits(2)}-{random.Next(1, 9)} and lot {Digits(5)} discussed with {Pick(Staff)}.",
                    () => $"Met {Pick(Staff)} and {Pick(Staff)} about replacing {random.Next(2, 40)} {Pick(Devices)}s.",
                    () => $"Patient Safety Committee meets on {random.Next(1, 13)}/{random.Next(1, 29)}; wants alarm fatigue data.",
                    () => $"Patient monitors in the ICU need a service visit; call Biomed at {Phone()}.",
                    () => $"Main Operating Room {random.Next(1, 12)} has {random.Next(2, 6)} of our ventilators.",
                    () => $"Quote {random.Next(2025, 2028)}-{Digits(3)} for {random.Next(2, 50)} pumps, due {random.Next(2026, 2028)}-{random.Next(1, 13):00}-{random.Next(1, 29):00}.",
                    () => $"Renewal of contract SC-{random.Next(2025, 2028)}-{Digits(4)}, value {Digits(6)}.",
                    () => $"Newborn unit wants {random.Next(2, 9)} warmers installed by {random.Next(1, 13)}/{random.Next(1, 29)}/{random.Next(2026, 2028)}.",
                    () => $"patient monitoring upgrade discussed with IT; {random.Next(10, 90)} beds on the telemetry floor.",
                    () => $"PO {Digits(9)} received for {random.Next(2, 30)} syringe pumps.",
                    () => $"Send the quote to {Pick(FirstNames).ToLowerInvariant()}.{Pick(LastNames).ToLowerInvariant().Replace("'", "")}@stmarys-hospital.org by Friday.",
                    () => $"{Pick(Staff)} reports {random.Next(2, 20)} occlusion alarms per week on {random.Next(3, 9)}West; patient flow is the concern.",
                    () => $"In-service for {random.Next(5, 40)} nurses on {Pick(Months)} {random.Next(1, 29)}; bed {random.Next(1, 30)} area used for the demo.",
                    () => $"Biomed lead {Name()} wants the PM schedule for {random.Next(20, 300)} devices; call {Phone()}.",
                    () => $"Room {random.Next(100, 999)} is the new equipment depot; {Pick(Staff)} has the keys.",
                    () => $"Pt transport team asked about the {Pick(Devices)} battery life ({random.Next(2, 12)} h).",
                    () => $"Dr. {Pick(LastNames)} prefers the {Pick(Devices)}; trial starts {Date(random.Next(2026, 2028))}.",
                ])();
            }
        }
    }
}
