using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MedTechAccounts.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class AuditRedaction : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The append-only audit trail's one exception (RedactNotes): an UPDATE may replace an entry's values by the
            // redaction marker, and change nothing else. The marker is AuditEntry.RedactionMarker. DELETE and
            // TRUNCATE still reach the RAISE.
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'UPDATE'
                        AND (NEW."Id", NEW."UserId", NEW."UserName", NEW."At", NEW."Entity", NEW."EntityId", NEW."Action", NEW."Field")
                            IS NOT DISTINCT FROM (OLD."Id", OLD."UserId", OLD."UserName", OLD."At", OLD."Entity", OLD."EntityId", OLD."Action", OLD."Field")
                        AND (NEW."OldValue" IS NOT DISTINCT FROM OLD."OldValue"
                            OR (OLD."OldValue" IS NOT NULL AND NEW."OldValue" IS NOT DISTINCT FROM '[redacted by compliance]'))
                        AND (NEW."NewValue" IS NOT DISTINCT FROM OLD."NewValue"
                            OR (OLD."NewValue" IS NOT NULL AND NEW."NewValue" IS NOT DISTINCT FROM '[redacted by compliance]'))
                    THEN
                        RETURN NEW;
                    END IF;
                    RAISE EXCEPTION 'audit entries are append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
                END;
                $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'audit entries are append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
                END;
                $$;
                """);
        }
    }
}
