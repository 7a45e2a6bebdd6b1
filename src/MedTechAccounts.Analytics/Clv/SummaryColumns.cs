using System.Globalization;
using System.Text;

namespace MedTechAccounts.Analytics.Clv;

/// <summary>
/// Customer summaries as plain columns (x, t_x, T and, when the file has it, Σ ln intervals), one entry per
/// customer: what a file of millions of customers is read into without a string or object per row.
/// </summary>
public sealed class SummaryColumns
{
    public SummaryColumns(double[] x, double[] tx, double[] t, double[]? sumLogIntervals = null)
        : this(x, tx, t, sumLogIntervals, validated: false)
    {
    }

    private SummaryColumns(double[] x, double[] tx, double[] t, double[]? sumLogIntervals, bool validated)
    {
        Validated = validated;
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(t);
        if (x.Length != tx.Length || x.Length != t.Length || (sumLogIntervals is not null && sumLogIntervals.Length != x.Length))
        {
            throw new ArgumentException("The columns must have the same length.", nameof(x));
        }

        X = x;
        Tx = tx;
        T = t;
        SumLogIntervals = sumLogIntervals;
    }

    public double[] X { get; }

    public double[] Tx { get; }

    public double[] T { get; }

    /// <summary>Null when the file had no <c>litt</c> column.</summary>
    public double[]? SumLogIntervals { get; }

    public int Count => X.Length;

    /// <summary>Every row already passed <see cref="SummaryValidation"/> (read by <see cref="SummaryColumnsReader"/>).</summary>
    internal bool Validated { get; }

    internal static SummaryColumns FromValidated(double[] x, double[] tx, double[] t, double[]? sumLogIntervals) => new(x, tx, t, sumLogIntervals, validated: true);

    /// <summary>The histories for BG/NBD, MBG/NBD, NBD and Pareto/NBD (grouped when rows repeat, see <see cref="FrequencyRecencyData.FromArrays"/>; kept as they are, not copied, when they do not).</summary>
    public FrequencyRecencyData ToFrequencyRecency() => FrequencyRecencyData.FromColumns(X, Tx, T, Validated);

    /// <summary>The histories with their interval sums for MBG/CNBD-k (the columns are used as they are, not copied).</summary>
    public MbgCnbdData ToMbgCnbd(string source = "input") =>
        MbgCnbdData.FromColumns(X, Tx, T, SumLogIntervals ?? throw new ClvInputException("the sum of log inter-purchase times is missing (MBG/CNBD-k needs it)", source, null, null, SummaryValidation.IntervalColumn), source);
}

/// <summary>
/// One streaming pass over a summary CSV (<c>frequency, recency, T[, litt]</c>, any other columns ignored) straight
/// from its UTF-8 bytes: fields are located in a reused buffer and parsed from spans, so no string is made per row.
/// Quoted fields (RFC 4180, with commas, doubled quotes or line breaks inside) are allowed. Bad input raises
/// <see cref="ClvInputException"/> naming the line and column, as <see cref="ClvCsv.ReadSummary(TextReader, string)"/> does.
/// </summary>
public static class SummaryColumnsReader
{
    private const int BufferSize = 1 << 20;

    public static SummaryColumns Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
        {
            throw new ClvInputException($"cannot open the file: {e.Message}", Path.GetFileName(path), null, null, null);
        }

        using (stream)
        {
            return Read(stream, Path.GetFileName(path));
        }
    }

    /// <param name="stream">The file's bytes (UTF-8).</param>
    /// <param name="source">The name errors give for the input.</param>
    /// <param name="intervals">Whether to keep the <c>litt</c> column when there is one (only MBG/CNBD-k needs it).</param>
    public static SummaryColumns Read(Stream stream, string source, bool intervals = true)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var state = new State(stream, source, intervals);
        return state.Run();
    }

    /// <summary>The lines of a seekable stream, counted ahead (vectorised) so that the columns are allocated once at their size.</summary>
    private static long CountLines(Stream stream)
    {
        var start = stream.Position;
        var buffer = new byte[BufferSize];
        long count = 0;
        var last = (byte)'\n';
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            count += buffer.AsSpan(0, read).Count((byte)'\n');
            last = buffer[read - 1];
        }

        stream.Position = start;
        return last == (byte)'\n' ? count : count + 1;
    }

    private sealed class State(Stream stream, string source, bool keepIntervals)
    {
        private byte[] buffer = new byte[BufferSize];
        private int start;
        private int end;
        private bool eof;
        private int line = 1;
        private int[] fieldStart = new int[16];
        private int[] fieldEnd = new int[16];
        private bool[] fieldQuoted = new bool[16];
        private int fieldCount;

        public SummaryColumns Run()
        {
            var lines = stream.CanSeek ? CountLines(stream) : -1;
            Fill();
            if (end == 0)
            {
                throw new ClvInputException("the file is empty", source, 1, null, null);
            }

            // UTF-8 byte order mark.
            if (end >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF)
            {
                start = 3;
            }

            var headerLine = line;
            if (!NextRecord())
            {
                throw new ClvInputException("the file is empty", source, 1, null, null);
            }

            var header = new string[fieldCount];
            for (var i = 0; i < fieldCount; i++)
            {
                header[i] = Text(i).Trim();
            }

            if (header.All(h => h.Length == 0))
            {
                throw new ClvInputException("the file is empty", source, 1, null, null);
            }

            var frequency = Require(header, ["frequency", "x"], "frequency (or x)", headerLine);
            var recency = Require(header, ["recency", "t_x", "tx"], "recency (or t_x)", headerLine);
            var age = Require(header, ["t", "age"], "T", headerLine);
            var intervals = keepIntervals ? Find(header, ["litt", "sum_log_intervals"]) : -1;
            // One row per line after the header (a last line without a break included); blank lines and line breaks
            // inside quotes make it a little too large, and the columns are then cut to size at the end.
            var capacity = lines >= 0 ? (int)Math.Clamp(lines - (line - headerLine), 1, Array.MaxLength) : 1 << 16;
            var x = new double[capacity];
            var tx = new double[capacity];
            var t = new double[capacity];
            var litt = intervals >= 0 ? new double[capacity] : null;
            var count = 0;
            while (true)
            {
                var recordLine = line;
                if (!NextRecord())
                {
                    break;
                }

                if (fieldCount == 1 && Span(0).Trim((byte)' ').IsEmpty && !fieldQuoted[0])
                {
                    continue;
                }

                if (fieldCount != header.Length)
                {
                    throw new ClvInputException(string.Create(CultureInfo.InvariantCulture, $"expected {header.Length} fields as in the header, found {fieldCount}"), source, recordLine, null, null);
                }

                if (count == x.Length)
                {
                    var grown = (int)Math.Min(Array.MaxLength, (long)x.Length * 2);
                    Array.Resize(ref x, grown);
                    Array.Resize(ref tx, grown);
                    Array.Resize(ref t, grown);
                    if (litt is not null)
                    {
                        Array.Resize(ref litt, grown);
                    }
                }

                var vx = Number(frequency, header, recordLine);
                var vtx = Number(recency, header, recordLine);
                var vt = Number(age, header, recordLine);
                if (SummaryValidation.Check(vx, vtx, vt, null) is { } p)
                {
                    var column = p.Column switch
                    {
                        SummaryValidation.FrequencyColumn => header[frequency],
                        SummaryValidation.RecencyColumn => header[recency],
                        _ => header[age],
                    };
                    throw new ClvInputException(p.Reason, source, recordLine, count, column);
                }

                x[count] = vx;
                tx[count] = vtx;
                t[count] = vt;
                if (litt is not null)
                {
                    litt[count] = Number(intervals, header, recordLine);
                }

                count++;
            }

            if (count == 0)
            {
                throw new ClvInputException("the file has a header but no data rows", source, 2, null, null);
            }

            if (count != x.Length)
            {
                Array.Resize(ref x, count);
                Array.Resize(ref tx, count);
                Array.Resize(ref t, count);
                if (litt is not null)
                {
                    Array.Resize(ref litt, count);
                }
            }

            return SummaryColumns.FromValidated(x, tx, t, litt);
        }

        private double Number(int field, string[] header, int recordLine)
        {
            var span = Span(field).Trim((byte)' ');
            if (span.IsEmpty)
            {
                throw new ClvInputException("the value is empty", source, recordLine, null, header[field]);
            }

            if (!double.TryParse(span, NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
            {
                throw new ClvInputException($"'{Text(field).Trim()}' is not a number", source, recordLine, null, header[field]);
            }

            if (!double.IsFinite(v))
            {
                throw new ClvInputException($"'{Text(field).Trim()}' is not a finite number", source, recordLine, null, header[field]);
            }

            return v;
        }

        private ReadOnlySpan<byte> Span(int field) => buffer.AsSpan(fieldStart[field], fieldEnd[field] - fieldStart[field]);

        private string Text(int field)
        {
            var text = Encoding.UTF8.GetString(Span(field));
            return fieldQuoted[field] ? text.Replace("\"\"", "\"", StringComparison.Ordinal) : text;
        }

        /// <summary>Locates the fields of the next record in the buffer (refilling it as needed); false at the end of the file.</summary>
        private bool NextRecord()
        {
            while (true)
            {
                if (start >= end && eof)
                {
                    return false;
                }

                if (TryScan(out var next))
                {
                    start = next;
                    return true;
                }

                if (eof)
                {
                    // The last record has no line break after it.
                    if (!TryScan(out next, atEnd: true))
                    {
                        throw new ClvInputException("a quoted field is not closed", source, line, null, null);
                    }

                    start = next;
                    return true;
                }

                Shift();
                Fill();
            }
        }

        /// <summary>Scans one record from <c>start</c>; false when the buffer ends before its line break.</summary>
        private bool TryScan(out int next, bool atEnd = false)
        {
            fieldCount = 0;
            var i = start;
            var lines = 0;
            while (true)
            {
                var quoted = i < end && buffer[i] == (byte)'"';
                int fs, fe;
                if (quoted)
                {
                    fs = i + 1;
                    var j = fs;
                    while (true)
                    {
                        if (j >= end)
                        {
                            next = 0;
                            return false;
                        }

                        if (buffer[j] == (byte)'"')
                        {
                            if (j + 1 < end && buffer[j + 1] == (byte)'"')
                            {
                                j += 2;
                                continue;
                            }

                            if (j + 1 >= end && !atEnd)
                            {
                                next = 0;
                                return false;
                            }

                            break;
                        }

                        if (buffer[j] == (byte)'\n')
                        {
                            lines++;
                        }

                        j++;
                    }

                    fe = j;
                    i = j + 1;
                    if (i < end && buffer[i] != (byte)',' && buffer[i] != (byte)'\n' && buffer[i] != (byte)'\r')
                    {
                        throw new ClvInputException("a quote inside an unquoted field", source, line + lines, null, null);
                    }
                }
                else
                {
                    fs = i;
                    while (i < end && buffer[i] != (byte)',' && buffer[i] != (byte)'\n')
                    {
                        if (buffer[i] == (byte)'"')
                        {
                            throw new ClvInputException("a quote inside an unquoted field", source, line + lines, null, null);
                        }

                        i++;
                    }

                    if (i >= end && !atEnd)
                    {
                        next = 0;
                        return false;
                    }

                    fe = i;
                    while (fe > fs && buffer[fe - 1] == (byte)'\r')
                    {
                        fe--;
                    }
                }

                if (i < end && buffer[i] == (byte)'\r')
                {
                    i++;
                }

                Add(fs, fe, quoted);
                if (i >= end)
                {
                    if (!atEnd)
                    {
                        next = 0;
                        return false;
                    }

                    next = end;
                    line += lines + 1;
                    return true;
                }

                if (buffer[i] == (byte)'\n')
                {
                    next = i + 1;
                    line += lines + 1;
                    return true;
                }

                i++; // comma
            }
        }

        private void Add(int fs, int fe, bool quoted)
        {
            if (fieldCount == fieldStart.Length)
            {
                Array.Resize(ref fieldStart, fieldCount * 2);
                Array.Resize(ref fieldEnd, fieldCount * 2);
                Array.Resize(ref fieldQuoted, fieldCount * 2);
            }

            fieldStart[fieldCount] = fs;
            fieldEnd[fieldCount] = fe;
            fieldQuoted[fieldCount] = quoted;
            fieldCount++;
        }

        /// <summary>Moves the unfinished record to the front of the buffer, growing it when the record fills it.</summary>
        private void Shift()
        {
            var remaining = end - start;
            if (remaining == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }
            else if (start > 0)
            {
                Buffer.BlockCopy(buffer, start, buffer, 0, remaining);
            }

            start = 0;
            end = remaining;
        }

        private void Fill()
        {
            while (end < buffer.Length)
            {
                var read = stream.Read(buffer, end, buffer.Length - end);
                if (read == 0)
                {
                    eof = true;
                    return;
                }

                end += read;
            }
        }

        private static int Find(string[] header, string[] names)
        {
            foreach (var name in names)
            {
                for (var i = 0; i < header.Length; i++)
                {
                    if (string.Equals(header[i], name, StringComparison.OrdinalIgnoreCase))
                    {
                        return i;
                    }
                }
            }

            return -1;
        }

        private int Require(string[] header, string[] names, string display, int headerLine)
        {
            var i = Find(header, names);
            return i >= 0 ? i : throw new ClvInputException($"missing column; the header must name '{display}'", source, headerLine, null, display);
        }
    }
}
