using Mediator;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Surveys;

/// <summary>The contacts of one account who can have answered a survey, labelled "name — title".</summary>
public static class SurveyContacts
{
    public sealed record Query(Guid AccountId) : IQuery<IReadOnlyList<Option>>;

    public sealed class Handler(AppDbContext db) : IQueryHandler<Query, IReadOnlyList<Option>>
    {
        public async ValueTask<IReadOnlyList<Option>> Handle(Query query, CancellationToken cancellationToken) =>
            await db.Contacts.AsNoTracking().Where(c => c.AccountId == query.AccountId).OrderBy(c => c.Name)
                .Select(c => new Option(c.Id, c.Title == null ? c.Name : c.Name + " — " + c.Title))
                .ToListAsync(cancellationToken);
    }
}
