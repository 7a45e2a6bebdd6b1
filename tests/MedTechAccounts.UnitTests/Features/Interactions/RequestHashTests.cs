using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Interactions;

namespace MedTechAccounts.UnitTests.Features.Interactions;

public sealed class RequestHashTests
{
    private static readonly Guid Rep = Guid.NewGuid();
    private static readonly Guid ContactA = Guid.NewGuid();
    private static readonly Guid ContactB = Guid.NewGuid();

    private static readonly LogVisit.Command Visit = new()
    {
        Id = Guid.NewGuid(), AccountId = Guid.NewGuid(), OccurredAt = new DateTime(2026, 11, 2, 13, 30, 0, DateTimeKind.Utc),
        Type = InteractionType.Visit, ContactIds = [ContactA, ContactB], Notes = "Pump alarms", VoiceOfCustomer = ["Alarm fatigue"],
        Sentiment = 1, NextStep = "Send notes", NextStepDue = new DateOnly(2026, 11, 9), Source = InteractionSource.Tablet,
    };

    private static string Hash(LogVisit.Command command, Guid? rep = null) =>
        InteractionText.RequestHash(command.Id, rep ?? Rep, command, command.Source);

    [Fact]
    public void The_same_request_hashes_the_same_whatever_the_order_of_ids_and_the_surrounding_blanks() =>
        Assert.Equal(Hash(Visit), Hash(Visit with { ContactIds = [ContactB, ContactA, ContactA], Notes = "  Pump alarms \n", VoiceOfCustomer = ["Alarm fatigue\n"] }));

    [Fact]
    public void A_form_text_area_and_an_API_list_of_problems_hash_the_same() =>
        Assert.Equal(
            Hash(Visit with { VoiceOfCustomer = ["Alarm fatigue", "Too many cables"] }),
            Hash(Visit with { VoiceOfCustomer = ["Alarm fatigue\r\nToo many cables"] }));

    [Fact]
    public void Any_change_of_content_or_author_changes_the_hash()
    {
        var original = Hash(Visit);

        Assert.NotEqual(original, Hash(Visit with { Sentiment = 2 }));
        Assert.NotEqual(original, Hash(Visit with { Notes = "Pump alarms!" }));
        Assert.NotEqual(original, Hash(Visit with { OccurredAt = Visit.OccurredAt.AddMinutes(1) }));
        Assert.NotEqual(original, Hash(Visit with { ContactIds = [ContactA] }));
        Assert.NotEqual(original, Hash(Visit with { NextStepDue = null }));
        Assert.NotEqual(original, Hash(Visit, Guid.NewGuid()));
    }

    [Fact]
    public void The_hash_is_64_lower_case_hex_digits() =>
        Assert.Matches("^[0-9a-f]{64}$", Hash(Visit));
}
