using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Contacts;

namespace MedTechAccounts.UnitTests.Features.Contacts;

public sealed class ContactValidatorTests
{
    private static readonly CreateContact.Command Valid = new()
    {
        AccountId = Guid.NewGuid(), ExternalId = "CON-1", Name = "Dr. Ana Ruiz", Title = "Chief of Anesthesiology",
        Role = ContactRole.Clinician, Influence = ContactInfluence.DecisionMaker, PreferredChannel = ContactChannel.Email,
        Email = "ana.ruiz@mercy.example", Phone = "+1 (312) 555-0100",
    };

    private static FluentValidation.Results.ValidationResult Validate(CreateContact.Command command) =>
        new ContactFieldsValidator<CreateContact.Command>().Validate(command);

    [Fact]
    public void A_complete_contact_is_valid() => Assert.True(Validate(Valid).IsValid);

    [Fact]
    public void The_email_channel_needs_an_email_address()
    {
        var result = Validate(Valid with { Email = null });

        Assert.Equal(["Email"], result.Errors.Select(e => e.PropertyName));
    }

    [Fact]
    public void A_malformed_email_or_phone_is_reported_by_field()
    {
        var result = Validate(Valid with { Email = "not-an-email", Phone = "call me maybe" });

        Assert.Equal(["Email", "Phone"], result.Errors.Select(e => e.PropertyName).Distinct().Order());
    }

    [Fact]
    public void Phone_and_text_channels_need_a_phone_number()
    {
        var result = Validate(Valid with { PreferredChannel = ContactChannel.Text, Phone = "" });

        Assert.Contains(result.Errors, e => e.PropertyName == "Phone");
    }
}
