using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MedTechAccounts.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class AuditRedaction : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The append-only audit trail's one exception (RedactNotes): an UPDATE may replace an entry's values by the
            // redaction marker, and change nothing else. The marker is AuditEntry.RedactionMarker. Each comparison is
            // written so that NULL cannot make a forbidden row pass (EXISTS ... INTERSECT is a null-safe equality).
            migrationBuilder.Sql("DROP TRIGGER [AuditEntries_NoUpdateOrDelete];");
            migrationBuilder.Sql("""
                CREATE TRIGGER [AuditEntries_NoDelete] ON [AuditEntries] INSTEAD OF DELETE AS
                BEGIN
                    THROW 51000, 'audit entries are append-only: DELETE refused', 1;
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER [AuditEntries_RedactOnly] ON [AuditEntries] INSTEAD OF UPDATE AS
                BEGIN
                    SET NOCOUNT ON;
                    IF EXISTS (
                        SELECT 1 FROM inserted i JOIN deleted d ON d.[Id] = i.[Id]
                        WHERE NOT (
                            EXISTS (SELECT i.[UserId], i.[UserName], i.[At], i.[Entity], i.[EntityId], i.[Action], i.[Field]
                                    INTERSECT SELECT d.[UserId], d.[UserName], d.[At], d.[Entity], d.[EntityId], d.[Action], d.[Field])
                            AND (EXISTS (SELECT i.[OldValue] INTERSECT SELECT d.[OldValue])
                                OR (d.[OldValue] IS NOT NULL AND COALESCE(i.[OldValue], N'') = N'[redacted by compliance]'))
                            AND (EXISTS (SELECT i.[NewValue] INTERSECT SELECT d.[NewValue])
                                OR (d.[NewValue] IS NOT NULL AND COALESCE(i.[NewValue], N'') = N'[redacted by compliance]'))))
                    BEGIN
                        THROW 51000, 'audit entries are append-only: UPDATE refused (a redaction may only replace values by the marker)', 1;
                    END;
                    UPDATE a SET [OldValue] = i.[OldValue], [NewValue] = i.[NewValue]
                    FROM [AuditEntries] a JOIN inserted i ON i.[Id] = a.[Id];
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER [AuditEntries_RedactOnly];");
            migrationBuilder.Sql("DROP TRIGGER [AuditEntries_NoDelete];");
            migrationBuilder.Sql("""
                CREATE TRIGGER [AuditEntries_NoUpdateOrDelete] ON [AuditEntries] INSTEAD OF UPDATE, DELETE AS
                BEGIN
                    THROW 51000, 'audit entries are append-only: UPDATE and DELETE refused', 1;
                END;
                """);
        }
    }
}
