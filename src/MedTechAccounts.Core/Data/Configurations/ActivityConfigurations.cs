using MedTechAccounts.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MedTechAccounts.Core.Data.Configurations;

internal sealed class InteractionConfiguration : IEntityTypeConfiguration<Interaction>
{
    public void Configure(EntityTypeBuilder<Interaction> b)
    {
        b.ConfigureEditable();
        b.Property(i => i.ExternalId).HasMaxLength(64).IsRequired();
        b.HasIndex(i => i.ExternalId).IsUnique();
        b.Property(i => i.Notes).HasMaxLength(InteractionLimits.MaxNotes);
        b.Property(i => i.VoiceOfCustomer).HasMaxLength(InteractionLimits.MaxVoiceOfCustomer);
        b.Property(i => i.NextStep).HasMaxLength(InteractionLimits.MaxNextStep);
        b.Property(i => i.RequestHash).HasMaxLength(64);
        b.HasOne(i => i.Account).WithMany().HasForeignKey(i => i.AccountId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(i => i.Rep).WithMany().HasForeignKey(i => i.RepId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(i => i.Contacts).WithOne().HasForeignKey(c => c.InteractionId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(i => i.Devices).WithOne().HasForeignKey(d => d.InteractionId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(i => i.TrainedProduct).WithMany().HasForeignKey(i => i.TrainedProductId).OnDelete(DeleteBehavior.Restrict);
        // A signed training outlives any attempt to delete its visit: the database refuses, not only the app.
        b.HasMany(i => i.SignOffs).WithOne(s => s.Interaction).HasForeignKey(s => s.InteractionId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(i => new { i.AccountId, i.OccurredAt });
        b.HasIndex(i => new { i.RepId, i.OccurredAt });
        // Only the open next steps (a few per cent of all visits): the rep home counts and pages them.
        b.HasIndex(i => new { i.RepId, i.NextStepDue, i.OccurredAt }, "IX_Interactions_OpenNextSteps")
            .HasFilter("\"NextStep\" IS NOT NULL AND \"NextStepDoneAt\" IS NULL");
    }
}

internal sealed class TrainingSignOffConfiguration : IEntityTypeConfiguration<TrainingSignOff>
{
    public void Configure(EntityTypeBuilder<TrainingSignOff> b)
    {
        b.Property(s => s.AttendeeName).HasMaxLength(200).IsRequired();
        b.Property(s => s.AttendeeRole).HasMaxLength(200);
        b.Property(s => s.SignaturePng).IsRequired();
        b.Property(s => s.SignatureSha256).HasMaxLength(64).IsRequired();
        b.HasOne(s => s.Contact).WithMany().HasForeignKey(s => s.ContactId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ApplicationUser>().WithMany().HasForeignKey(s => s.RecordedById).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(s => new { s.AccountId, s.SignedAt });
    }
}

internal sealed class InteractionContactConfiguration : IEntityTypeConfiguration<InteractionContact>
{
    public void Configure(EntityTypeBuilder<InteractionContact> b)
    {
        b.HasKey(c => new { c.InteractionId, c.ContactId });
        b.HasOne(c => c.Contact).WithMany().HasForeignKey(c => c.ContactId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(c => c.ContactId);
    }
}

internal sealed class InteractionDeviceConfiguration : IEntityTypeConfiguration<InteractionDevice>
{
    public void Configure(EntityTypeBuilder<InteractionDevice> b)
    {
        b.HasKey(d => new { d.InteractionId, d.DeviceId });
        b.HasOne(d => d.Device).WithMany().HasForeignKey(d => d.DeviceId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(d => d.DeviceId);
    }
}

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> b)
    {
        b.ConfigureEditable();
        b.Property(o => o.ExternalId).HasMaxLength(64).IsRequired();
        b.HasIndex(o => o.ExternalId).IsUnique();
        b.HasOne(o => o.Account).WithMany().HasForeignKey(o => o.AccountId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(o => o.Lines).WithOne(l => l.Order).HasForeignKey(l => l.OrderId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(o => new { o.AccountId, o.OrderDate });
        b.HasIndex(o => o.OrderDate);
    }
}

internal sealed class OrderLineConfiguration : IEntityTypeConfiguration<OrderLine>
{
    public void Configure(EntityTypeBuilder<OrderLine> b)
    {
        b.HasKey(l => l.Id);
        b.Property(l => l.Id).ValueGeneratedNever();
        b.HasIndex(l => new { l.OrderId, l.LineNo }).IsUnique();
        b.HasOne(l => l.Product).WithMany().HasForeignKey(l => l.ProductId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(l => l.ProductId);
        b.Ignore(l => l.Discount);
        b.Ignore(l => l.DiscountRate);
    }
}

internal sealed class SurveyResponseConfiguration : IEntityTypeConfiguration<SurveyResponse>
{
    public void Configure(EntityTypeBuilder<SurveyResponse> b)
    {
        b.ConfigureEditable();
        b.Property(s => s.Comment).HasMaxLength(2000);
        b.HasOne(s => s.Account).WithMany().HasForeignKey(s => s.AccountId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(s => s.Contact).WithMany().HasForeignKey(s => s.ContactId).OnDelete(DeleteBehavior.ClientSetNull);
        b.HasIndex(s => new { s.AccountId, s.Date });
    }
}

internal sealed class QuarterlyTargetConfiguration : IEntityTypeConfiguration<QuarterlyTarget>
{
    public void Configure(EntityTypeBuilder<QuarterlyTarget> b)
    {
        b.ConfigureEditable();
        b.Property(t => t.ScopeKey).HasMaxLength(256).IsRequired();
        b.HasIndex(t => new { t.FiscalYear, t.FiscalQuarter, t.Scope, t.ScopeKey }).IsUnique();
    }
}

internal sealed class EngagementTaskConfiguration : IEntityTypeConfiguration<EngagementTask>
{
    public void Configure(EntityTypeBuilder<EngagementTask> b)
    {
        b.ConfigureEditable();
        b.Property(t => t.Reason).HasMaxLength(1000).IsRequired();
        b.Property(t => t.OutcomeNote).HasMaxLength(2000);
        b.Property(t => t.SignalsAtRaise).HasMaxLength(4000).IsRequired();
        b.Property(t => t.SignalsAfter).HasMaxLength(4000);
        b.HasOne(t => t.Account).WithMany().HasForeignKey(t => t.AccountId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(t => t.Assignee).WithMany().HasForeignKey(t => t.AssigneeId).OnDelete(DeleteBehavior.ClientSetNull);
        b.HasIndex(t => new { t.AssigneeId, t.Status });
        b.HasIndex(t => new { t.AccountId, t.Playbook, t.Status });
    }
}

internal sealed class AccountScoreConfiguration : IEntityTypeConfiguration<AccountScore>
{
    public void Configure(EntityTypeBuilder<AccountScore> b)
    {
        b.HasKey(s => s.Id);
        b.Property(s => s.Id).ValueGeneratedNever();
        b.HasOne(s => s.Account).WithMany().HasForeignKey(s => s.AccountId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(s => new { s.AccountId, s.AsOf }).IsUnique();
        b.HasIndex(s => new { s.AsOf, s.RiskTier });
        b.Property(s => s.SignalDetails).HasMaxLength(8000).IsRequired();
        b.Property(s => s.TopReason).HasMaxLength(500).IsRequired();
        b.Property(s => s.TierReason).HasMaxLength(500).IsRequired();
        b.HasOne(s => s.ClvFit).WithMany().HasForeignKey(s => s.ClvFitId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class ClvFitConfiguration : IEntityTypeConfiguration<ClvFit>
{
    public void Configure(EntityTypeBuilder<ClvFit> b)
    {
        b.HasKey(f => f.Id);
        b.Property(f => f.Id).ValueGeneratedNever();
        b.Property(f => f.RepeatModel).HasMaxLength(20).IsRequired();
        b.Property(f => f.RepeatParameters).HasMaxLength(1000).IsRequired();
        b.Property(f => f.SpendParameters).HasMaxLength(1000);
        b.Property(f => f.RetentionParameters).HasMaxLength(1000);
        b.Property(f => f.Backtest).HasMaxLength(8000);
        b.HasIndex(f => f.FittedAt);
    }
}

internal sealed class ScorecardWeightsConfiguration : IEntityTypeConfiguration<ScorecardWeights>
{
    public void Configure(EntityTypeBuilder<ScorecardWeights> b)
    {
        b.ConfigureEditable();
        b.HasData(new ScorecardWeights
        {
            Id = ScorecardWeights.SingletonId,
            Version = new Guid("5c0e3ca2-d000-4000-8000-000000000002"),
            CreatedAt = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc),
            UpdatedAt = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc),
        });
    }
}

internal sealed class ScorecardRulesConfiguration : IEntityTypeConfiguration<ScorecardRules>
{
    public void Configure(EntityTypeBuilder<ScorecardRules> b)
    {
        b.ConfigureEditable();
        b.HasData(new ScorecardRules
        {
            Id = ScorecardRules.SingletonId,
            Version = new Guid("5c0e3ca2-d000-4000-8000-000000000004"),
            CreatedAt = new DateTime(2026, 12, 4, 0, 0, 0, DateTimeKind.Utc),
            UpdatedAt = new DateTime(2026, 12, 4, 0, 0, 0, DateTimeKind.Utc),
        });
    }
}
