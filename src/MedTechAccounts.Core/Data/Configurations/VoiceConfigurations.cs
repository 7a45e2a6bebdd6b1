using MedTechAccounts.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MedTechAccounts.Core.Data.Configurations;

internal sealed class VoiceSettingsConfiguration : IEntityTypeConfiguration<VoiceSettings>
{
    public void Configure(EntityTypeBuilder<VoiceSettings> b)
    {
        b.ConfigureEditable();
        b.Property(s => s.Synonyms).HasMaxLength(VoiceSettings.MaxSynonyms);
        b.HasData(new VoiceSettings
        {
            Id = VoiceSettings.SingletonId,
            Version = new Guid("5c0e3ca2-d000-4000-8000-000000000006"),
            CreatedAt = new DateTime(2026, 12, 4, 0, 0, 0, DateTimeKind.Utc),
            UpdatedAt = new DateTime(2026, 12, 4, 0, 0, 0, DateTimeKind.Utc),
        });
    }
}

internal sealed class VoiceResponseConfiguration : IEntityTypeConfiguration<VoiceResponse>
{
    public void Configure(EntityTypeBuilder<VoiceResponse> b)
    {
        b.HasKey(r => r.Id);
        b.Property(r => r.Id).ValueGeneratedNever();
        b.Property(r => r.ThemeKey).HasMaxLength(200);
        b.Property(r => r.Theme).HasMaxLength(200);
        b.Property(r => r.Family).HasMaxLength(100);
        b.Property(r => r.Response).HasMaxLength(2000);
        b.HasIndex(r => new { r.ThemeKey, r.Family, r.RespondedAt });
    }
}
