using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MedTechAccounts.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AuditRedaction : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The append-only audit trail's one exception (RedactNotes): an UPDATE may replace an entry's values by the
            // redaction marker, and change nothing else. The marker is AuditEntry.RedactionMarker.
            migrationBuilder.Sql("""DROP TRIGGER "AuditEntries_NoUpdate";""");
            migrationBuilder.Sql("""
                CREATE TRIGGER "AuditEntries_NoUpdate" BEFORE UPDATE ON "AuditEntries"
                WHEN NOT (NEW."Id" IS OLD."Id" AND NEW."UserId" IS OLD."UserId" AND NEW."UserName" IS OLD."UserName"
                    AND NEW."At" IS OLD."At" AND NEW."Entity" IS OLD."Entity" AND NEW."EntityId" IS OLD."EntityId"
                    AND NEW."Action" IS OLD."Action" AND NEW."Field" IS OLD."Field"
                    AND (NEW."OldValue" IS OLD."OldValue" OR (OLD."OldValue" IS NOT NULL AND NEW."OldValue" IS '[redacted by compliance]'))
                    AND (NEW."NewValue" IS OLD."NewValue" OR (OLD."NewValue" IS NOT NULL AND NEW."NewValue" IS '[redacted by compliance]')))
                BEGIN SELECT RAISE(ABORT, 'audit entries are append-only: UPDATE refused (a redaction may only replace values by the marker)'); END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER "AuditEntries_NoUpdate";""");
            migrationBuilder.Sql("""
                CREATE TRIGGER "AuditEntries_NoUpdate" BEFORE UPDATE ON "AuditEntries"
                BEGIN SELECT RAISE(ABORT, 'audit entries are append-only: UPDATE refused'); END;
                """);
        }
    }
}
