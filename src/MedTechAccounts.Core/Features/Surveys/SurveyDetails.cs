using Mediator;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Surveys;

/// <summary>One survey response with its account, contact and NPS category.</summary>
public static class SurveyDetails
{
    public sealed record Query(Guid Id) : IQuery<SurveyList.Row>;

    public sealed class Handler(AppDbContext db) : IQueryHandler<Query, SurveyList.Row>
    {
        public async ValueTask<SurveyList.Row> Handle(Query query, CancellationToken cancellationToken) =>
            await db.SurveyResponses.AsNoTracking().Where(s => s.Id == query.Id)
                .Select(s => new SurveyList.Row
                {
                    Id = s.Id,
                    AccountId = s.AccountId,
                    AccountName = s.Account!.Name,
                    ContactId = s.ContactId,
                    ContactName = s.Contact == null ? null : s.Contact.Name,
                    Date = s.Date,
                    Nps = s.Nps,
                    Comment = s.Comment,
                    Version = s.Version,
                })
                .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Survey response", query.Id);
    }
}
