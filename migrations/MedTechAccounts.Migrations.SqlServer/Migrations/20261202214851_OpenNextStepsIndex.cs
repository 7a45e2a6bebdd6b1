using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MedTechAccounts.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class OpenNextStepsIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Interactions_RepId_NextStepDue",
                table: "Interactions");

            migrationBuilder.CreateIndex(
                name: "IX_Interactions_OpenNextSteps",
                table: "Interactions",
                columns: new[] { "RepId", "NextStepDue", "OccurredAt" },
                filter: "\"NextStep\" IS NOT NULL AND \"NextStepDoneAt\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Interactions_OpenNextSteps",
                table: "Interactions");

            migrationBuilder.CreateIndex(
                name: "IX_Interactions_RepId_NextStepDue",
                table: "Interactions",
                columns: new[] { "RepId", "NextStepDue" });
        }
    }
}
