using FluentValidation;
using Mediator;
using MedTechAccounts.Analytics.Calendar;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Interactions.Voice;

/// <summary>
/// Product marks a theme "heard" with its answer, in the customers' words (DESIGN: customers feel heard): the rep of
/// every account that raised the theme in the window gets a task to tell the customer. An account that already has
/// such a task open gets the newer answer on it instead of a second task. The answer and the tasks are audited.
/// </summary>
public static class HearProblem
{
    public const int MaxResponse = 2000;
    public const int DueInDays = 14;

    public sealed record Command : ICommand<Result>
    {
        public string ThemeKey { get; init; } = "";

        /// <summary>The product family the theme was raised for; empty for every family.</summary>
        public string? Family { get; init; }
        public string Response { get; init; } = "";

        /// <summary>The window the page showed (fiscal quarters back, the current one included).</summary>
        public int Quarters { get; init; } = 8;
    }

    public sealed record Result(Guid ResponseId, string Theme, int TasksRaised, int TasksUpdated, int AccountsWithoutRep);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.ThemeKey).NotEmpty().WithMessage("Theme is required.").MaximumLength(200);
            RuleFor(c => c.Family).MaximumLength(100);
            RuleFor(c => c.Response).NotEmpty().WithMessage("Response is required: what product will tell the customers.")
                .MaximumLength(MaxResponse);
            RuleFor(c => c.Quarters).InclusiveBetween(1, VoiceByProduct.MaxQuarters);
        }
    }

    public sealed class Handler(AppDbContext db, FiscalCalendar calendar, TimeProvider clock, ICurrentUser currentUser) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var userId = currentUser.UserId ?? throw new ForbiddenException("A response is given by a signed-in person.");
            var now = clock.GetUtcNow().UtcDateTime;
            var today = DateOnly.FromDateTime(now);
            var quarter = calendar.QuarterOf(today);
            for (var i = 1; i < command.Quarters; i++)
            {
                quarter = quarter.Previous();
            }

            var family = string.IsNullOrWhiteSpace(command.Family) ? "" : command.Family.Trim();
            var raised = (await VoiceItems.ReadAsync(db, currentUser, calendar.Start(quarter), cancellationToken))
                .Where(r => !r.Held && r.ThemeKey == command.ThemeKey && (family.Length == 0 || string.Equals(r.Family, family, StringComparison.OrdinalIgnoreCase)))
                .ToList();
            if (raised.Count == 0)
            {
                throw new NotFoundException("Theme", command.ThemeKey);
            }

            var theme = raised.GroupBy(r => r.Theme).MaxBy(g => g.Count())!.Key;
            var accountIds = raised.Select(r => r.AccountId).ToHashSet();
            var owners = await VoiceItems.Source(db.Accounts, currentUser)
                .Where(a => accountIds.Contains(a.Id))
                .Select(a => new { a.Id, a.OwnerRepId })
                .ToListAsync(cancellationToken);
            var open = await VoiceItems.Source(db.EngagementTasks, currentUser)
                .Where(t => accountIds.Contains(t.AccountId) && t.Playbook == Playbook.TellCustomerProductHeard && t.Status == EngagementTaskStatus.Open)
                .ToDictionaryAsync(t => t.AccountId, cancellationToken);

            var reason = Shorten($"Product heard \"{theme}\"{(family.Length > 0 ? $" ({family})" : "")}: {command.Response.Trim()} Tell the customer.", 1000);
            var (raisedTasks, updated, withoutRep) = (0, 0, 0);
            foreach (var account in owners)
            {
                if (open.TryGetValue(account.Id, out var task))
                {
                    task.Reason = reason;
                    task.Due = today.AddDays(DueInDays);
                    updated++;
                    continue;
                }

                if (account.OwnerRepId is null)
                {
                    withoutRep++;
                    continue;
                }

                db.EngagementTasks.Add(new EngagementTask
                {
                    AccountId = account.Id,
                    Playbook = Playbook.TellCustomerProductHeard,
                    Reason = reason,
                    Priority = 2,
                    AssigneeId = account.OwnerRepId,
                    Due = today.AddDays(DueInDays),
                    Status = EngagementTaskStatus.Open,
                });
                raisedTasks++;
            }

            var response = new VoiceResponse
            {
                ThemeKey = command.ThemeKey,
                Theme = Shorten(theme, 200),
                Family = family,
                Response = command.Response.Trim(),
                RespondedById = userId,
                RespondedAt = now,
                AccountsTold = raisedTasks + updated,
            };
            db.VoiceResponses.Add(response);
            return new Result(response.Id, theme, raisedTasks, updated, withoutRep);
        }

        private static string Shorten(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
    }
}
