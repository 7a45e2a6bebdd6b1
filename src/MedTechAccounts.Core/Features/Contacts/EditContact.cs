using AutoMapper;
using AutoMapper.QueryableExtensions;
using FluentValidation;
using Mediator;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Common;
using MedTechAccounts.Core.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Contacts;

public static class EditContact
{
    public sealed record Query(Guid Id) : IQuery<Command>;

    public sealed record Command : ICommand<Guid>, IContactFields
    {
        public Guid Id { get; init; }
        public Guid AccountId { get; init; }
        public Guid Version { get; init; }
        public string ExternalId { get; init; } = "";
        public string Name { get; init; } = "";
        public string? Title { get; init; }
        public ContactRole Role { get; init; }
        public ContactInfluence Influence { get; init; }
        public ContactChannel PreferredChannel { get; init; }
        public string? Email { get; init; }
        public string? Phone { get; init; }
    }

    public sealed class Projection : Profile
    {
        public Projection() => CreateProjection<Contact, Command>();
    }

    public sealed class QueryHandler(AppDbContext db, IConfigurationProvider mapping) : IQueryHandler<Query, Command>
    {
        public async ValueTask<Command> Handle(Query query, CancellationToken cancellationToken) =>
            await db.Contacts.AsNoTracking().Where(c => c.Id == query.Id).ProjectTo<Command>(mapping).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Contact", query.Id);
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(AppDbContext db)
        {
            RuleFor(c => c.Id).MustExistIn(db.Contacts, "Contact");
            Include(new ContactFieldsValidator<Command>());
            RuleFor(c => c.Version).NotEmpty();
            RuleFor(c => c.ExternalId)
                .MustAsync(async (command, id, ct) =>
                    await db.Contacts.IsFreeAsync(c => c.ExternalId == id.Trim() && c.Id != command.Id, ct))
                .WithMessage("External id is already used by another contact.");
        }
    }

    public sealed class Handler(AppDbContext db) : ICommandHandler<Command, Guid>
    {
        public async ValueTask<Guid> Handle(Command command, CancellationToken cancellationToken)
        {
            var contact = await db.Contacts.SingleOrDefaultAsync(c => c.Id == command.Id, cancellationToken)
                ?? throw new NotFoundException("Contact", command.Id);
            db.Entry(contact).Property(c => c.Version).OriginalValue = command.Version;
            command.ApplyTo(contact);
            return contact.Id;
        }
    }
}
