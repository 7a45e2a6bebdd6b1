using MedTechAccounts.Core.Features.Interactions.Voice;

namespace MedTechAccounts.UnitTests.Features.Voice;

public sealed class VoiceThemesTests
{
    /// <summary>A fixed corpus as reps type it: case, punctuation and filler words vary; the wording sometimes does.</summary>
    private static readonly string[] Corpus =
    [
        "Too many nuisance occlusion alarms on night shift",
        "too many NUISANCE occlusion alarms, on night shift!",
        "Too many nuisance occlusion alarms on the night shift.",
        "Occlusion alarm keeps going off at night",
        "Battery dies before the transport ends",
        "The battery dies before transport ends",
        "Device data does not reach the EHR reliably",
        "Capital budget frozen until next fiscal year",
    ];

    private static Dictionary<string, int> Group(VoiceThemes themes) =>
        Corpus.Select(themes.ThemeOf).GroupBy(t => t.Key).ToDictionary(g => g.First().Label, g => g.Count());

    [Fact]
    public void Without_synonyms_only_case_punctuation_and_filler_words_merge_items()
    {
        var groups = Group(new VoiceThemes([]));

        Assert.Equal(5, groups.Count);
        Assert.Equal(3, groups["Too many nuisance occlusion alarms on night shift"]);
        Assert.Equal(2, groups["Battery dies before the transport ends"]);
        Assert.Equal(1, groups["Occlusion alarm keeps going off at night"]);
    }

    [Fact]
    public void A_synonym_merges_different_wordings_into_its_theme_and_the_first_matching_line_wins()
    {
        var (synonyms, errors) = VoiceThemes.Parse("# alarms\nocclusion alarm = Nuisance occlusion alarms\nnuisance occlusion = Something else\n\nbattery = Battery life");
        var groups = Group(new VoiceThemes(synonyms));

        Assert.Empty(errors);
        // "occlusion alarms" does not contain the word "alarm" as a whole word: the second line takes those.
        Assert.Equal(1, groups["Nuisance occlusion alarms"]);
        Assert.Equal(3, groups["Something else"]);
        Assert.Equal(2, groups["Battery life"]);
        Assert.Equal(5, groups.Count);
    }

    [Fact]
    public void Normalising_drops_case_punctuation_and_filler_words_and_keeps_digits()
    {
        Assert.Equal("battery dies before transport ends", VoiceThemes.Normalise("The battery DIES, before the transport ends!"));
        Assert.Equal("firmware 4 2 crashes", VoiceThemes.Normalise("Firmware 4.2 crashes"));
        Assert.Equal("", VoiceThemes.Normalise(" the, a... "));
    }

    [Theory]
    [InlineData("no equals sign", 1)]
    [InlineData("ok = Fine\n = no phrase", 2)]
    [InlineData("ok = Fine\nthe = only filler", 2)]
    [InlineData("phrase =   ", 1)]
    public void A_bad_line_is_named_by_its_number(string text, int line)
    {
        var (_, errors) = VoiceThemes.Parse(text);

        Assert.StartsWith($"Synonyms line {line}:", Assert.Single(errors));
    }
}
