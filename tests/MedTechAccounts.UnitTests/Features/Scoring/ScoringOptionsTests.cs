using MedTechAccounts.Analytics.Signals;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Scoring;
using Microsoft.Extensions.Configuration;

namespace MedTechAccounts.UnitTests.Features.Scoring;

/// <summary>The documented <c>Scoring:*</c> keys reach the signals and the CLV.</summary>
public sealed class ScoringOptionsTests
{
    [Fact]
    public void Settings_bind_from_configuration_and_keep_the_defaults_of_what_is_not_set()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Scoring:Signals:CadenceDays:Academic"] = "10",
            ["Scoring:Signals:PostSaleWindowDays"] = "90",
            ["Scoring:Signals:FirstResponseHours:Critical"] = "2",
            ["Scoring:Signals:DiscountThreshold"] = "0.15",
            ["Scoring:Margins:Capital"] = "0.3",
            ["Scoring:RefitAtUtc"] = "",
        }).Build();

        var options = configuration.GetSection(ScoringOptions.Section).Get<ScoringOptions>()!;

        Assert.Equal(10, options.Signals.CadenceFor("Academic"));
        Assert.Equal(21, options.Signals.CadenceFor("Community"));
        Assert.Equal(90, options.Signals.PostSaleWindowDays);
        Assert.Equal(2, options.Signals.FirstResponseHours[SeverityFact.Critical]);
        Assert.Equal(24, options.Signals.FirstResponseHours[SeverityFact.Major]);
        Assert.Equal(0.15, options.Signals.DiscountThreshold);
        Assert.Equal(0.3, options.Margins[ProductCategory.Capital]);
        Assert.Equal(0.6, options.Margins[ProductCategory.Consumable]);
        Assert.True(string.IsNullOrEmpty(options.RefitAtUtc));
    }
}
