using Xunit.Abstractions;
using Xunit.Sdk;

namespace MedTechAccounts.IntegrationTests.Infrastructure;

/// <summary>
/// A fact that runs once per database: the same test class is subclassed for SQLite and for
/// PostgreSQL. The PostgreSQL variants are skipped, saying why, when no server is configured
/// (MEDTECH_TEST_POSTGRES unset); build/test.sh and CI always start one.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
[XunitTestCaseDiscoverer("MedTechAccounts.IntegrationTests.Infrastructure.DbFactDiscoverer", "MedTechAccounts.IntegrationTests")]
public sealed class DbFactAttribute : FactAttribute;

public sealed class DbFactDiscoverer(IMessageSink diagnosticMessageSink) : FactDiscoverer(diagnosticMessageSink)
{
    protected override IXunitTestCase CreateTestCase(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute) =>
        new DbTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod);
}

public sealed class DbTestCase : XunitTestCase
{
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public DbTestCase() { }

    public DbTestCase(IMessageSink sink, TestMethodDisplay display, TestMethodDisplayOptions options, ITestMethod method)
        : base(sink, display, options, method) { }

    protected override string? GetSkipReason(IAttributeInfo factAttribute) =>
        TestMethod.TestClass.Class.Name.EndsWith("OnPostgreSql", StringComparison.Ordinal) && TestDatabases.PostgreSqlConnection is null
            ? "PostgreSQL tests need a server: set MEDTECH_TEST_POSTGRES (build/test.sh starts one)."
            : base.GetSkipReason(factAttribute);
}
