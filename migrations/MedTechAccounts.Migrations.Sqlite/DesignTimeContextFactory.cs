using MedTechAccounts.Core;
using MedTechAccounts.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace MedTechAccounts.Migrations.Sqlite;

/// <summary>Lets `dotnet ef` build the context for this provider; the connection string is never opened to add a migration.</summary>
public sealed class DesignTimeContextFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        CoreRegistration.UseProvider(options, DatabaseProvider.Sqlite, "Data Source=design-time.db");
        options.UseOpenIddict();
        return new AppDbContext(options.Options);
    }
}
