using System.Text;
using CsCheck;
using MedTechAccounts.Core.Features.Interchange;
using MedTechAccounts.IntegrationTests.Features.Interchange;

namespace MedTechAccounts.IntegrationTests.Security;

/// <summary>A crafted import file and what the import must say about it: the (line, column) of every problem.</summary>
public sealed record CraftedFile(string Kind, string Case, byte[] Content, IReadOnlySet<(int Line, string Column)> Expected)
{
    public override string ToString() => $"{Kind}/{Case}";
}

/// <summary>A file the import must accept, creating <paramref name="Created"/> records.</summary>
public sealed record AcceptedFile(string Kind, string Case, byte[] Content, int Created)
{
    public override string ToString() => $"{Kind}/{Case}";
}

/// <summary>
/// Generates, from a seed, crafted files of every import kind around <see cref="InterchangeWorld"/>: valid lines of new
/// records (with quoted cells spanning lines, commas, quotes and non-ASCII text, so physical line numbers are put to the
/// test) with bad lines put at random places, and the exact problems the import must report for each file.
/// </summary>
public sealed class CraftedFileCorpus
{
    private readonly PCG _random;
    private readonly Dictionary<string, KindShape> _kinds;
    private int _next;

    public CraftedFileCorpus(InterchangeWorld world, ulong seed)
    {
        _random = new PCG(1, seed);
        _kinds = Shapes(world).ToDictionary(k => k.Kind);
    }

    /// <summary>Every kind the admin page and the command line import.</summary>
    public static IReadOnlyList<string> Kinds => ImportCsv.Kinds;

    /// <summary>
    /// The bad files of <paramref name="kind"/>: a missing, a misspelt and a duplicated column; a stray quote, text after
    /// a closing quote, a line with a cell too many, Latin-1 bytes and an unterminated quote; bad dates, numbers and
    /// values, unknown keys (where the kind references others) and a duplicate key among mixed line ends; an empty file.
    /// </summary>
    public IEnumerable<CraftedFile> BadFiles(string kind)
    {
        var shape = _kinds[kind];
        var columns = ImportCsv.ColumnsOf(kind)!;

        var missing = Pick(columns);
        yield return HeaderCase(shape, "missing column", [.. columns.Where(c => c != missing)], [(1, missing)]);

        var misspelt = Pick(columns);
        var typo = Misspell(misspelt, columns);
        yield return HeaderCase(shape, "misspelt column", [.. columns.Select(c => c == misspelt ? typo : c)], [(1, typo), (1, misspelt)]);

        var duplicated = Pick(columns);
        yield return HeaderCase(shape, "duplicated column", [.. columns, duplicated], [(1, duplicated)]);

        // Line-level problems share a file (every bad line must be named, not only the first), ending with a quote never closed.
        var text = shape.TextColumn ?? columns[0];
        yield return Build(shape, "quoting, a cell too many and Latin-1 bytes", columns,
        [
            Raw(Good(shape), text, "stray \" quote", text),
            Raw(Good(shape), text, "\"quoted\" and more", text),
            new BadLine(Good(shape), [CsvFile.RowColumn], Extra: "surplus"),
            Bad(Good(shape), text, "Caf\u00e9 " + Word(), text, latin1: true),
            Raw(Good(shape), text, "\"never closed, " + Word(), text),
        ], badLast: true);

        var first = Good(shape);
        var again = Good(shape);
        foreach (var column in shape.KeyColumns)
        {
            again[column] = first[column];
        }

        yield return Build(shape, "bad values, unknown keys and a duplicate key among mixed line ends", columns,
        [
            .. Several(shape.BadValues).Select(b => Bad(Good(shape), b.Column, b.Value, b.Column)),
            .. Several(shape.UnknownKeys).Select(b => Bad(Good(shape), b.Column, b.Value, b.Column)),
            new BadLine(again, [shape.DuplicateColumn]),
        ], leading: [first], lineEnds: ["\r\n", "\n", "\r"]);
        yield return new CraftedFile(kind, "empty file", [], new HashSet<(int, string)> { (1, CsvFile.HeaderColumn) });
    }

    /// <summary>Files of <paramref name="kind"/> the import must accept: a UTF-8 byte order mark with reordered columns and CR LF, LF and CR line ends; a header alone.</summary>
    public IEnumerable<AcceptedFile> AcceptedFiles(string kind)
    {
        var shape = _kinds[kind];
        var columns = ImportCsv.ColumnsOf(kind)!;
        var reordered = columns.ToArray();
        while (reordered.SequenceEqual(columns))
        {
            reordered = Gen.Shuffle(columns.ToArray()).Generate(_random, null, out _);
        }

        yield return Accepted(shape, "byte order mark, reordered columns, mixed line ends", reordered);
        yield return new AcceptedFile(kind, "header only", Encoding.UTF8.GetBytes(string.Join(',', columns) + "\r\n"), 0);
    }

    /// <summary><paramref name="lines"/> valid lines of <paramref name="kind"/> with one bad value on a line in the second half.</summary>
    public CraftedFile BigFile(string kind, int lines)
    {
        var shape = _kinds[kind];
        var columns = ImportCsv.ColumnsOf(kind)!;
        var bad = Pick(shape.BadValues);
        var at = Gen.Int[lines / 2, lines - 1].Generate(_random, null, out _);
        var text = new StringBuilder(string.Join(',', columns)).Append("\r\n");
        for (var i = 0; i < lines; i++)
        {
            var cells = shape.Good(++_next);
            if (i == at)
            {
                cells[bad.Column] = bad.Value;
            }

            text.AppendJoin(',', columns.Select(c => Cell(cells[c]))).Append("\r\n");
        }

        return new CraftedFile(kind, $"one bad line in {lines:N0}", Encoding.UTF8.GetBytes(text.ToString()), new HashSet<(int, string)> { (at + 2, bad.Column) });
    }

    private CraftedFile HeaderCase(KindShape shape, string name, string[] header, (int, string)[] expected)
    {
        var text = new StringBuilder(string.Join(',', header)).Append("\r\n");
        foreach (var cells in Enumerable.Range(0, Gen.Int[1, 3].Generate(_random, null, out _)).Select(_ => Good(shape)))
        {
            text.AppendJoin(',', header.Select(c => Cell(cells.GetValueOrDefault(c, Word())))).Append("\r\n");
        }

        return new CraftedFile(shape.Kind, name, Encoding.UTF8.GetBytes(text.ToString()), expected.ToHashSet());
    }

    /// <summary>
    /// The header, then valid lines with <paramref name="bad"/> lines at random places (the last one at the end when
    /// <paramref name="badLast"/>), and the physical line of each bad line with its columns.
    /// </summary>
    private CraftedFile Build(
        KindShape shape, string name, IReadOnlyList<string> columns, BadLine[] bad, bool badLast = false,
        Dictionary<string, string>[]? leading = null, string[]? lineEnds = null)
    {
        var rows = new List<(Dictionary<string, string> Cells, BadLine? Bad)>();
        rows.AddRange((leading ?? []).Select(l => (l, (BadLine?)null)));
        foreach (var line in bad)
        {
            rows.AddRange(Enumerable.Range(0, Gen.Int[0, 3].Generate(_random, null, out _)).Select(_ => (Good(shape), (BadLine?)null)));
            rows.Add((line.Cells, line));
        }

        if (!badLast)
        {
            rows.AddRange(Enumerable.Range(0, Gen.Int[0, 3].Generate(_random, null, out _)).Select(_ => (Good(shape), (BadLine?)null)));
        }

        using var content = new MemoryStream();
        var physical = 1;
        Write(content, string.Join(',', columns) + "\r\n");
        var expected = new HashSet<(int, string)>();
        foreach (var (cells, line) in rows)
        {
            physical++;
            foreach (var column in line?.Columns ?? [])
            {
                expected.Add((physical, column));
            }

            var text = string.Join(',', columns.Select(c => line?.RawColumn == c ? cells[c] : Cell(cells[c])));
            text += line?.Extra is { } extra ? "," + extra : "";
            physical += text.Count(ch => ch == '\n');
            if (line?.Latin1Column is { } latin1 && cells[latin1] is var value)
            {
                var at = text.IndexOf(value, StringComparison.Ordinal);
                Write(content, text[..at]);
                content.Write(Encoding.Latin1.GetBytes(value));
                Write(content, text[(at + value.Length)..]);
            }
            else
            {
                Write(content, text);
            }

            Write(content, lineEnds is null ? "\r\n" : Pick(lineEnds));
        }

        return new CraftedFile(shape.Kind, name, content.ToArray(), expected);
    }

    private AcceptedFile Accepted(KindShape shape, string name, IReadOnlyList<string> columns)
    {
        var count = Gen.Int[3, 6].Generate(_random, null, out _);
        string[] ends = ["\r", "\r\n", "\n"];
        var text = new StringBuilder("\uFEFF").AppendJoin(',', columns).Append(ends[0]);
        for (var i = 1; i <= count; i++)
        {
            var cells = Good(shape);
            text.AppendJoin(',', columns.Select(c => Cell(cells[c]))).Append(ends[i % ends.Length]);
        }

        return new AcceptedFile(shape.Kind, name, Encoding.UTF8.GetBytes(text.ToString()), count);
    }

    private static void Write(MemoryStream content, string text) => content.Write(Encoding.UTF8.GetBytes(text));

    private Dictionary<string, string> Good(KindShape shape)
    {
        var cells = shape.Good(++_next);
        if (shape.TextColumn is { } column)
        {
            cells[column] = Text();
        }

        return cells;
    }

    private static BadLine Bad(Dictionary<string, string> cells, string column, string value, string named, bool latin1 = false)
    {
        cells[column] = value;
        return new BadLine(cells, [named], Latin1Column: latin1 ? column : null);
    }

    /// <summary>A bad line whose <paramref name="column"/> is written as it is, unquoted.</summary>
    private static BadLine Raw(Dictionary<string, string> cells, string column, string value, string named)
    {
        cells[column] = value;
        return new BadLine(cells, [named], RawColumn: column);
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[Gen.Int[0, items.Count - 1].Generate(_random, null, out _)];

    /// <summary>One to three of <paramref name="items"/>, in random order.</summary>
    private IReadOnlyList<T> Several<T>(IReadOnlyList<T> items) =>
        items.Count == 0 ? [] : Gen.Shuffle(items.ToArray(), 1, Math.Min(3, items.Count)).Generate(_random, null, out _);

    private string Misspell(string column, IReadOnlyList<string> columns)
    {
        while (true)
        {
            var at = Gen.Int[0, column.Length - 2].Generate(_random, null, out _);
            var typo = column[..at] + column[at + 1] + column[at] + column[(at + 2)..];
            typo = typo == column ? column + "s" : typo;
            if (!columns.Contains(typo))
            {
                return typo;
            }
        }
    }

    private string Word() => Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz"], 3, 10].Generate(_random, null, out _);

    /// <summary>Free text a person might type: letters first, then commas, quotes, line breaks, accents and dashes.</summary>
    private string Text() => Word() + Gen.String[Gen.Char["abc xyz,;\"\n\u00e9\u00fc\u2013\u00df"], 0, 24].Generate(_random, null, out _) + Word();

    /// <summary>A cell as RFC 4180 writes it: quoted when it holds a comma, quote, line break or edge space.</summary>
    private static string Cell(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 || value != value.Trim() ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    private sealed record BadLine(
        Dictionary<string, string> Cells, string[] Columns, string? Extra = null, string? RawColumn = null, string? Latin1Column = null);

    /// <summary>
    /// A kind's valid new record number n, its free-text column (if any), its key columns and the column a duplicate
    /// is reported on, bad values (dates and numbers where the kind has them) and references to records that do not exist.
    /// </summary>
    private sealed record KindShape(
        string Kind, Func<int, Dictionary<string, string>> Good, string? TextColumn, string[] KeyColumns, string DuplicateColumn,
        IReadOnlyList<(string Column, string Value)> BadValues, IReadOnlyList<(string Column, string Value)> UnknownKeys);

    private static IEnumerable<KindShape> Shapes(InterchangeWorld w)
    {
        var s = w.Suffix;
        var account = w.Child.ExternalId;
        var rep = w.Rep.Email!;
        var territory = w.Territory.Name;
        var sku = w.Capital.Sku;
        yield return new KindShape("territories", n => new() { ["name"] = $"T-{s}-{n}", ["region"] = $"Region {s}" },
            "region", ["name"], "name",
            [("region", ""), ("name", new string('n', 101))], []);
        yield return new KindShape("users", n => new() { ["email"] = $"u{n}.{s}@test.medtech", ["name"] = $"User {n}", ["role"] = "Rep", ["territories"] = territory, ["region"] = "" },
            "name", ["email"], "email",
            [("email", "not-an-email"), ("role", "Boss")], [("territories", $"Atlantis-{s}")]);
        yield return new KindShape("products", n => new() { ["sku"] = $"SKU-{s}-{n}", ["name"] = $"Pump {n}", ["family"] = $"Infusion {s}", ["category"] = "Capital", ["list_price"] = "1250.50", ["service_life_months"] = "84" },
            "name", ["sku"], "sku",
            [("list_price", "12,50"), ("service_life_months", "ten"), ("list_price", "-1"), ("category", "Gadget")], []);
        yield return new KindShape("accounts", n => new() { ["external_id"] = $"A-{s}-{n}", ["name"] = $"Clinic {n}", ["parent_external_id"] = "", ["segment"] = "Clinic", ["beds"] = "12", ["territory"] = territory, ["owner_rep_email"] = rep, ["status"] = "Prospect", ["city"] = "Springfield", ["state"] = "IL" },
            "name", ["external_id"], "external_id",
            [("beds", "many"), ("beds", "5001"), ("segment", "Hospital")],
            [("parent_external_id", $"NOPE-{s}"), ("territory", $"Atlantis-{s}"), ("owner_rep_email", $"nobody.{s}@test.medtech")]);
        yield return new KindShape("contacts", n => new() { ["external_id"] = $"C-{s}-{n}", ["account_external_id"] = account, ["name"] = $"Lee {n}", ["title"] = "Buyer", ["role"] = "Purchasing", ["influence"] = "User", ["email"] = $"lee{n}.{s}@hospital.test", ["phone"] = "+1 555 0100" },
            "title", ["external_id"], "external_id",
            [("role", "Doctor"), ("email", "lee@"), ("phone", "call me")], [("account_external_id", $"NOPE-{s}")]);
        yield return new KindShape("devices", n => new() { ["serial_number"] = $"SN-{s}-X{n}", ["sku"] = sku, ["account_external_id"] = account, ["department"] = "ICU", ["install_date"] = "2023-01-01", ["warranty_end"] = "2024-01-01", ["contract_end"] = "", ["status"] = "Active", ["competitor"] = "" },
            "department", ["serial_number", "sku"], "serial_number",
            [("install_date", "2023-02-30"), ("warranty_end", "12/01/2024"), ("contract_end", "2023-13-01"), ("status", "Broken")],
            [("sku", $"NOPE-{s}"), ("account_external_id", $"NOPE-{s}")]);
        yield return new KindShape("incidents", n => new() { ["external_id"] = $"I-{s}-{n}", ["account_external_id"] = account, ["serial_number"] = w.Device.SerialNumber, ["sku"] = sku, ["opened_at"] = "2025-01-02T03:04:05Z", ["severity"] = "Minor", ["category"] = "Alarm", ["first_response_at"] = "", ["resolved_at"] = "", ["after_hours"] = "false", ["responder_email"] = rep },
            "category", ["external_id"], "external_id",
            [("opened_at", "2025-01-02 03:04"), ("after_hours", "yes"), ("first_response_at", "2025-01-01T00:00:00Z"), ("severity", "Mild")],
            [("account_external_id", $"NOPE-{s}"), ("serial_number", $"NOPE-{s}"), ("responder_email", $"nobody.{s}@test.medtech")]);
        yield return new KindShape("interactions", n => new() { ["external_id"] = $"X-{s}-{n}", ["account_external_id"] = account, ["rep_email"] = rep, ["occurred_at"] = "2025-02-03T10:00:00Z", ["type"] = "Call", ["contact_external_ids"] = w.Contact.ExternalId, ["serial_numbers"] = w.Device.SerialNumber, ["sentiment"] = "1", ["notes"] = "Talked about filters", ["voice_of_customer"] = "", ["next_step"] = "", ["next_step_due"] = "" },
            "notes", ["external_id"], "external_id",
            // Eleven problems of 200 characters: each within its limit, together past the 2,000 the visit form allows.
            [("occurred_at", "yesterday"), ("sentiment", "3"), ("sentiment", "1.5"), ("type", "Lunch"),
                ("voice_of_customer", string.Join(';', Enumerable.Range(0, 11).Select(i => new string((char)('a' + i), 200))))],
            [("account_external_id", $"NOPE-{s}"), ("rep_email", $"nobody.{s}@test.medtech"), ("contact_external_ids", $"NOPE-{s}"), ("serial_numbers", $"NOPE-{s}")]);
        yield return new KindShape("orders", n => new() { ["order_external_id"] = $"O-{s}-{n}", ["line_no"] = "1", ["account_external_id"] = account, ["order_date"] = "2025-03-01", ["type"] = "Consumable", ["sku"] = sku, ["quantity"] = "2", ["list_amount"] = "100.00", ["net_amount"] = "90.00" },
            null, ["order_external_id", "line_no"], "line_no",
            [("quantity", "1.5"), ("order_date", "2025-02-29"), ("list_amount", "1e3"), ("net_amount", "120.00")],
            [("account_external_id", $"NOPE-{s}"), ("sku", $"NOPE-{s}")]);
        yield return new KindShape("contracts", n => new() { ["external_id"] = $"K-{s}-{n}", ["account_external_id"] = account, ["start"] = "2025-01-01", ["end"] = "2025-12-31", ["annual_value"] = "1000.00", ["renewed_from_external_id"] = "" },
            null, ["external_id"], "external_id",
            [("start", "2025-1-1"), ("annual_value", "-5"), ("end", "2024-12-31")],
            [("account_external_id", $"NOPE-{s}"), ("renewed_from_external_id", $"NOPE-{s}")]);
        yield return new KindShape("surveys", n => new() { ["account_external_id"] = account, ["contact_external_id"] = "", ["date"] = new DateOnly(2020, 1, 1).AddDays(n).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), ["nps"] = "8", ["comment"] = "Fine" },
            "comment", ["account_external_id", "contact_external_id", "date"], "date",
            [("nps", "11"), ("date", "2025-06-31"), ("nps", "eight")],
            [("account_external_id", $"NOPE-{s}"), ("contact_external_id", $"NOPE-{s}")]);
        yield return new KindShape("targets", n => new() { ["fiscal_quarter"] = $"{2040 + (n / 4)}-Q{(n % 4) + 1}", ["scope"] = "Territory", ["scope_key"] = territory, ["revenue_target"] = "1000.00" },
            null, ["fiscal_quarter", "scope", "scope_key"], "scope_key",
            [("fiscal_quarter", "2026-Q5"), ("revenue_target", "abc"), ("scope", "Planet")],
            [("scope_key", $"Atlantis-{s}")]);
    }
}
