using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MedTechAccounts.Migrations.SqlServer.Migrations
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
                type: "bit",
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
