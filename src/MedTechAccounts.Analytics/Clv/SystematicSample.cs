namespace MedTechAccounts.Analytics.Clv;

/// <summary>Every step-th row of parallel columns, the step chosen so that at most a given number of rows remain.</summary>
internal static class SystematicSample
{
    public static double[][] Of(int count, int maxRows, params double[][] columns)
    {
        var step = (count + maxRows - 1) / maxRows;
        var n = (count + step - 1) / step;
        var sample = new double[columns.Length][];
        for (var c = 0; c < columns.Length; c++)
        {
            var column = columns[c];
            var picked = new double[n];
            for (int i = 0, k = 0; i < count; i += step, k++)
            {
                picked[k] = column[i];
            }

            sample[c] = picked;
        }

        return sample;
    }
}
