using MedTechAccounts.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MedTechAccounts.Core.Data.Configurations;

internal static class ConfigurationExtensions
{
    public static void ConfigureEditable<T>(this EntityTypeBuilder<T> b) where T : EditableEntity
    {
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).ValueGeneratedNever();
        b.Property(e => e.Version).IsConcurrencyToken();
    }
}

internal sealed class TerritoryConfiguration : IEntityTypeConfiguration<Territory>
{
    public void Configure(EntityTypeBuilder<Territory> b)
    {
        b.ConfigureEditable();
        b.Property(t => t.Name).HasMaxLength(100).IsRequired();
        b.Property(t => t.Region).HasMaxLength(100).IsRequired();
        b.HasIndex(t => t.Name).IsUnique();
        b.HasIndex(t => t.Region);
    }
}

internal sealed class UserTerritoryConfiguration : IEntityTypeConfiguration<UserTerritory>
{
    public void Configure(EntityTypeBuilder<UserTerritory> b)
    {
        b.HasKey(ut => new { ut.UserId, ut.TerritoryId });
        b.HasOne(ut => ut.User).WithMany(u => u.Territories).HasForeignKey(ut => ut.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(ut => ut.Territory).WithMany(t => t.Reps).HasForeignKey(ut => ut.TerritoryId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(ut => ut.TerritoryId);
    }
}

internal sealed class ApplicationUserConfiguration : IEntityTypeConfiguration<ApplicationUser>
{
    public void Configure(EntityTypeBuilder<ApplicationUser> b)
    {
        b.Property(u => u.DisplayName).HasMaxLength(200).IsRequired();
        b.Property(u => u.Region).HasMaxLength(100);
    }
}

internal sealed class AccountConfiguration : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> b)
    {
        b.ConfigureEditable();
        b.Property(a => a.ExternalId).HasMaxLength(AccountLimits.MaxExternalId).IsRequired();
        b.HasIndex(a => a.ExternalId).IsUnique();
        b.Property(a => a.Name).HasMaxLength(AccountLimits.MaxName).IsRequired();
        b.HasIndex(a => a.Name);
        b.Property(a => a.City).HasMaxLength(AccountLimits.MaxCity);
        b.Property(a => a.State).HasMaxLength(AccountLimits.MaxState);
        b.Property(a => a.TimeZone).HasMaxLength(AccountLimits.MaxTimeZone).IsRequired();
        b.HasOne(a => a.ParentAccount).WithMany(a => a.Children).HasForeignKey(a => a.ParentAccountId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(a => a.Territory).WithMany().HasForeignKey(a => a.TerritoryId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(a => a.OwnerRep).WithMany().HasForeignKey(a => a.OwnerRepId).OnDelete(DeleteBehavior.ClientSetNull);
        b.HasIndex(a => new { a.TerritoryId, a.Status });
        b.HasIndex(a => a.OwnerRepId);
    }
}

internal sealed class StaleAccountConfiguration : IEntityTypeConfiguration<StaleAccount>
{
    public void Configure(EntityTypeBuilder<StaleAccount> b)
    {
        b.HasKey(s => s.AccountId);
        b.HasOne<Account>().WithMany().HasForeignKey(s => s.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ContactConfiguration : IEntityTypeConfiguration<Contact>
{
    public void Configure(EntityTypeBuilder<Contact> b)
    {
        b.ConfigureEditable();
        b.Property(c => c.ExternalId).HasMaxLength(64).IsRequired();
        b.HasIndex(c => c.ExternalId).IsUnique();
        b.Property(c => c.Name).HasMaxLength(200).IsRequired();
        b.Property(c => c.Title).HasMaxLength(200);
        b.Property(c => c.Email).HasMaxLength(256);
        b.Property(c => c.Phone).HasMaxLength(50);
        b.HasOne(c => c.Account).WithMany(a => a.Contacts).HasForeignKey(c => c.AccountId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(c => new { c.AccountId, c.Name });
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.HasKey(e => e.Id);
        b.Property(e => e.UserName).HasMaxLength(256).IsRequired();
        b.Property(e => e.Entity).HasMaxLength(100).IsRequired();
        b.Property(e => e.EntityId).HasMaxLength(100).IsRequired();
        b.Property(e => e.Field).HasMaxLength(100).IsRequired();
        // Unbounded: a value cut short would be history lost (the longest audited columns hold 8,000 characters).
        b.HasIndex(e => e.At);
        b.HasIndex(e => new { e.Entity, e.EntityId });
        b.HasIndex(e => e.UserName);
    }
}
