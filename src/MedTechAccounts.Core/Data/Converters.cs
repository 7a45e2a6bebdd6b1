using MedTechAccounts.Core.Domain;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace MedTechAccounts.Core.Data;

/// <summary>Stores DateTime as UTC and reads it back with <see cref="DateTimeKind.Utc"/> on every provider.</summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => UtcTime.Of(v),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

/// <summary>Decimal money as REAL on SQLite, rounded back to cents on read.</summary>
public sealed class SqliteMoneyConverter() : ValueConverter<decimal, double>(
    v => (double)v,
    v => Math.Round((decimal)v, 2));
