using System.Globalization;
using System.Text.RegularExpressions;

namespace MedTechAccounts.Core.Features.Interchange;

/// <summary>
/// One data line of an import file. The typed getters parse a cell in the format of design section 8 and
/// record a <see cref="CsvError"/> for this line when it is bad (returning null), so every problem of every
/// line is collected before anything is changed. An empty cell is null.
/// </summary>
public sealed partial class CsvLine
{
    private readonly IReadOnlyList<string> _columns;
    private readonly string?[] _cells;
    private readonly List<CsvError> _errors;
    private readonly long _timestampResolution;
    private int _own;

    internal CsvLine(int number, IReadOnlyList<string> columns, string?[] cells, List<CsvError> errors, long timestampResolution = 1)
    {
        _timestampResolution = timestampResolution;
        Number = number;
        _columns = columns;
        _cells = cells;
        _errors = errors;
    }

    /// <summary>The physical line of the file where this record starts (the header is line 1).</summary>
    public int Number { get; }

    /// <summary>True when a problem was recorded for this line.</summary>
    public bool HasErrors => _own > 0;

    public void Error(string column, string reason)
    {
        _errors.Add(new CsvError(Number, column, reason));
        _own++;
    }

    /// <summary>The trimmed cell, or null when empty.</summary>
    public string? Raw(string column)
    {
        var i = IndexOf(column);
        return _cells[i];
    }

    public string? Text(string column, int maxLength, bool required = false)
    {
        var value = Raw(column);
        if (value is null)
        {
            return Required(column, required);
        }

        if (value.Length > maxLength)
        {
            Error(column, $"must be at most {maxLength} characters");
            return null;
        }

        return value;
    }

    /// <summary>An external key: letters, digits, '.', '_' and '-', at most 64 characters.</summary>
    public string? Key(string column, bool required = true)
    {
        var value = Text(column, 64, required);
        if (value is not null && !KeyPattern().IsMatch(value))
        {
            Error(column, "may contain letters, digits, '.', '_' and '-' only");
            return null;
        }

        return value;
    }

    public string? Email(string column, bool required = false)
    {
        var value = Text(column, 256, required);
        if (value is not null && !EmailPattern().IsMatch(value))
        {
            Error(column, $"'{value}' is not an e-mail address");
            return null;
        }

        return value;
    }

    public int? Int(string column, int min, int max, bool required = false)
    {
        var value = Raw(column);
        if (value is null)
        {
            Required(column, required);
            return null;
        }

        if (!IntPattern().IsMatch(value) || !int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            Error(column, $"'{value}' is not a whole number");
            return null;
        }

        if (number < min || number > max)
        {
            Error(column, $"must be between {min} and {max}");
            return null;
        }

        return number;
    }

    /// <summary>An amount in the currency unit with '.' as decimal point and at most 2 decimals, zero or more.</summary>
    public decimal? Amount(string column, bool required = false)
    {
        var value = Raw(column);
        if (value is null)
        {
            Required(column, required);
            return null;
        }

        if (!AmountPattern().IsMatch(value) || !decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
        {
            Error(column, $"'{value}' is not a number (use '.' as decimal point, no thousands separators)");
            return null;
        }

        if (amount < 0)
        {
            Error(column, "must be zero or more");
            return null;
        }

        if (amount != Math.Round(amount, 2))
        {
            Error(column, "may have at most 2 decimals");
            return null;
        }

        if (amount > 9_999_999_999_999m)
        {
            Error(column, "is too large");
            return null;
        }

        return amount;
    }

    public DateOnly? Date(string column, bool required = false)
    {
        var value = Raw(column);
        if (value is null)
        {
            Required(column, required);
            return null;
        }

        if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            Error(column, $"'{value}' is not a date as YYYY-MM-DD");
            return null;
        }

        return date;
    }

    /// <summary>An ISO 8601 timestamp with an offset or Z, returned in UTC, to the resolution the database stores.</summary>
    public DateTime? Timestamp(string column, bool required = false)
    {
        var value = Raw(column);
        if (value is null)
        {
            Required(column, required);
            return null;
        }

        if (!TimestampPattern().IsMatch(value)
            || !DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            Error(column, $"'{value}' is not an ISO 8601 timestamp with offset or Z (such as 2026-03-12T14:30:00Z)");
            return null;
        }

        var utc = parsed.UtcDateTime;
        return new DateTime(utc.Ticks - (utc.Ticks % _timestampResolution), DateTimeKind.Utc);
    }

    public TEnum? Enum<TEnum>(string column, bool required = true) where TEnum : struct, Enum
    {
        var value = Raw(column);
        if (value is null)
        {
            Required(column, required);
            return null;
        }

        var match = System.Enum.GetNames<TEnum>().FirstOrDefault(n => string.Equals(n, value, StringComparison.OrdinalIgnoreCase));
        if (match is null)
        {
            Error(column, $"'{value}' is not one of {string.Join(", ", System.Enum.GetNames<TEnum>())}");
            return null;
        }

        return System.Enum.Parse<TEnum>(match);
    }

    /// <summary>true or false (case-insensitive); empty is <paramref name="empty"/>.</summary>
    public bool? Bool(string column, bool empty = false)
    {
        var value = Raw(column);
        if (value is null)
        {
            return empty;
        }

        if (bool.TryParse(value, out var result))
        {
            return result;
        }

        Error(column, $"'{value}' is not true or false");
        return null;
    }

    /// <summary>The items of a list cell, separated by ';', trimmed, without empty items.</summary>
    public IReadOnlyList<string> List(string column) =>
        Raw(column) is { } value ? value.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : [];

    private string? Required(string column, bool required)
    {
        if (required)
        {
            Error(column, "is required");
        }

        return null;
    }

    private int IndexOf(string column)
    {
        for (var i = 0; i < _columns.Count; i++)
        {
            if (ReferenceEquals(_columns[i], column) || _columns[i] == column)
            {
                return i;
            }
        }

        throw new ArgumentException($"'{column}' is not a column of this kind.", nameof(column));
    }

    [GeneratedRegex("^[A-Za-z0-9._-]+$")]
    private static partial Regex KeyPattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^[+-]?[0-9]+$")]
    private static partial Regex IntPattern();

    [GeneratedRegex(@"^-?[0-9]+(\.[0-9]+)?$")]
    private static partial Regex AmountPattern();

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,7})?)?(Z|[+-][0-9]{2}:[0-9]{2})$")]
    private static partial Regex TimestampPattern();
}

/// <summary>How values are written: the same formats the import reads, invariant, so an export re-imports unchanged.</summary>
public static class CsvValues
{
    public static string? Amount(decimal? value) => value?.ToString("0.00", CultureInfo.InvariantCulture);

    public static string? Number(int? value) => value?.ToString(CultureInfo.InvariantCulture);

    public static string? Score(double value) => Math.Round(value, 4).ToString("0.####", CultureInfo.InvariantCulture);

    public static string? Date(DateOnly? value) => value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>UTC with Z; fractional seconds only when there are any.</summary>
    public static string? Timestamp(DateTime? value) =>
        value is { } v ? DateTime.SpecifyKind(v, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture) : null;

    public static string Bool(bool value) => value ? "true" : "false";

    public static string List(IEnumerable<string> items) => string.Join(';', items);
}
