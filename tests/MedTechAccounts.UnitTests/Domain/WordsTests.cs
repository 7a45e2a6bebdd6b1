using System.Reflection;
using System.Text.RegularExpressions;
using MedTechAccounts.Analytics.Signals;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Incidents;
using MedTechAccounts.Core.Features.Scoring;
using MedTechAccounts.Core.Features.Tasks;

namespace MedTechAccounts.UnitTests.Domain;

/// <summary>The display names: every enum a person reads has words for every member, and a multi-word code is never shown as it is.</summary>
public sealed partial class WordsTests
{
    /// <summary>Public enums that no person reads: configuration and seeding internals, query switches titled elsewhere, analytics inputs.</summary>
    private static readonly HashSet<Type> NotShown =
    [
        typeof(DatabaseProvider),
        typeof(MedTechAccounts.Core.Features.Seeding.PlantedPattern),
        typeof(DashboardList),
    ];

    /// <summary>The analytics enums the product shows (the others are the library's inputs, never on a page).</summary>
    private static readonly Type[] AnalyticsShown = [typeof(SignalKind), typeof(Tier), typeof(TierCap), typeof(TierRule)];

    public static TheoryData<string> Enums()
    {
        var data = new TheoryData<string>();
        foreach (var type in ShownEnums())
        {
            data.Add(type.FullName!);
        }

        return data;
    }

    private static IEnumerable<Type> ShownEnums() =>
        typeof(AppDbContext).Assembly.GetTypes()
            .Where(t => t.IsEnum && (t.IsPublic || t.IsNestedPublic) && !NotShown.Contains(t))
            .Concat(AnalyticsShown)
            .OrderBy(t => t.FullName, StringComparer.Ordinal);

    [Fact]
    public void The_list_of_enums_covers_the_domain()
    {
        var shown = ShownEnums().ToList();

        Assert.Contains(typeof(InteractionType), shown);
        Assert.Contains(typeof(SlaStatus), shown);
        Assert.Contains(typeof(AuditAction), shown);
        Assert.True(shown.Count >= 25, $"only {shown.Count} enums");
    }

    [Theory]
    [MemberData(nameof(Enums))]
    public void Every_member_has_words_and_a_multi_word_code_is_never_shown_as_it_is(string typeName)
    {
        var type = ShownEnums().Single(t => t.FullName == typeName);

        foreach (Enum value in Enum.GetValues(type))
        {
            var words = Words.Find(value);
            Assert.False(string.IsNullOrWhiteSpace(words), $"{type.Name}.{value} has no words");
            if (IsMultiWord(value.ToString()))
            {
                Assert.NotEqual(value.ToString(), words);
                Assert.Contains(' ', words!.Replace('-', ' '));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Enums))]
    public void No_two_members_of_one_enum_read_the_same(string typeName)
    {
        var type = ShownEnums().Single(t => t.FullName == typeName);

        var words = Enum.GetValues(type).Cast<Enum>().Select(Words.Of).ToList();

        Assert.Equal(words.Count, words.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void The_words_read_as_the_product_says_them()
    {
        Assert.Equal("In-service training", Words.Of(InteractionType.InServiceTraining));
        Assert.Equal("E-mail", Words.Of(InteractionType.Email));
        Assert.Equal("At risk", Words.Of(RiskTier.AtRisk));
        Assert.Equal("Lost to a competitor", Words.Of(DeviceStatus.LostToCompetitor));
        Assert.Equal("Decision maker", Words.Of(ContactInfluence.DecisionMaker));
        Assert.Equal("Post-sale silence", Words.Of(SignalKind.PostSaleSilence));
        Assert.Equal("At risk", Words.Of(Tier.AtRisk));
        Assert.Equal("—", Words.Of(null, "—"));
    }

    [Fact]
    public void The_older_helpers_say_the_same_words()
    {
        Assert.All(Enum.GetValues<Playbook>(), p => Assert.Equal(Words.Of(p), PlaybookNames.Of(p)));
        Assert.All(Enum.GetValues<RiskTier>(), t => Assert.Equal(Words.Of(t), ManagerDashboard.TierName(t)));
        Assert.All(Enum.GetValues<SlaStatus>(), s => Assert.Equal(Words.Of(s), IncidentSla.Label(s)));
    }

    [Fact]
    public void Select_list_options_keep_the_codes_and_the_declaration_order()
    {
        var options = Words.Options<InteractionType>();

        Assert.Equal(Enum.GetValues<InteractionType>(), options.Select(o => o.Value));
        Assert.Equal(("In-service training"), options.Single(o => o.Value == InteractionType.InServiceTraining).Words);
    }

    [Fact]
    public void Every_role_has_words()
    {
        Assert.All(Roles.All, r => Assert.False(string.IsNullOrWhiteSpace(Words.Role(r))));
        Assert.Equal("Sales rep", Words.Role(Roles.Rep));
        Assert.Equal("Administrator", Words.Role(Roles.Admin));
        Assert.Equal(Roles.All.Count, Roles.All.Select(Words.Role).Distinct().Count());
    }

    /// <summary>"InServiceTraining", "AtRisk": a capital after a small letter; "ASC" and "IT" are one word.</summary>
    private static bool IsMultiWord(string code) => CamelBoundary().IsMatch(code);

    [GeneratedRegex("[a-z][A-Z]")]
    private static partial Regex CamelBoundary();
}

/// <summary>Money with its currency: the configured ISO code, USD by default, and a clear error for anything else.</summary>
public sealed class MoneyFormatTests
{
    [Fact]
    public void The_default_currency_is_USD()
    {
        var money = new MoneyFormat();

        Assert.Equal("USD", money.Currency);
        Assert.Equal("USD 12,500.00", money.Amount(12_500m));
        Assert.Equal("USD 12,501", money.Whole(12_500.5m));
        Assert.Equal("Revenue (USD)", money.Title("Revenue"));
        Assert.Equal("—", money.Amount(null));
    }

    [Theory]
    [InlineData("EUR", "EUR 1,234.50")]
    [InlineData(" chf ", "CHF 1,234.50")]
    [InlineData("", "USD 1,234.50")]
    [InlineData(null, "USD 1,234.50")]
    public void Amounts_carry_the_configured_currency(string? configured, string text) =>
        Assert.Equal(text, new MoneyFormat(configured).Amount(1_234.5m));

    [Fact]
    public void A_negative_amount_puts_its_sign_before_the_currency() =>
        Assert.Equal("-EUR 250.00", new MoneyFormat("EUR").Amount(-250m));

    [Theory]
    [InlineData("US")]
    [InlineData("DOLLAR")]
    [InlineData("€")]
    [InlineData("U5D")]
    public void A_currency_that_is_not_an_ISO_code_is_refused_naming_the_key(string configured)
    {
        var error = Assert.Throws<ArgumentException>(() => new MoneyFormat(configured));

        Assert.Contains("Money:Currency", error.Message);
    }
}
