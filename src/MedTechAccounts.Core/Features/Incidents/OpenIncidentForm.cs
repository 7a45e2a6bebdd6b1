using Mediator;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Incidents;

/// <summary>
/// A new-incident form for an account the caller may see (404 otherwise): opened now, the device preselected
/// when the form was reached from one.
/// </summary>
public static class OpenIncidentForm
{
    public sealed record Query(Guid AccountId, Guid? DeviceId = null) : IQuery<OpenIncident.Command>;

    public sealed class Handler(AppDbContext db, TimeProvider clock) : IQueryHandler<Query, OpenIncident.Command>
    {
        public async ValueTask<OpenIncident.Command> Handle(Query query, CancellationToken cancellationToken)
        {
            if (!await db.Accounts.AnyAsync(a => a.Id == query.AccountId, cancellationToken))
            {
                throw new NotFoundException("Account", query.AccountId);
            }

            var device = query.DeviceId is { } deviceId
                && await db.Devices.AnyAsync(d => d.Id == deviceId && d.AccountId == query.AccountId, cancellationToken)
                ? deviceId
                : Guid.Empty;
            return new OpenIncident.Command
            {
                AccountId = query.AccountId,
                DeviceId = device,
                OpenedAt = UtcTime.ToMillisecond(clock.GetUtcNow().UtcDateTime),
            };
        }
    }
}
