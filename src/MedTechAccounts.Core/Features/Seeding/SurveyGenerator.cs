using MedTechAccounts.Core.Domain;

namespace MedTechAccounts.Core.Features.Seeding;

/// <summary>
/// NPS survey waves in April and October. Healthy accounts are mostly promoters; poor-service accounts turn
/// into detractors over the last year, so the NPS trend has somewhere to go.
/// </summary>
internal sealed class SurveyGenerator(SeedContext context)
{
    private static readonly int[] WaveMonths = [4, 10];

    private static readonly (int, double)[] Healthy = [(5, 2), (6, 4), (7, 10), (8, 20), (9, 32), (10, 32)];
    private static readonly (int, double)[] Mixed = [(4, 3), (5, 5), (6, 10), (7, 20), (8, 27), (9, 22), (10, 13)];
    private static readonly (int, double)[] Unhappy = [(1, 4), (2, 8), (3, 10), (4, 14), (5, 18), (6, 22), (7, 14), (8, 7), (9, 3)];

    public void Generate(AccountBuild build)
    {
        if (build.Slot.Status == AccountStatus.Prospect || build.Contacts.Count == 0)
        {
            return;
        }

        var random = build.Random;
        var end = build.LostOn ?? context.LastDay;
        for (var year = context.WindowStart.Year; year <= context.Today.Year; year++)
        {
            foreach (var month in WaveMonths)
            {
                var wave = new DateOnly(year, month, 15);
                if (wave < context.WindowStart || wave > end || !random.Chance(0.65))
                {
                    continue;
                }

                foreach (var contact in random.Sample(build.Contacts, random.Int(1, 2)))
                {
                    var nps = random.Weighted(Scores(build, wave));
                    context.Batch.Surveys.Add(context.Stamp(new SurveyResponse
                    {
                        AccountId = build.Account.Id,
                        ContactId = contact.Id,
                        Date = wave.AddDays(random.Int(0, 20)) is var answered && answered <= end ? answered : wave,
                        Nps = nps,
                        Comment = Phrases.SurveyComment(random, nps),
                    }, random));
                }
            }
        }
    }

    private IReadOnlyList<(int, double)> Scores(AccountBuild build, DateOnly wave) =>
        build.Has(PlantedPattern.PoorService) && wave >= context.Today.AddDays(-365) ? Unhappy
        : build.Slot.Pattern == PlantedPattern.Control ? Healthy
        : Mixed;
}
