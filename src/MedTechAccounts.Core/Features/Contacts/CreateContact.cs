using FluentValidation;
using Mediator;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Contacts;

public static class CreateContact
{
    public sealed record Command : ICommand<Guid>, IContactFields
    {
        public Guid? Id { get; init; }
        public Guid AccountId { get; init; }
        public string ExternalId { get; init; } = "";
        public string Name { get; init; } = "";
        public string? Title { get; init; }
        public ContactRole Role { get; init; }
        public ContactInfluence Influence { get; init; } = ContactInfluence.User;
        public ContactChannel PreferredChannel { get; init; } = ContactChannel.InPerson;
        public string? Email { get; init; }
        public string? Phone { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(AppDbContext db)
        {
            RuleFor(c => c.AccountId).MustExistIn(db.Accounts, "Account");
            Include(new ContactFieldsValidator<Command>());
            RuleFor(c => c.ExternalId)
                .MustAsync(async (id, ct) => await db.Contacts.IsFreeAsync(c => c.ExternalId == id.Trim(), ct))
                .WithMessage("External id is already used by another contact.");
            RuleFor(c => c.Id)
                .MustAsync(async (id, ct) => id is null || await db.Contacts.IsFreeAsync(c => c.Id == id, ct))
                .WithMessage("A contact with this id already exists.");
        }
    }

    public sealed class Handler(AppDbContext db) : ICommandHandler<Command, Guid>
    {
        public ValueTask<Guid> Handle(Command command, CancellationToken cancellationToken)
        {
            var contact = new Contact
            {
                Id = command.Id is { } id && id != Guid.Empty ? id : Guid.NewGuid(),
                AccountId = command.AccountId,
            };
            command.ApplyTo(contact);
            db.Contacts.Add(contact);
            return ValueTask.FromResult(contact.Id);
        }
    }
}
