using MedTechAccounts.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MedTechAccounts.Core.Data.Configurations;

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> b)
    {
        b.ConfigureEditable();
        b.Property(p => p.Sku).HasMaxLength(64).IsRequired();
        b.HasIndex(p => p.Sku).IsUnique();
        b.Property(p => p.Name).HasMaxLength(200).IsRequired();
        b.Property(p => p.Family).HasMaxLength(100).IsRequired();
        b.HasIndex(p => p.Family);
    }
}

internal sealed class InstalledDeviceConfiguration : IEntityTypeConfiguration<InstalledDevice>
{
    public void Configure(EntityTypeBuilder<InstalledDevice> b)
    {
        b.ConfigureEditable();
        b.Property(d => d.SerialNumber).HasMaxLength(100).IsRequired();
        b.HasIndex(d => new { d.ProductId, d.SerialNumber }).IsUnique();
        b.HasIndex(d => d.SerialNumber);
        b.Property(d => d.Department).HasMaxLength(100);
        b.Property(d => d.Competitor).HasMaxLength(100);
        b.HasOne(d => d.Product).WithMany().HasForeignKey(d => d.ProductId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(d => d.Account).WithMany(a => a.Devices).HasForeignKey(d => d.AccountId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(d => new { d.AccountId, d.Status });
    }
}

internal sealed class ServiceIncidentConfiguration : IEntityTypeConfiguration<ServiceIncident>
{
    public void Configure(EntityTypeBuilder<ServiceIncident> b)
    {
        b.ConfigureEditable();
        b.Property(i => i.ExternalId).HasMaxLength(IncidentLimits.MaxExternalId).IsRequired();
        b.HasIndex(i => i.ExternalId).IsUnique();
        b.Property(i => i.Category).HasMaxLength(IncidentLimits.MaxCategory).IsRequired();
        b.HasOne(i => i.Device).WithMany().HasForeignKey(i => i.DeviceId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(i => i.Account).WithMany().HasForeignKey(i => i.AccountId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(i => i.Responder).WithMany().HasForeignKey(i => i.ResponderId).OnDelete(DeleteBehavior.ClientSetNull);
        b.HasIndex(i => new { i.AccountId, i.Status, i.OpenedAt });
        b.HasIndex(i => i.DeviceId);
    }
}

internal sealed class ServiceContractConfiguration : IEntityTypeConfiguration<ServiceContract>
{
    public void Configure(EntityTypeBuilder<ServiceContract> b)
    {
        b.ConfigureEditable();
        b.Property(c => c.ExternalId).HasMaxLength(64).IsRequired();
        b.HasIndex(c => c.ExternalId).IsUnique();
        b.HasOne(c => c.Account).WithMany().HasForeignKey(c => c.AccountId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(c => c.RenewedFrom).WithMany().HasForeignKey(c => c.RenewedFromId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(c => new { c.AccountId, c.End });
        b.HasMany(c => c.CoveredDevices).WithOne().HasForeignKey(d => d.ServiceContractId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ServiceContractDeviceConfiguration : IEntityTypeConfiguration<ServiceContractDevice>
{
    public void Configure(EntityTypeBuilder<ServiceContractDevice> b)
    {
        b.HasKey(d => new { d.ServiceContractId, d.DeviceId });
        b.HasOne(d => d.Device).WithMany().HasForeignKey(d => d.DeviceId).OnDelete(DeleteBehavior.Restrict);
    }
}
