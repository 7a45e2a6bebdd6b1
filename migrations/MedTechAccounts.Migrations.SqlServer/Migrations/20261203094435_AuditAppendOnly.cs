using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MedTechAccounts.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class AuditAppendOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The audit trail is append-only in the database itself, so not even a bug in the app (or a raw
            // statement) can edit history; the app refuses it too (AuditInterceptor).
            // INSTEAD OF: the statement does nothing and fails, so no row is touched. TRUNCATE needs ALTER on the
            // table, which the application's login should not hold.
            migrationBuilder.Sql("""
                CREATE TRIGGER [AuditEntries_NoUpdateOrDelete] ON [AuditEntries] INSTEAD OF UPDATE, DELETE AS
                BEGIN
                    THROW 51000, 'audit entries are append-only: UPDATE and DELETE refused', 1;
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER [AuditEntries_NoUpdateOrDelete];");
        }
    }
}
