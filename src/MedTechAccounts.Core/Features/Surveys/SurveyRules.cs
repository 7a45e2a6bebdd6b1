using System.ComponentModel.DataAnnotations;
using FluentValidation;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Surveys;

/// <summary>The fields a survey response form edits, shared by <see cref="RecordSurveyResponse"/> and <see cref="EditSurveyResponse"/>.</summary>
public interface ISurveyFields
{
    Guid AccountId { get; }

    /// <summary>The contact who answered, a contact of the account; empty for an anonymous answer.</summary>
    Guid? ContactId { get; }
    DateOnly Date { get; }

    /// <summary>"How likely are you to recommend us?" 0..10; required (null only so that a missing answer is refused, not read as 0).</summary>
    int? Nps { get; }
    string? Comment { get; }
}

/// <summary>The usual NPS bands: 9–10 promoters, 7–8 passives, 0–6 detractors.</summary>
public enum NpsCategory
{
    [Display(Name = "Detractor")] Detractor,
    [Display(Name = "Passive")] Passive,
    [Display(Name = "Promoter")] Promoter,
}

public static class Nps
{
    public static NpsCategory CategoryOf(int score) => score >= 9 ? NpsCategory.Promoter : score >= 7 ? NpsCategory.Passive : NpsCategory.Detractor;

    /// <summary>Net Promoter Score of a set of answers: % promoters − % detractors (−100..100); null without answers.</summary>
    public static int? Score(int promoters, int detractors, int total) =>
        total == 0 ? null : (int)Math.Round((promoters - detractors) * 100m / total, MidpointRounding.AwayFromZero);
}

/// <summary>Survey rules: NPS 0..10, a date from 2000 up to today, a comment of at most 2000 characters, a contact of the same account.</summary>
public sealed class SurveyFieldsValidator<T> : AbstractValidator<T> where T : ISurveyFields
{
    public static readonly DateOnly EarliestDate = new(2000, 1, 1);

    public SurveyFieldsValidator(AppDbContext db, TimeProvider clock)
    {
        RuleFor(s => s.Nps).NotNull().WithMessage("Choose a score from 0 to 10.").InclusiveBetween(0, 10).WithMessage("NPS must be from 0 to 10.");
        RuleFor(s => s.Date).NotEmpty()
            .GreaterThanOrEqualTo(EarliestDate).WithMessage("Date must be in 2000 or later.")
            .Must(date => date <= DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)).WithMessage("Date cannot be in the future.");
        RuleFor(s => s.Comment).MaximumLength(2000);
        RuleFor(s => s.ContactId)
            .MustAsync(async (s, id, ct) => await db.Contacts.AnyAsync(c => c.Id == id && c.AccountId == s.AccountId, ct))
            .When(s => s.ContactId is { } id && id != Guid.Empty)
            .WithMessage("The contact must be a contact of this account.");
    }
}

internal static class SurveyFieldsExtensions
{
    public static void ApplyTo(this ISurveyFields fields, SurveyResponse response)
    {
        response.ContactId = fields.ContactId is { } id && id != Guid.Empty ? id : null;
        response.Date = fields.Date;
        response.Nps = fields.Nps!.Value;
        response.Comment = string.IsNullOrWhiteSpace(fields.Comment) ? null : fields.Comment.Trim();
    }
}
