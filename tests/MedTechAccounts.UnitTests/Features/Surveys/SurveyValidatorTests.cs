using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Surveys;
using MedTechAccounts.UnitTests.Infrastructure;

namespace MedTechAccounts.UnitTests.Features.Surveys;

/// <summary>Survey rules on a real (in-memory SQLite) context with a fixed clock: 2 November 2026.</summary>
public sealed class SurveyValidatorTests : IDisposable
{
    private readonly InMemoryDatabase _database = new();
    private static readonly DateOnly Today = new(2026, 11, 2);

    private async Task<(Account Account, Contact Own, Contact Foreign)> SeedAsync()
    {
        var territory = await _database.AddTerritoryAsync("North", "Midwest");
        var account = new Account { ExternalId = "ACC-1", Name = "Mercy General", TerritoryId = territory.Id };
        var other = new Account { ExternalId = "ACC-2", Name = "St. Luke", TerritoryId = territory.Id };
        var own = new Contact { Account = account, ExternalId = "C-1", Name = "Dr. Ada Ames" };
        var foreign = new Contact { Account = other, ExternalId = "C-2", Name = "Bo Brandt" };
        _database.Db.AddRange(account, other, own, foreign);
        await _database.Db.SaveChangesAsync();
        return (account, own, foreign);
    }

    private async Task<IEnumerable<string>> FailingAsync(RecordSurveyResponse.Command command) =>
        (await new SurveyFieldsValidator<RecordSurveyResponse.Command>(_database.Db, _database.Clock).ValidateAsync(command))
        .Errors.Select(e => e.PropertyName).Distinct().Order();

    [Theory]
    [InlineData(0, true)]
    [InlineData(10, true)]
    [InlineData(7, true)]
    [InlineData(-1, false)]
    [InlineData(11, false)]
    public async Task The_NPS_answer_is_from_0_to_10(int nps, bool valid)
    {
        var (account, own, _) = await SeedAsync();

        var failing = await FailingAsync(new RecordSurveyResponse.Command { AccountId = account.Id, ContactId = own.Id, Date = Today, Nps = nps });

        Assert.Equal(valid ? [] : ["Nps"], failing);
    }

    [Fact]
    public async Task A_missing_score_is_refused_not_read_as_zero()
    {
        var (account, _, _) = await SeedAsync();

        Assert.Equal(["Nps"], await FailingAsync(new RecordSurveyResponse.Command { AccountId = account.Id, Date = Today }));
    }

    [Fact]
    public async Task The_contact_must_belong_to_the_account_but_may_be_left_out()
    {
        var (account, own, foreign) = await SeedAsync();
        var command = new RecordSurveyResponse.Command { AccountId = account.Id, Date = Today.AddDays(-1), Nps = 9, Comment = "Fast service." };

        Assert.Empty(await FailingAsync(command with { ContactId = own.Id }));
        Assert.Empty(await FailingAsync(command with { ContactId = null }));
        Assert.Equal(["ContactId"], await FailingAsync(command with { ContactId = foreign.Id }));
        Assert.Equal(["ContactId"], await FailingAsync(command with { ContactId = Guid.NewGuid() }));
    }

    [Fact]
    public async Task The_date_is_not_in_the_future_nor_before_2000()
    {
        var (account, _, _) = await SeedAsync();
        var command = new RecordSurveyResponse.Command { AccountId = account.Id, Date = Today, Nps = 5 };

        Assert.Empty(await FailingAsync(command));
        Assert.Equal(["Date"], await FailingAsync(command with { Date = Today.AddDays(1) }));
        Assert.Equal(["Date"], await FailingAsync(command with { Date = new DateOnly(1999, 12, 31) }));
        Assert.Equal(["Comment"], await FailingAsync(command with { Comment = new string('x', 2001) }));
    }

    [Theory]
    [InlineData(0, NpsCategory.Detractor)]
    [InlineData(6, NpsCategory.Detractor)]
    [InlineData(7, NpsCategory.Passive)]
    [InlineData(8, NpsCategory.Passive)]
    [InlineData(9, NpsCategory.Promoter)]
    [InlineData(10, NpsCategory.Promoter)]
    public void Scores_fall_in_the_usual_NPS_bands(int score, NpsCategory category) => Assert.Equal(category, Nps.CategoryOf(score));

    [Fact]
    public void The_net_promoter_score_is_percent_promoters_minus_percent_detractors()
    {
        Assert.Equal(25, Nps.Score(promoters: 5, detractors: 2, total: 12));
        Assert.Equal(-100, Nps.Score(0, 3, 3));
        Assert.Null(Nps.Score(0, 0, 0));
    }

    public void Dispose() => _database.Dispose();
}
