using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Data;

/// <summary>
/// A save refused by a unique index: two requests that each checked a name or key was free and then both wrote it.
/// The validators answer the common case with the field's name; this is the race they cannot see.
/// </summary>
public static class DuplicateKeys
{
    private const int SqliteConstraintUnique = 2067, SqliteConstraintPrimaryKey = 1555;
    private const int SqlServerUniqueIndex = 2601, SqlServerUniqueConstraint = 2627;

    public static bool Caused(DbUpdateException exception) => exception.InnerException switch
    {
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode is SqliteConstraintUnique or SqliteConstraintPrimaryKey,
        DbException { SqlState: "23505" } => true, // PostgreSQL unique_violation
        // SQL Server's client is not referenced here; its exception names the error in Number.
        DbException other when other.GetType().Name == "SqlException" =>
            other.GetType().GetProperty("Number")?.GetValue(other) is SqlServerUniqueIndex or SqlServerUniqueConstraint,
        _ => false,
    };
}
