using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MedTechAccounts.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class Scoring : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "ClvFitId",
                table: "AccountScores",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ComputedAt",
                table: "AccountScores",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.AddColumn<double>(
                name: "ExpectedOrders",
                table: "AccountScores",
                type: "double precision",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.CreateTable(
                name: "ClvFits",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    FittedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DataFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    DataTo = table.Column<DateOnly>(type: "date", nullable: false),
                    Accounts = table.Column<int>(type: "integer", nullable: false),
                    RepeatModel = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    RepeatParameters = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    RepeatLogLikelihood = table.Column<double>(type: "double precision", nullable: false),
                    RepeatConverged = table.Column<bool>(type: "boolean", nullable: false),
                    SpendParameters = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    RetentionParameters = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Backtest = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    BacktestMeanAbsoluteError = table.Column<double>(type: "double precision", nullable: true),
                    ElapsedMs = table.Column<long>(type: "bigint", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClvFits", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ScorecardWeights",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EngagementRecency = table.Column<int>(type: "integer", nullable: false),
                    PostSaleSilence = table.Column<int>(type: "integer", nullable: false),
                    RepDependency = table.Column<int>(type: "integer", nullable: false),
                    InfluencerCoverage = table.Column<int>(type: "integer", nullable: false),
                    ServiceExperience = table.Column<int>(type: "integer", nullable: false),
                    DiscountDependency = table.Column<int>(type: "integer", nullable: false),
                    InstallBaseRisk = table.Column<int>(type: "integer", nullable: false),
                    VoiceOfCustomer = table.Column<int>(type: "integer", nullable: false),
                    PurchaseVitality = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScorecardWeights", x => x.Id);
                });

            migrationBuilder.InsertData(
                table: "ScorecardWeights",
                columns: new[] { "Id", "CreatedAt", "DiscountDependency", "EngagementRecency", "InfluencerCoverage", "InstallBaseRisk", "PostSaleSilence", "PurchaseVitality", "RepDependency", "ServiceExperience", "UpdatedAt", "Version", "VoiceOfCustomer" },
                values: new object[] { new Guid("5c0e3ca2-d000-4000-8000-000000000001"), new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), 10, 10, 10, 10, 10, 10, 10, 15, new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new Guid("5c0e3ca2-d000-4000-8000-000000000002"), 15 });

            migrationBuilder.CreateIndex(
                name: "IX_AccountScores_ClvFitId",
                table: "AccountScores",
                column: "ClvFitId");

            migrationBuilder.CreateIndex(
                name: "IX_ClvFits_FittedAt",
                table: "ClvFits",
                column: "FittedAt");

            migrationBuilder.AddForeignKey(
                name: "FK_AccountScores_ClvFits_ClvFitId",
                table: "AccountScores",
                column: "ClvFitId",
                principalTable: "ClvFits",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_AccountScores_ClvFits_ClvFitId",
                table: "AccountScores");

            migrationBuilder.DropTable(
                name: "ClvFits");

            migrationBuilder.DropTable(
                name: "ScorecardWeights");

            migrationBuilder.DropIndex(
                name: "IX_AccountScores_ClvFitId",
                table: "AccountScores");

            migrationBuilder.DropColumn(
                name: "ClvFitId",
                table: "AccountScores");

            migrationBuilder.DropColumn(
                name: "ComputedAt",
                table: "AccountScores");

            migrationBuilder.DropColumn(
                name: "ExpectedOrders",
                table: "AccountScores");
        }
    }
}
