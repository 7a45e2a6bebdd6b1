using AutoMapper;
using AutoMapper.QueryableExtensions;
using FluentValidation;
using Mediator;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Audit;

/// <summary>
/// The audit trail, read-only: one row per changed field, newest first, filtered by record, person,
/// action, field and time (UTC). Entries are written by the save interceptor and never changed.
/// </summary>
public static class AuditLog
{
    public sealed record Query : IQuery<PagedResult<Row>>
    {
        /// <summary>Entity type name, e.g. Account, Territory, ApplicationUser.</summary>
        public string? Entity { get; init; }
        public string? EntityId { get; init; }

        /// <summary>Who made the change (the e-mail of a person, a client id, or "system"); a part of it matches.</summary>
        public string? UserName { get; init; }
        public AuditAction? Action { get; init; }
        public string? Field { get; init; }

        /// <summary>Changes at or after this time (UTC).</summary>
        public DateTime? From { get; init; }

        /// <summary>Changes at or before this time (UTC).</summary>
        public DateTime? To { get; init; }
        public int Page { get; init; } = 1;
        public int PageSize { get; init; } = Paging.DefaultPageSize;
    }

    public sealed record Row
    {
        public long Id { get; init; }
        public DateTime At { get; init; }
        public string UserName { get; init; } = "";

        /// <summary>The name of the person whose login <see cref="UserName"/> is, when there is one (not for a client or "system").</summary>
        public string? UserDisplayName { get; init; }
        public string Entity { get; init; } = "";
        public string EntityId { get; init; } = "";
        public AuditAction Action { get; init; }
        public string Field { get; init; } = "";
        public string? OldValue { get; init; }
        public string? NewValue { get; init; }
    }

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Page).GreaterThanOrEqualTo(1);
            RuleFor(q => q.PageSize).InclusiveBetween(1, Paging.MaxPageSize);
            RuleFor(q => q.Entity).MaximumLength(100);
            RuleFor(q => q.EntityId).MaximumLength(100);
            RuleFor(q => q.UserName).MaximumLength(256);
            RuleFor(q => q.Field).MaximumLength(100);
            RuleFor(q => q.Action).IsInEnum();

            // A "to" before "from" is not an error: it matches nothing, as any empty filter result does.
        }
    }

    public sealed class Projection : Profile
    {
        public Projection() => CreateProjection<AuditEntry, Row>().ForMember(r => r.UserDisplayName, o => o.Ignore());
    }

    public sealed class Handler(AppDbContext db, IConfigurationProvider mapping) : IQueryHandler<Query, PagedResult<Row>>
    {
        public async ValueTask<PagedResult<Row>> Handle(Query query, CancellationToken cancellationToken)
        {
            var entries = db.AuditEntries.AsNoTracking();
            if (!string.IsNullOrWhiteSpace(query.Entity))
            {
                var entity = query.Entity.Trim();
                entries = entries.Where(e => e.Entity == entity);
            }

            if (!string.IsNullOrWhiteSpace(query.EntityId))
            {
                var id = query.EntityId.Trim();
                entries = entries.Where(e => e.EntityId == id);
            }

            if (!string.IsNullOrWhiteSpace(query.UserName))
            {
                var pattern = $"%{query.UserName.Trim().Replace("%", "", StringComparison.Ordinal).ToUpperInvariant()}%";
                entries = entries.Where(e => EF.Functions.Like(e.UserName.ToUpper(), pattern));
            }

            if (query.Action is { } action)
            {
                entries = entries.Where(e => e.Action == action);
            }

            if (!string.IsNullOrWhiteSpace(query.Field))
            {
                var field = query.Field.Trim();
                entries = entries.Where(e => e.Field == field);
            }

            if (query.From is { } from)
            {
                var start = UtcTime.Of(from);
                entries = entries.Where(e => e.At >= start);
            }

            if (query.To is { } to)
            {
                var end = UtcTime.Of(to);
                entries = entries.Where(e => e.At <= end);
            }

            var total = await entries.CountAsync(cancellationToken);
            var items = await entries.OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
                .Skip((query.Page - 1) * query.PageSize)
                .Take(query.PageSize)
                .ProjectTo<Row>(mapping)
                .ToListAsync(cancellationToken);

            // People by their names: the logins on this page, looked up once (an entry outlives a renamed or removed user: then the login alone).
            var logins = items.Select(i => i.UserName.ToUpperInvariant()).Distinct().ToList();
            var names = await db.Users.AsNoTracking()
                .Where(u => u.NormalizedUserName != null && logins.Contains(u.NormalizedUserName) && u.DisplayName != "")
                .Select(u => new { u.NormalizedUserName, u.DisplayName })
                .ToDictionaryAsync(u => u.NormalizedUserName!, u => u.DisplayName, cancellationToken);
            items = [.. items.Select(i => names.TryGetValue(i.UserName.ToUpperInvariant(), out var name) ? i with { UserDisplayName = name } : i)];
            return new PagedResult<Row>(items, query.Page, query.PageSize, total);
        }
    }

}
