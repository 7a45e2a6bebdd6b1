using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MedTechAccounts.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class ScoreBackfill : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "Backfilled",
                table: "AccountScores",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Backfilled",
                table: "AccountScores");
        }
    }
}
