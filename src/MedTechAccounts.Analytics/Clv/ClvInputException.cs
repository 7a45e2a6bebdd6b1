using System.Globalization;
using System.Text;

namespace MedTechAccounts.Analytics.Clv;

/// <summary>
/// The one exception for bad CLV input: a file that cannot be read as the expected format,
/// or values a model cannot accept (negative counts, recency after T, non-finite numbers,
/// spend without repeat purchases in the spend model). It names where the problem is:
/// the source (file name), the line of the file (header = line 1) when known, the
/// zero-based data row when the input came from memory, and the column.
/// </summary>
public sealed class ClvInputException : Exception
{
    public ClvInputException()
        : this("Bad CLV input.")
    {
    }

    public ClvInputException(string message)
        : base(message)
    {
        Reason = message;
    }

    public ClvInputException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = message;
    }

    public ClvInputException(string reason, string? source, int? line, int? row, string? column)
        : base(Format(reason, source, line, row, column))
    {
        Reason = reason;
        InputName = source;
        Line = line;
        Row = row;
        Column = column;
    }

    /// <summary>What is wrong, without the location.</summary>
    public string Reason { get; }

    /// <summary>File name (or another label) of the input, when known.</summary>
    public string? InputName { get; }

    /// <summary>One-based line number in the file, the header being line 1.</summary>
    public int? Line { get; }

    /// <summary>Zero-based data row, when the input was given in memory.</summary>
    public int? Row { get; }

    /// <summary>Name of the column at fault.</summary>
    public string? Column { get; }

    /// <summary>Returns the same problem located at a file line (used when rows map to lines).</summary>
    public ClvInputException AtLine(string? source, int line) =>
        new(Reason, source ?? InputName, line, Row, Column);

    private static string Format(string reason, string? source, int? line, int? row, string? column)
    {
        var sb = new StringBuilder();
        if (!string.IsNullOrEmpty(source))
        {
            sb.Append(source).Append(": ");
        }

        if (line is { } l)
        {
            sb.Append(CultureInfo.InvariantCulture, $"line {l}: ");
        }
        else if (row is { } r)
        {
            sb.Append(CultureInfo.InvariantCulture, $"row {r}: ");
        }

        if (!string.IsNullOrEmpty(column))
        {
            sb.Append(column).Append(": ");
        }

        sb.Append(reason);
        return sb.ToString();
    }
}
