using MedTechAccounts.Core.Features.Scoring;

namespace MedTechAccounts.UnitTests.Features.Scoring;

public sealed class ScorecardValidatorTests
{
    private static readonly EditScorecard.Command Default = new()
    {
        Version = Guid.NewGuid(), EngagementRecency = 10, PostSaleSilence = 10, RepDependency = 10, InfluencerCoverage = 10,
        ServiceExperience = 15, DiscountDependency = 10, InstallBaseRisk = 10, VoiceOfCustomer = 15, PurchaseVitality = 10,
    };

    private static List<(string Field, string Message)> Failures(EditScorecard.Command command) =>
        new EditScorecard.Validator().Validate(command).Errors.Select(e => (e.PropertyName, e.ErrorMessage)).ToList();

    [Fact]
    public void The_default_weights_add_up_to_100_and_are_valid() => Assert.Empty(Failures(Default));

    [Fact]
    public void Weights_adding_up_to_90_are_refused_with_the_sum_in_the_message()
    {
        Assert.Equal([(EditScorecard.SumField, "Weights must add up to 100%; they add up to 90%.")], Failures(Default with { ServiceExperience = 5 }));
    }

    [Fact]
    public void Weights_adding_up_to_more_than_100_are_refused_too()
    {
        Assert.Equal([(EditScorecard.SumField, "Weights must add up to 100%; they add up to 110%.")], Failures(Default with { PurchaseVitality = 20 }));
    }

    [Fact]
    public void A_negative_weight_or_one_above_100_is_named_even_when_the_sum_is_100()
    {
        var failures = Failures(Default with { EngagementRecency = -10, ServiceExperience = 35 });
        Assert.Equal([("EngagementRecency", "Engagement recency: a weight is a whole percent from 0 to 100.")], failures);

        var tooBig = Failures(new EditScorecard.Command { Version = Guid.NewGuid(), VoiceOfCustomer = 101 });
        Assert.Contains(("VoiceOfCustomer", "Voice of the customer: a weight is a whole percent from 0 to 100."), tooBig);
        Assert.Contains((EditScorecard.SumField, "Weights must add up to 100%; they add up to 101%."), tooBig);
    }

    [Fact]
    public void One_signal_may_carry_all_the_weight_and_the_others_none()
    {
        Assert.Empty(Failures(new EditScorecard.Command { Version = Guid.NewGuid(), VoiceOfCustomer = 100 }));
    }

    [Fact]
    public void The_version_the_editor_saw_is_required()
    {
        Assert.Equal(["Version"], Failures(Default with { Version = Guid.Empty }).Select(f => f.Field));
    }
}
