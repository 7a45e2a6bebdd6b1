using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MedTechAccounts.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class TrainingSignOff : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "TrainedProductId",
                table: "Interactions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "TrainingSignOffs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    InteractionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AccountId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContactId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AttendeeName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    AttendeeRole = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    SignaturePng = table.Column<byte[]>(type: "BLOB", nullable: false),
                    SignatureSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SignedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RecordedById = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TrainingSignOffs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TrainingSignOffs_AspNetUsers_RecordedById",
                        column: x => x.RecordedById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_TrainingSignOffs_Contacts_ContactId",
                        column: x => x.ContactId,
                        principalTable: "Contacts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_TrainingSignOffs_Interactions_InteractionId",
                        column: x => x.InteractionId,
                        principalTable: "Interactions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Interactions_TrainedProductId",
                table: "Interactions",
                column: "TrainedProductId");

            migrationBuilder.CreateIndex(
                name: "IX_TrainingSignOffs_AccountId_SignedAt",
                table: "TrainingSignOffs",
                columns: new[] { "AccountId", "SignedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_TrainingSignOffs_ContactId",
                table: "TrainingSignOffs",
                column: "ContactId");

            migrationBuilder.CreateIndex(
                name: "IX_TrainingSignOffs_InteractionId",
                table: "TrainingSignOffs",
                column: "InteractionId");

            migrationBuilder.CreateIndex(
                name: "IX_TrainingSignOffs_RecordedById",
                table: "TrainingSignOffs",
                column: "RecordedById");

            migrationBuilder.AddForeignKey(
                name: "FK_Interactions_Products_TrainedProductId",
                table: "Interactions",
                column: "TrainedProductId",
                principalTable: "Products",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Interactions_Products_TrainedProductId",
                table: "Interactions");

            migrationBuilder.DropTable(
                name: "TrainingSignOffs");

            migrationBuilder.DropIndex(
                name: "IX_Interactions_TrainedProductId",
                table: "Interactions");

            migrationBuilder.DropColumn(
                name: "TrainedProductId",
                table: "Interactions");
        }
    }
}
