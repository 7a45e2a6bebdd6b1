using System.Globalization;
using System.Text.Unicode;
using CsvHelper;

namespace MedTechAccounts.Core.Features.Interchange;

/// <summary>One problem of an import, reported as <c>line N: column: reason</c> (the header is line 1).</summary>
public sealed record CsvError(int Line, string Column, string Reason)
{
    public override string ToString() => $"line {Line}: {Column}: {Reason}";
}

/// <summary>
/// Reads a CSV file of design section 8 with CsvHelper: UTF-8, comma-separated, RFC 4180 quoting. Line numbers
/// are physical lines of the file, so a quoted cell spanning three lines moves the next record three lines on.
/// Cells are written through <see cref="Neutralise"/> and read back through <see cref="Restore"/>.
/// </summary>
public static class CsvFile
{
    /// <summary>The marker used as "column" for problems of a whole line or of the header.</summary>
    public const string RowColumn = "row";
    public const string HeaderColumn = "header";

    public static CsvReaderOptions ReaderOptions(Action<CsvMalformedRecord>? onMalformed = null) => new()
    {
        OnMalformedRecord = onMalformed,
        HasHeader = false,
        Separator = ',',
        DetectSeparatorHint = false,
        Mode = CsvMode.Rfc4180,
        TrackLineNumbers = true,
        SkipEmptyLines = false,
        AllowLineBreaksInQuotes = true,
        MalformedData = CsvMalformedDataHandling.Recover,
        FieldCountMismatch = CsvFieldCountHandling.Allow,
    };

    public static CsvWriterOptions WriterOptions() => new()
    {
        Separator = ',',
        Mode = CsvMode.Rfc4180,
        NewLine = "\r\n",
        Quoting = CsvQuoting.WhenNeeded,
        // Formulas are neutralised per cell by Neutralise, which tells a number like -2 from a formula and can be undone on import.
        Injection = CsvInjection.None,
        NullValue = "",
        WriteByteOrderMark = false,
    };

    /// <summary>
    /// A cell's text as written to a file people open in a spreadsheet. Text a spreadsheet would run as a formula
    /// (=, +, -, @, tab or return first, OWASP "CSV injection") gets a leading apostrophe; numbers, including
    /// negative ones, stay as they are. Text that already starts with apostrophes before such a character gets one
    /// more, so <see cref="Restore"/> undoes exactly what this added and an export re-imports unchanged.
    /// </summary>
    public static string Neutralise(string text) => NeedsEscape(text) ? "'" + text : text;

    /// <summary>The inverse of <see cref="Neutralise"/>: drops the apostrophe it added, leaves every other cell as it is.</summary>
    public static string Restore(string cell) =>
        cell.Length > 1 && cell[0] == '\'' && NeedsEscape(cell[1..]) ? cell[1..] : cell;

    private static bool NeedsEscape(string text)
    {
        var rest = text.AsSpan().TrimStart('\'');
        return rest.Length > 0 && rest[0] is '=' or '+' or '-' or '@' or '\t' or '\r'
            && !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
    }

    /// <summary>
    /// The data lines of <paramref name="content"/> after checking the header against <paramref name="columns"/>
    /// (case-insensitive, any order, every column required, no others). Blank lines are skipped.
    /// </summary>
    /// <param name="timestampResolution">Ticks a stored timestamp is truncated to (10 where the database keeps microseconds).</param>
    public static async Task<List<CsvLine>> ReadAsync(
        Stream content, IReadOnlyList<string> columns, List<CsvError> errors, CancellationToken ct, long timestampResolution = 1)
    {
        var malformed = new Dictionary<long, CsvMalformedRecord>();
        var options = ReaderOptions(m => malformed.TryAdd(m.LineNumber, m));
        await using var reader = CsvReader.Create(content, options, leaveOpen: true);

        if (!await reader.ReadAsync(ct))
        {
            errors.Add(new CsvError(1, HeaderColumn, $"the file is empty; expected the header {string.Join(",", columns)}"));
            return [];
        }

        var index = ReadHeader(reader, columns, errors);
        if (index is null)
        {
            return [];
        }

        var positions = columns.Select(c => index[c]).ToArray();
        var names = index.OrderBy(i => i.Value).Select(i => i.Key).ToArray();
        var lines = new List<CsvLine>();
        while (await reader.ReadAsync(ct))
        {
            var number = checked((int)reader.LineNumber);
            if (reader.FieldCount == 1 && string.IsNullOrWhiteSpace(reader.GetString(0)))
            {
                continue;
            }

            if (!Utf8.IsValid(reader.RawRecord))
            {
                errors.AddRange(Enumerable.Range(0, reader.FieldCount).Where(i => !Utf8.IsValid(reader.GetRawSpan(i)))
                    .Select(i => new CsvError(number, i < names.Length ? names[i] : RowColumn, NotUtf8)));
                continue;
            }

            if (malformed.TryGetValue(reader.LineNumber, out var bad))
            {
                var field = FieldAt(reader, bad.ByteOffset - reader.ByteOffset);
                errors.Add(new CsvError(number, field < names.Length ? names[field] : RowColumn, Describe(bad.Reason)));
                continue;
            }

            if (reader.FieldCount != columns.Count)
            {
                errors.Add(new CsvError(number, RowColumn, $"has {reader.FieldCount} cells, the header has {columns.Count}"));
                continue;
            }

            var cells = new string?[columns.Count];
            for (var i = 0; i < positions.Length; i++)
            {
                var value = reader.GetString(positions[i]).Trim();
                cells[i] = value.Length == 0 ? null : Restore(value);
            }

            lines.Add(new CsvLine(number, columns, cells, errors, timestampResolution));
        }

        return lines;
    }

    private const string NotUtf8 = "is not UTF-8 text (save the file as UTF-8)";

    /// <summary>The field of the current record that holds byte <paramref name="offset"/> of it.</summary>
    private static int FieldAt(CsvReader reader, long offset)
    {
        long end = 0;
        for (var i = 0; i < reader.FieldCount; i++)
        {
            end += reader.GetRawSpan(i).Length + 1;
            if (offset < end)
            {
                return i;
            }
        }

        return reader.FieldCount - 1;
    }

    private static Dictionary<string, int>? ReadHeader(CsvReader reader, IReadOnlyList<string> columns, List<CsvError> errors)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var before = errors.Count;
        for (var i = 0; i < reader.FieldCount; i++)
        {
            if (!Utf8.IsValid(reader.GetRawSpan(i)))
            {
                errors.Add(new CsvError(1, HeaderColumn, $"column {i + 1} {NotUtf8}"));
                continue;
            }

            var name = reader.GetString(i).Trim().TrimStart('\uFEFF').ToLowerInvariant();
            if (!columns.Contains(name, StringComparer.Ordinal))
            {
                errors.Add(new CsvError(1, name.Length == 0 ? HeaderColumn : name,
                    name.Length == 0 ? "empty column name" : $"unknown column (expected {string.Join(",", columns)})"));
            }
            else if (!index.TryAdd(name, i))
            {
                errors.Add(new CsvError(1, name, "duplicate column"));
            }
        }

        foreach (var missing in columns.Where(c => !index.ContainsKey(c)))
        {
            errors.Add(new CsvError(1, missing, "missing column"));
        }

        return errors.Count == before ? index : null;
    }

    private static string Describe(CsvMalformedReason reason) => reason switch
    {
        CsvMalformedReason.UnterminatedQuote => "a quoted cell is not closed",
        CsvMalformedReason.TextAfterClosingQuote => "text after the closing quote of a cell",
        CsvMalformedReason.StrayQuote => "a quote inside an unquoted cell",
        CsvMalformedReason.LineBreakInQuotes => "a line break inside a quoted cell",
        _ => "malformed line",
    };
}
