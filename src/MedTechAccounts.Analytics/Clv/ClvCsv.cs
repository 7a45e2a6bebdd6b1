using System.Globalization;
using System.Text;

namespace MedTechAccounts.Analytics.Clv;

/// <summary>
/// Readers for the CLV interchange files: the customer summary (<c>id, frequency, recency,
/// T, monetary_value</c>, or the papers' <c>x, t_x, zbar</c>), the survival table
/// (<c>period, alive</c>) and transactions (CSV <c>id,date[,value]</c> or CDNOW-like
/// whitespace-separated files). Every problem is a <see cref="ClvInputException"/> naming
/// the file, line and column.
/// </summary>
public static class ClvCsv
{
    private static readonly string[] IdNames = ["id", "customer_id", "customerid", "account_id"];
    private static readonly string[] FrequencyNames = ["frequency", "x"];
    private static readonly string[] RecencyNames = ["recency", "t_x", "tx"];
    private static readonly string[] AgeNames = ["t", "age"];
    private static readonly string[] MonetaryNames = ["monetary_value", "zbar", "monetary", "m"];
    private static readonly string[] IntervalNames = ["litt", "sum_log_intervals"];
    private static readonly string[] DateNames = ["date", "order_date", "purchase_date"];
    private static readonly string[] ValueNames = ["value", "monetary_value", "dollar_value", "amount", "net_amount", "sales"];

    public static SummaryTable ReadSummary(string path)
    {
        using var reader = OpenFile(path);
        return ReadSummary(reader, Path.GetFileName(path));
    }

    public static SummaryTable ReadSummary(TextReader reader, string source)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var records = ReadCsvRecords(reader, source);
        var header = Header(records, source);
        var id = FindColumn(header, IdNames);
        var frequency = RequireColumn(header, FrequencyNames, "frequency (or x)", source);
        var recency = RequireColumn(header, RecencyNames, "recency (or t_x)", source);
        var age = RequireColumn(header, AgeNames, "T", source);
        var monetary = FindColumn(header, MonetaryNames);
        var intervals = FindColumn(header, IntervalNames);

        var rows = new List<CustomerSummary>(records.Count);
        var lines = new List<int>(records.Count);
        for (var i = 1; i < records.Count; i++)
        {
            var (line, fields) = records[i];
            if (fields.Length == 1 && fields[0].Length == 0)
            {
                continue;
            }

            CheckFieldCount(fields, header.Fields.Length, source, line);
            var x = ParseNumber(fields[frequency], source, line, header.Fields[frequency]);
            var tx = ParseNumber(fields[recency], source, line, header.Fields[recency]);
            var t = ParseNumber(fields[age], source, line, header.Fields[age]);
            double? m = monetary >= 0 ? ParseNumber(fields[monetary], source, line, header.Fields[monetary]) : null;
            double? litt = intervals >= 0 ? ParseNumber(fields[intervals], source, line, header.Fields[intervals]) : null;
            var problem = SummaryValidation.Check(x, tx, t, m);
            if (problem is { } p)
            {
                var column = p.Column switch
                {
                    SummaryValidation.FrequencyColumn => header.Fields[frequency],
                    SummaryValidation.RecencyColumn => header.Fields[recency],
                    SummaryValidation.AgeColumn => header.Fields[age],
                    _ => monetary >= 0 ? header.Fields[monetary] : p.Column,
                };
                throw new ClvInputException(p.Reason, source, line, rows.Count, column);
            }

            var customerId = id >= 0 ? fields[id].Trim() : rows.Count.ToString(CultureInfo.InvariantCulture);
            if (customerId.Length == 0)
            {
                throw new ClvInputException("the id is empty", source, line, rows.Count, header.Fields[id]);
            }

            rows.Add(new CustomerSummary(customerId, x, tx, t, m, litt));
            lines.Add(line);
        }

        if (rows.Count == 0)
        {
            throw new ClvInputException("the file has a header but no data rows", source, 2, null, null);
        }

        return new SummaryTable(source, rows, lines, monetary >= 0);
    }

    /// <summary>
    /// Reads discrete-time histories for BG/BB: <c>frequency</c> (or x), <c>recency</c> (or t_x),
    /// <c>periods</c> (or n), optionally <c>weights</c> (customers sharing the row, default 1).
    /// </summary>
    public static BgBbData ReadDiscrete(string path)
    {
        using var reader = OpenFile(path);
        return ReadDiscrete(reader, Path.GetFileName(path));
    }

    public static BgBbData ReadDiscrete(TextReader reader, string source)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var records = ReadCsvRecords(reader, source);
        var header = Header(records, source);
        var frequency = RequireColumn(header, FrequencyNames, "frequency (or x)", source);
        var recency = RequireColumn(header, RecencyNames, "recency (or t_x)", source);
        var periods = RequireColumn(header, ["periods", "n", "n_periods"], "periods (or n)", source);
        var weights = FindColumn(header, ["weights", "weight", "count", "customers"]);
        var x = new List<int>();
        var tx = new List<int>();
        var n = new List<int>();
        var w = new List<double>();
        var lines = new List<int>();
        for (var i = 1; i < records.Count; i++)
        {
            var (line, fields) = records[i];
            if (fields.Length == 1 && fields[0].Length == 0)
            {
                continue;
            }

            CheckFieldCount(fields, header.Fields.Length, source, line);
            x.Add(ParseCount(fields[frequency], source, line, header.Fields[frequency], x.Count));
            tx.Add(ParseCount(fields[recency], source, line, header.Fields[recency], x.Count - 1));
            n.Add(ParseCount(fields[periods], source, line, header.Fields[periods], x.Count - 1));
            w.Add(weights >= 0 ? ParseNumber(fields[weights], source, line, header.Fields[weights]) : 1);
            lines.Add(line);
        }

        if (x.Count == 0)
        {
            throw new ClvInputException("the file has a header but no data rows", source, 2, null, null);
        }

        try
        {
            return BgBbData.FromArrays(x, tx, n, w, source);
        }
        catch (ClvInputException e) when (e.Row is { } row && row < lines.Count)
        {
            var column = e.Column switch
            {
                "frequency" => header.Fields[frequency],
                "recency" => header.Fields[recency],
                "periods" => header.Fields[periods],
                "weights" when weights >= 0 => header.Fields[weights],
                _ => e.Column,
            };
            throw new ClvInputException(e.Reason, source, lines[row], row, column);
        }
    }

    private static int ParseCount(string text, string source, int line, string column, int row)
    {
        var value = ParseNumber(text, source, line, column);
        if (value != Math.Floor(value) || value < 0 || value > int.MaxValue)
        {
            throw new ClvInputException(string.Create(CultureInfo.InvariantCulture, $"{value} is not a whole non-negative number"), source, line, row, column);
        }

        return (int)value;
    }

    public static SurvivalTable ReadSurvival(string path)
    {
        using var reader = OpenFile(path);
        return ReadSurvival(reader, Path.GetFileName(path));
    }

    public static SurvivalTable ReadSurvival(TextReader reader, string source)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var records = ReadCsvRecords(reader, source);
        var header = Header(records, source);
        var period = RequireColumn(header, ["period"], "period", source);
        var alive = RequireColumn(header, ["alive", "survivors", "active"], "alive", source);
        var periods = new List<int>();
        var counts = new List<double>();
        for (var i = 1; i < records.Count; i++)
        {
            var (line, fields) = records[i];
            if (fields.Length == 1 && fields[0].Length == 0)
            {
                continue;
            }

            CheckFieldCount(fields, header.Fields.Length, source, line);
            var k = ParseNumber(fields[period], source, line, header.Fields[period]);
            var n = ParseNumber(fields[alive], source, line, header.Fields[alive]);
            if (k != periods.Count)
            {
                throw new ClvInputException(
                    string.Create(CultureInfo.InvariantCulture, $"expected period {periods.Count} (periods start at 0 and increase by 1), found {k}"),
                    source, line, periods.Count, header.Fields[period]);
            }

            if (n < 0)
            {
                throw new ClvInputException("the number alive must not be negative", source, line, periods.Count, header.Fields[alive]);
            }

            if (periods.Count == 0 && n <= 0)
            {
                throw new ClvInputException("the cohort size (period 0) must be positive", source, line, 0, header.Fields[alive]);
            }

            if (counts.Count > 0 && n > counts[^1])
            {
                throw new ClvInputException(
                    string.Create(CultureInfo.InvariantCulture, $"the number alive rises from {counts[^1]} to {n}; survivors cannot increase"),
                    source, line, periods.Count, header.Fields[alive]);
            }

            periods.Add((int)k);
            counts.Add(n);
        }

        if (periods.Count < 2)
        {
            throw new ClvInputException("at least two periods (0 and 1) are needed", source, records.Count + 1, null, null);
        }

        return new SurvivalTable(source, periods, counts);
    }

    public static TransactionTable ReadTransactions(string path)
    {
        using var reader = OpenFile(path);
        return ReadTransactions(reader, Path.GetFileName(path));
    }

    /// <summary>
    /// Reads transactions. A first line containing a comma means CSV with a header naming an
    /// id column (<c>id</c> or <c>customer_id</c>), <c>date</c> and optionally a value column.
    /// Otherwise the file is whitespace-separated like the CDNOW files: with a header, columns
    /// are found by name; without one, the first column is the customer, the first later column
    /// holding a <c>YYYYMMDD</c> date is the date, and the last column after it (if any) the value.
    /// </summary>
    public static TransactionTable ReadTransactions(TextReader reader, string source)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var first = reader.ReadLine();
        var firstLineNo = 1;
        while (first is not null && first.Trim().Length == 0)
        {
            first = reader.ReadLine();
            firstLineNo++;
        }

        if (first is null)
        {
            throw new ClvInputException("the file is empty", source, 1, null, null);
        }

        return first.Contains(',', StringComparison.Ordinal)
            ? ReadCsvTransactions(first, firstLineNo, reader, source)
            : ReadWhitespaceTransactions(first, firstLineNo, reader, source);
    }

    private static TransactionTable ReadCsvTransactions(string firstLine, int firstLineNo, TextReader reader, string source)
    {
        using var rest = new StringReader(firstLine + "\n" + reader.ReadToEnd());
        var records = ReadCsvRecords(rest, source);
        var header = Header(records, source);
        var id = RequireColumn(header, IdNames, "id", source);
        var date = RequireColumn(header, DateNames, "date", source);
        var value = FindColumn(header, ValueNames);
        var rows = new List<Transaction>(records.Count);
        for (var i = 1; i < records.Count; i++)
        {
            var (line, fields) = records[i];
            line += firstLineNo - 1;
            if (fields.Length == 1 && fields[0].Length == 0)
            {
                continue;
            }

            CheckFieldCount(fields, header.Fields.Length, source, line);
            rows.Add(MakeTransaction(fields[id], fields[date], value >= 0 ? fields[value] : null, source, line, header.Fields[id], header.Fields[date], value >= 0 ? header.Fields[value] : null, rows.Count));
        }

        if (rows.Count == 0)
        {
            throw new ClvInputException("the file has a header but no data rows", source, firstLineNo + 1, null, null);
        }

        return new TransactionTable(source, rows, value >= 0);
    }

    private static TransactionTable ReadWhitespaceTransactions(string firstLine, int firstLineNo, TextReader reader, string source)
    {
        var firstFields = SplitWhitespace(firstLine);
        var hasHeader = !double.TryParse(firstFields[0], NumberStyles.Float, CultureInfo.InvariantCulture, out _);
        int idCol, dateCol, valueCol;
        string idName, dateName, valueName;
        var rows = new List<Transaction>();
        var lineNo = firstLineNo;
        string? line = firstLine;
        if (hasHeader)
        {
            var header = new HeaderInfo(firstFields.Select(f => f.Trim()).ToArray(), firstLineNo);
            idCol = RequireColumn(header, IdNames, "customer_id", source);
            dateCol = RequireColumn(header, DateNames, "date", source);
            valueCol = FindColumn(header, ValueNames);
            idName = header.Fields[idCol];
            dateName = header.Fields[dateCol];
            valueName = valueCol >= 0 ? header.Fields[valueCol] : "value";
            line = reader.ReadLine();
            lineNo++;
        }
        else
        {
            idCol = 0;
            dateCol = -1;
            for (var c = 1; c < firstFields.Length; c++)
            {
                if (TryParseDate(firstFields[c], out _) && firstFields[c].Length == 8)
                {
                    dateCol = c;
                    break;
                }
            }

            if (dateCol < 0)
            {
                throw new ClvInputException("no column holds a YYYYMMDD date", source, firstLineNo, 0, "date");
            }

            valueCol = firstFields.Length > dateCol + 1 ? firstFields.Length - 1 : -1;
            idName = "column 1";
            dateName = string.Create(CultureInfo.InvariantCulture, $"column {dateCol + 1}");
            valueName = string.Create(CultureInfo.InvariantCulture, $"column {valueCol + 1}");
        }

        var width = hasHeader ? firstFields.Length : (valueCol >= 0 ? valueCol + 1 : dateCol + 1);
        while (line is not null)
        {
            if (line.Trim().Length > 0)
            {
                var fields = SplitWhitespace(line);
                if (fields.Length < width)
                {
                    throw new ClvInputException(
                        string.Create(CultureInfo.InvariantCulture, $"expected {width} fields, found {fields.Length}"),
                        source, lineNo, rows.Count, null);
                }

                rows.Add(MakeTransaction(fields[idCol], fields[dateCol], valueCol >= 0 ? fields[valueCol] : null, source, lineNo, idName, dateName, valueName, rows.Count));
            }

            line = reader.ReadLine();
            lineNo++;
        }

        if (rows.Count == 0)
        {
            throw new ClvInputException("the file has a header but no data rows", source, firstLineNo + 1, null, null);
        }

        return new TransactionTable(source, rows, valueCol >= 0);
    }

    private static Transaction MakeTransaction(string idText, string dateText, string? valueText, string source, int line, string idName, string dateName, string? valueName, int row)
    {
        var id = idText.Trim();
        if (id.Length == 0)
        {
            throw new ClvInputException("the id is empty", source, line, row, idName);
        }

        if (!TryParseDate(dateText.Trim(), out var date))
        {
            throw new ClvInputException($"'{dateText}' is not a date (YYYY-MM-DD or YYYYMMDD)", source, line, row, dateName);
        }

        var value = 0.0;
        if (valueText is not null)
        {
            value = ParseNumber(valueText, source, line, valueName ?? "value");
            if (value < 0)
            {
                throw new ClvInputException("the value must not be negative", source, line, row, valueName);
            }
        }

        return new Transaction(id, date, value);
    }

    internal static bool TryParseDate(string text, out DateOnly date)
    {
        if (text.Length == 8 && DateOnly.TryParseExact(text, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            return true;
        }

        if (text.Length >= 10 && DateOnly.TryParseExact(text.AsSpan(0, 10), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            var restOk = text.Length == 10 || text[10] is 'T' or ' ';
            return restOk;
        }

        date = default;
        return false;
    }

    private static string[] SplitWhitespace(string line) =>
        line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    private static double ParseNumber(string text, string source, int line, string column)
    {
        var t = text.Trim();
        if (t.Length == 0)
        {
            throw new ClvInputException("the value is empty", source, line, null, column);
        }

        if (!double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
        {
            throw new ClvInputException($"'{t}' is not a number", source, line, null, column);
        }

        if (!double.IsFinite(v))
        {
            throw new ClvInputException($"'{t}' is not a finite number", source, line, null, column);
        }

        return v;
    }

    private static void CheckFieldCount(string[] fields, int expected, string source, int line)
    {
        if (fields.Length != expected)
        {
            throw new ClvInputException(
                string.Create(CultureInfo.InvariantCulture, $"expected {expected} fields as in the header, found {fields.Length}"),
                source, line, null, null);
        }
    }

    private sealed record HeaderInfo(string[] Fields, int Line);

    private static HeaderInfo Header(List<(int Line, string[] Fields)> records, string source)
    {
        if (records.Count == 0 || (records.Count == 1 && records[0].Fields.All(f => f.Trim().Length == 0)))
        {
            throw new ClvInputException("the file is empty", source, 1, null, null);
        }

        var (line, fields) = records[0];
        var names = fields.Select(f => f.Trim().TrimStart('\uFEFF')).ToArray();
        return new HeaderInfo(names, line);
    }

    private static int FindColumn(HeaderInfo header, string[] names)
    {
        foreach (var name in names)
        {
            for (var i = 0; i < header.Fields.Length; i++)
            {
                if (string.Equals(header.Fields[i], name, StringComparison.OrdinalIgnoreCase))
                {
                    return i;
                }
            }
        }

        return -1;
    }

    private static int RequireColumn(HeaderInfo header, string[] names, string display, string source)
    {
        var i = FindColumn(header, names);
        if (i < 0)
        {
            throw new ClvInputException($"missing column; the header must name '{display}'", source, header.Line, null, display);
        }

        return i;
    }

    private static StreamReader OpenFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        try
        {
            return new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
        {
            throw new ClvInputException($"cannot open the file: {e.Message}", Path.GetFileName(path), null, null, null);
        }
    }

    /// <summary>Reads RFC 4180 records (quoted fields may hold commas, quotes and line breaks).</summary>
    internal static List<(int Line, string[] Fields)> ReadCsvRecords(TextReader reader, string source)
    {
        var records = new List<(int, string[])>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var inQuotes = false;
        var fieldWasQuoted = false;
        var any = false;
        int ch;
        while ((ch = reader.Read()) != -1)
        {
            any = true;
            var c = (char)ch;
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        field.Append('"');
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else
                {
                    if (c == '\n')
                    {
                        line++;
                    }

                    field.Append(c);
                }

                continue;
            }

            switch (c)
            {
                case '"' when field.Length == 0 && !fieldWasQuoted:
                    inQuotes = true;
                    fieldWasQuoted = true;
                    break;
                case '"':
                    throw new ClvInputException("a quote inside an unquoted field", source, line, null, null);
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    fieldWasQuoted = false;
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    fieldWasQuoted = false;
                    records.Add((recordLine, fields.ToArray()));
                    fields.Clear();
                    line++;
                    recordLine = line;
                    break;
                default:
                    field.Append(c);
                    break;
            }
        }

        if (inQuotes)
        {
            throw new ClvInputException("a quoted field is not closed", source, recordLine, null, null);
        }

        if (field.Length > 0 || fields.Count > 0 || fieldWasQuoted)
        {
            fields.Add(field.ToString());
            records.Add((recordLine, fields.ToArray()));
        }

        if (!any)
        {
            throw new ClvInputException("the file is empty", source, 1, null, null);
        }

        return records;
    }
}
