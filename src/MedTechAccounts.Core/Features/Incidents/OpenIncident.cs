using FluentValidation;
using Mediator;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MedTechAccounts.Core.Features.Incidents;

/// <summary>
/// Opens a service incident against a device of an account the caller may see. The opening time defaults to now;
/// the after-hours flag is derived from that time and the site's business hours unless the caller sets it;
/// an external id is generated when none is given.
/// </summary>
public static class OpenIncident
{
    public sealed record Command : ICommand<Result>, IIncidentFields
    {
        /// <summary>Optional client-generated id; a new one is made when empty.</summary>
        public Guid? Id { get; init; }

        /// <summary>Key shared with the service system; generated ("INC-yyyyMMdd-XXXXXX") when empty. Unique.</summary>
        public string? ExternalId { get; init; }
        public Guid AccountId { get; init; }
        public Guid DeviceId { get; init; }

        /// <summary>When the incident was opened, UTC; now when empty.</summary>
        public DateTime? OpenedAt { get; init; }
        public IncidentSeverity Severity { get; init; } = IncidentSeverity.Major;
        public string Category { get; init; } = "";

        /// <summary>Empty: derived from the opening time and the site's business hours; true or false overrides it.</summary>
        public bool? AfterHours { get; init; }
    }

    public sealed record Result(Guid Id, string ExternalId, Guid AccountId, bool AfterHours);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(AppDbContext db, TimeProvider clock)
        {
            RuleFor(c => c.AccountId).MustExistIn(db.Accounts, "Account");
            Include(new IncidentFieldsValidator<Command>(db, (c, _) => Task.FromResult<Guid?>(c.AccountId)));
            RuleFor(c => c.OpenedAt)
                .Must(at => at is not { } v || UtcTime.ToMillisecond(v) >= IncidentText.Earliest).WithMessage("Opened at must be in 2000 or later.")
                .Must(at => IncidentText.IsNotInFuture(at, clock)).WithMessage("Opened at cannot be in the future.");
            RuleFor(c => c.ExternalId).MaximumLength(IncidentLimits.MaxExternalId)
                .Matches("^[A-Za-z0-9][A-Za-z0-9._/-]*$").WithMessage("External id may contain letters, digits and . _ / - only.")
                .MustAsync(async (externalId, ct) =>
                    await db.Incidents.IsFreeAsync(i => i.ExternalId == externalId!.Trim(), ct))
                .WithMessage("An incident with this external id already exists.")
                .When(c => !string.IsNullOrWhiteSpace(c.ExternalId));
            RuleFor(c => c.Id)
                .MustAsync(async (id, ct) => id is null || await db.Incidents.IsFreeAsync(i => i.Id == id, ct))
                .WithMessage("An incident with this id already exists.");
        }
    }

    public sealed class Handler(AppDbContext db, TimeProvider clock, IOptions<IncidentOptions> options) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = UtcTime.ToMillisecond(clock.GetUtcNow().UtcDateTime);
            var openedAt = UtcTime.ToMillisecond(command.OpenedAt) ?? now;
            var zone = await db.TimeZoneOfAsync(command.AccountId, cancellationToken);
            var incident = new ServiceIncident
            {
                Id = command.Id is { } id && id != Guid.Empty ? id : Guid.NewGuid(),
                ExternalId = string.IsNullOrWhiteSpace(command.ExternalId) ? IncidentText.NewExternalId(now) : command.ExternalId.Trim(),
                AccountId = command.AccountId,
                DeviceId = command.DeviceId,
                OpenedAt = openedAt,
                Severity = command.Severity,
                Category = command.Category.Trim(),
                AfterHours = command.AfterHours ?? AfterHours.IsAfterHours(openedAt, zone, options.Value.BusinessHours),
                Status = IncidentStatus.Open,
            };
            db.Incidents.Add(incident);
            return new Result(incident.Id, incident.ExternalId, incident.AccountId, incident.AfterHours);
        }
    }
}
