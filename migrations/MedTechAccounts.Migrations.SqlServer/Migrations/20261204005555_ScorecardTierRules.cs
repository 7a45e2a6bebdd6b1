using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MedTechAccounts.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class ScorecardTierRules : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "TierReason",
                table: "AccountScores",
                type: "nvarchar(500)",
                maxLength: 500,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "ScorecardRules",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    LowSignalBelow = table.Column<int>(type: "int", nullable: false),
                    LowSignalCount = table.Column<int>(type: "int", nullable: false),
                    OpenCriticalCap = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    FirstResponseSlaBelowPercent = table.Column<int>(type: "int", nullable: false),
                    FirstResponseSlaMinimum = table.Column<int>(type: "int", nullable: false),
                    FirstResponseSlaCap = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    RepeatIncidentsFrom = table.Column<int>(type: "int", nullable: false),
                    RepeatIncidentsCap = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Version = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScorecardRules", x => x.Id);
                });

            migrationBuilder.InsertData(
                table: "ScorecardRules",
                columns: new[] { "Id", "CreatedAt", "FirstResponseSlaBelowPercent", "FirstResponseSlaCap", "FirstResponseSlaMinimum", "LowSignalBelow", "LowSignalCount", "OpenCriticalCap", "RepeatIncidentsCap", "RepeatIncidentsFrom", "UpdatedAt", "Version" },
                values: new object[] { new Guid("5c0e3ca2-d000-4000-8000-000000000003"), new DateTime(2026, 12, 4, 0, 0, 0, 0, DateTimeKind.Utc), 50, "Watch", 5, 20, 2, "Watch", "Watch", 3, new DateTime(2026, 12, 4, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("5c0e3ca2-d000-4000-8000-000000000004") });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ScorecardRules");

            migrationBuilder.DropColumn(
                name: "TierReason",
                table: "AccountScores");
        }
    }
}
