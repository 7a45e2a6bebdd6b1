using FluentValidation;
using Mediator;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Surveys;

/// <summary>Survey responses of the accounts the caller may see: account, date-range and NPS-category filters, newest first, paged, with the NPS of every match.</summary>
public static class SurveyList
{
    public sealed record Query : IQuery<Result>
    {
        public Guid? AccountId { get; init; }
        public DateOnly? From { get; init; }
        public DateOnly? To { get; init; }
        public NpsCategory? Category { get; init; }
        public int Page { get; init; } = 1;
        public int PageSize { get; init; } = Paging.DefaultPageSize;
    }

    public sealed record Row
    {
        public Guid Id { get; init; }
        public Guid AccountId { get; init; }
        public string AccountName { get; init; } = "";
        public Guid? ContactId { get; init; }
        public string? ContactName { get; init; }
        public DateOnly Date { get; init; }
        public int Nps { get; init; }
        public NpsCategory Category => Surveys.Nps.CategoryOf(Nps);
        public string? Comment { get; init; }
        public Guid Version { get; init; }
    }

    /// <summary>Counts over every response that matches the account and date filters (the category filter aside).</summary>
    public sealed record Summary(int Responses, int Promoters, int Passives, int Detractors)
    {
        public int? NetPromoterScore => Nps.Score(Promoters, Detractors, Responses);
    }

    public sealed record Result(IReadOnlyList<Row> Items, int Page, int PageSize, int TotalCount, Summary Summary)
    {
        public int PageCount => Math.Max(1, (int)Math.Ceiling(TotalCount / (double)PageSize));
    }

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Page).GreaterThanOrEqualTo(1);
            RuleFor(q => q.PageSize).InclusiveBetween(1, Paging.MaxPageSize);
            RuleFor(q => q.Category).IsInEnum();
            RuleFor(q => q.To).Must((q, to) => to is null || q.From is null || to >= q.From).WithMessage("'To' cannot be before 'From'.");
        }
    }

    public sealed class Handler(AppDbContext db) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var responses = db.SurveyResponses.AsNoTracking().OfVisibleAccounts(db);
            if (query.AccountId is { } accountId)
            {
                responses = responses.Where(s => s.AccountId == accountId);
            }

            if (query.From is { } from)
            {
                responses = responses.Where(s => s.Date >= from);
            }

            if (query.To is { } to)
            {
                responses = responses.Where(s => s.Date <= to);
            }

            var bands = await responses.GroupBy(s => s.Nps >= 9 ? 2 : s.Nps >= 7 ? 1 : 0)
                .Select(g => new { Band = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
            int Count(int band) => bands.Where(b => b.Band == band).Sum(b => b.Count);
            var summary = new Summary(bands.Sum(b => b.Count), Count(2), Count(1), Count(0));

            responses = query.Category switch
            {
                NpsCategory.Promoter => responses.Where(s => s.Nps >= 9),
                NpsCategory.Passive => responses.Where(s => s.Nps >= 7 && s.Nps <= 8),
                NpsCategory.Detractor => responses.Where(s => s.Nps <= 6),
                _ => responses,
            };
            var total = await responses.CountAsync(cancellationToken);
            var items = await responses.OrderByDescending(s => s.Date).ThenBy(s => s.Id)
                .Skip((query.Page - 1) * query.PageSize).Take(query.PageSize)
                .Select(s => new Row
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
                .ToListAsync(cancellationToken);
            return new Result(items, query.Page, query.PageSize, total, summary);
        }
    }
}
