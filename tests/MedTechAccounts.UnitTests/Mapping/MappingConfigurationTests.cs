using MedTechAccounts.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MedTechAccounts.UnitTests.Mapping;

public sealed class MappingConfigurationTests
{
    [Fact]
    public void Every_projection_profile_maps_every_destination_member()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddCore(new ConfigurationBuilder().Build(), Path.GetTempPath());
        using var provider = services.BuildServiceProvider();

        var mapping = provider.GetRequiredService<AutoMapper.IConfigurationProvider>();

        mapping.AssertConfigurationIsValid();
    }
}
