using System.Reflection;
using MedTechAccounts.Analytics.Clv;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using NetArchTest.Rules;

namespace MedTechAccounts.UnitTests.Architecture;

/// <summary>The boundaries of CONVENTIONS.md, checked rather than multiplied into projects.</summary>
public sealed class ArchitectureTests
{
    private static readonly Assembly Core = typeof(AppDbContext).Assembly;
    private static readonly Assembly Web = typeof(MedTechAccounts.Web.WebRegistration).Assembly;

    [Fact]
    public void The_domain_does_not_depend_on_data_access_or_features()
    {
        var result = Types.InAssembly(Core).That().ResideInNamespace("MedTechAccounts.Core.Domain")
            .ShouldNot().HaveDependencyOnAny("MedTechAccounts.Core.Data", "MedTechAccounts.Core.Features", "Microsoft.EntityFrameworkCore", "Mediator")
            .GetResult();

        Assert.True(result.IsSuccessful, Failing(result));
    }

    [Fact]
    public void No_web_feature_folder_reaches_into_another_or_back_into_the_registration()
    {
        var features = Web.GetTypes()
            .Select(t => t.Namespace)
            .Where(n => n is not null && n.StartsWith("MedTechAccounts.Web.Features.", StringComparison.Ordinal))
            .Select(n => n!.Split('.')[3])
            .Distinct()
            .ToList();
        Assert.NotEmpty(features);

        foreach (var feature in features)
        {
            var others = features.Where(f => f != feature).Select(f => $"MedTechAccounts.Web.Features.{f}").ToArray();
            var result = Types.InAssembly(Web).That().ResideInNamespace($"MedTechAccounts.Web.Features.{feature}")
                .ShouldNot().HaveDependencyOnAny(others).GetResult();
            Assert.True(result.IsSuccessful, $"{feature}: {Failing(result)}");
        }

        // The registration wires the features up; a feature that used it back would make the two import each other.
        var registration = Types.InAssembly(Web).That().ResideInNamespace("MedTechAccounts.Web.Features")
            .ShouldNot().HaveDependencyOn(typeof(MedTechAccounts.Web.WebRegistration).FullName).GetResult();
        Assert.True(registration.IsSuccessful, Failing(registration));
    }

    [Fact]
    public void No_feature_folder_reaches_into_another()
    {
        var features = Core.GetTypes()
            .Select(t => t.Namespace)
            .Where(n => n is not null && n.StartsWith("MedTechAccounts.Core.Features.", StringComparison.Ordinal))
            .Select(n => n!.Split('.')[3])
            .Distinct()
            .Where(f => f != "Common")
            .ToList();
        Assert.NotEmpty(features);

        foreach (var feature in features)
        {
            var others = features.Where(f => f != feature).Select(f => $"MedTechAccounts.Core.Features.{f}").ToArray();
            var result = Types.InAssembly(Core).That().ResideInNamespace($"MedTechAccounts.Core.Features.{feature}")
                .ShouldNot().HaveDependencyOnAny(others).GetResult();
            Assert.True(result.IsSuccessful, $"{feature}: {Failing(result)}");
        }
    }

    [Fact]
    public void Analytics_references_nothing_but_the_base_library_and_MathNet()
    {
        var references = typeof(BgNbd).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.All(references, name => Assert.True(
            name.StartsWith("System", StringComparison.Ordinal) || name == "netstandard" || name.StartsWith("MathNet", StringComparison.Ordinal),
            $"Analytics references {name}"));
    }

    [Fact]
    public void Domain_entities_are_in_the_domain_namespace()
    {
        Assert.All(typeof(AppDbContext).GetProperties()
                .Where(p => p.PropertyType.IsGenericType && p.PropertyType.Name.StartsWith("DbSet", StringComparison.Ordinal))
                .Select(p => p.PropertyType.GetGenericArguments()[0])
                .Where(t => t.Assembly == Core),
            t => Assert.Equal(typeof(Account).Namespace, t.Namespace));
    }

    private static string Failing(TestResult result) =>
        string.Join(", ", result.FailingTypeNames ?? []);
}
