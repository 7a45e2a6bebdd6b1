using FluentValidation;
using MedTechAccounts.Core.Domain;

namespace MedTechAccounts.Core.Features.Contacts;

/// <summary>The fields a contact form edits, shared by <see cref="CreateContact"/> and <see cref="EditContact"/>.</summary>
public interface IContactFields
{
    string ExternalId { get; }
    string Name { get; }
    string? Title { get; }
    ContactRole Role { get; }
    ContactInfluence Influence { get; }
    ContactChannel PreferredChannel { get; }
    string? Email { get; }
    string? Phone { get; }
}

public sealed class ContactFieldsValidator<T> : AbstractValidator<T> where T : IContactFields
{
    public ContactFieldsValidator()
    {
        RuleFor(c => c.ExternalId).NotEmpty().MaximumLength(64)
            .Matches("^[A-Za-z0-9._-]+$").WithMessage("External id may contain letters, digits, '.', '_' and '-' only.");
        RuleFor(c => c.Name).NotEmpty().MaximumLength(200);
        RuleFor(c => c.Title).MaximumLength(200);
        RuleFor(c => c.Role).IsInEnum();
        RuleFor(c => c.Influence).IsInEnum();
        RuleFor(c => c.PreferredChannel).IsInEnum();
        RuleFor(c => c.Email).MaximumLength(256).EmailAddress().When(c => !string.IsNullOrWhiteSpace(c.Email));
        RuleFor(c => c.Phone).MaximumLength(50).Matches(@"^[0-9+().\-\s x]*$").WithMessage("Phone may contain digits, spaces and + ( ) - . x only.");
        RuleFor(c => c.Email).NotEmpty().When(c => c.PreferredChannel == ContactChannel.Email)
            .WithMessage("Email is required when the preferred channel is Email.");
        RuleFor(c => c.Phone).NotEmpty().When(c => c.PreferredChannel is ContactChannel.Phone or ContactChannel.Text)
            .WithMessage("Phone is required when the preferred channel is Phone or Text.");
    }
}

internal static class ContactFieldsExtensions
{
    public static void ApplyTo(this IContactFields fields, Contact contact)
    {
        contact.ExternalId = fields.ExternalId.Trim();
        contact.Name = fields.Name.Trim();
        contact.Title = string.IsNullOrWhiteSpace(fields.Title) ? null : fields.Title.Trim();
        contact.Role = fields.Role;
        contact.Influence = fields.Influence;
        contact.PreferredChannel = fields.PreferredChannel;
        contact.Email = string.IsNullOrWhiteSpace(fields.Email) ? null : fields.Email.Trim();
        contact.Phone = string.IsNullOrWhiteSpace(fields.Phone) ? null : fields.Phone.Trim();
    }
}
