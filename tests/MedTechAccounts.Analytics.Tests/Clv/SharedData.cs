namespace MedTechAccounts.Analytics.Tests.Clv;

/// <summary>
/// Finds the shared reference data: a folder <c>shared/data/clv</c> next to the repository
/// root, found by walking up from the test assembly's directory.
/// </summary>
internal static class SharedData
{
    private static readonly Lazy<string?> Folder = new(Locate);

    public static string? ClvFolder => Folder.Value;

    public static string Path(string fileName) =>
        System.IO.Path.Combine(ClvFolder ?? throw new InvalidOperationException("The shared data folder is absent."), fileName);

    private static string? Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "shared", "data", "clv");
            if (File.Exists(System.IO.Path.Combine(candidate, "cdnow_customers_summary.csv")))
            {
                return candidate;
            }
        }

        return null;
    }
}

/// <summary>A fact that needs the shared reference data; reported as skipped, with the reason, when the folder is absent.</summary>
public sealed class ClvDataFactAttribute : FactAttribute
{
    public ClvDataFactAttribute()
    {
        if (SharedData.ClvFolder is null)
        {
            Skip = "The shared data folder (shared/data/clv next to the repository root) is absent.";
        }
    }
}
