namespace MedTechAccounts.Core.Data;

public enum DatabaseProvider { Sqlite, PostgreSql, SqlServer }

/// <summary>Which database the app uses: <c>Database:Provider</c> and <c>ConnectionStrings:Default</c>.</summary>
public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
    public string? ConnectionString { get; set; }

    /// <summary>Folder for the default SQLite file when no connection string is given.</summary>
    public string DataFolder { get; set; } = "App_Data";

    public static DatabaseProvider ParseProvider(string? value) => value?.Trim().ToUpperInvariant() switch
    {
        null or "" or "SQLITE" => DatabaseProvider.Sqlite,
        "POSTGRESQL" or "POSTGRES" or "NPGSQL" => DatabaseProvider.PostgreSql,
        "SQLSERVER" or "MSSQL" => DatabaseProvider.SqlServer,
        _ => throw new ArgumentException($"Database:Provider '{value}' is not one of Sqlite, PostgreSql, SqlServer."),
    };

    /// <summary>The connection string to use; for SQLite without one, a file under <see cref="DataFolder"/>.</summary>
    public string ResolveConnectionString(string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(ConnectionString))
        {
            return ConnectionString;
        }

        if (Provider != DatabaseProvider.Sqlite)
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:Default is required when Database:Provider is {Provider}.");
        }

        var folder = Path.GetFullPath(Path.Combine(contentRoot, DataFolder));
        Directory.CreateDirectory(folder);
        return $"Data Source={Path.Combine(folder, "medtech.db")}";
    }
}
