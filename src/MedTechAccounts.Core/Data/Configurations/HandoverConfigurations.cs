using MedTechAccounts.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MedTechAccounts.Core.Data.Configurations;

internal sealed class HandoverItemConfiguration : IEntityTypeConfiguration<HandoverItem>
{
    public void Configure(EntityTypeBuilder<HandoverItem> b)
    {
        b.Property(h => h.SoleContactIds).HasMaxLength(4000).IsRequired();
        b.HasOne(h => h.Person).WithMany().HasForeignKey(h => h.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(h => h.Assignee).WithMany().HasForeignKey(h => h.AssigneeId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(h => h.Account).WithMany().HasForeignKey(h => h.AccountId).OnDelete(DeleteBehavior.Cascade);
        // No cascade from the task: SQL Server allows one cascade path from an account, and the account already deletes both.
        b.HasOne(h => h.Task).WithMany().HasForeignKey(h => h.TaskId).OnDelete(DeleteBehavior.ClientSetNull);
        // One plan item per person and account: re-running the plan finds it instead of adding another.
        b.HasIndex(h => new { h.PersonId, h.AccountId }).IsUnique();
        b.HasIndex(h => h.AccountId);
    }
}
