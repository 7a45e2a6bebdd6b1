using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Running;
using MedTechAccounts.Analytics.Clv;
using MedTechAccounts.Benchmarks;

if (args.Length > 0 && args[0] == "--memory")
{
    // One 1,000,000-customer fit (grouping included) in a fresh process; prints the time and the peak working set.
    // --memory [bgnbd|mbgnbd|mbgcnbd] [rounded|continuous]
    var model = args.Length > 1 ? args[1] : BgNbd.Name;
    var continuous = args.Length > 2 && args[2] == "continuous";
    var before = Process.GetCurrentProcess().PeakWorkingSet64;
    var watch = Stopwatch.StartNew();
    FitResult fit;
    int customers;
    if (continuous)
    {
        var data = ContinuousCustomers.Create(1_000_000, seed: 42);
        customers = data.X.Length;
        before = Process.GetCurrentProcess().PeakWorkingSet64;
        watch.Restart();
        fit = ClvBenchmarks.FitContinuous(data, model);
    }
    else
    {
        var data = SimulatedCustomers.Create(1_000_000, seed: 42);
        customers = data.X.Length;
        before = Process.GetCurrentProcess().PeakWorkingSet64;
        watch.Restart();
        fit = ClvBenchmarks.FitMillion(data).Result;
    }

    watch.Stop();
    Report(model, customers, fit, watch.ElapsedMilliseconds, before);
    return 0;
}

if (args.Length > 1 && args[0] == "--write-csv")
{
    // --write-csv FILE [customers]: a continuous-time summary CSV for the streaming benchmark.
    var n = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 10_000_000;
    ContinuousCustomers.Create(n, seed: 42).WriteCsv(args[1]);
    return 0;
}

if (args.Length > 1 && args[0] == "--csv")
{
    // --csv FILE [bgnbd|mbgnbd|mbgcnbd]: reads the summary CSV in one streaming pass and fits; prints time and peak working set.
    var model = args.Length > 2 ? args[2] : BgNbd.Name;
    var before = Process.GetCurrentProcess().PeakWorkingSet64;
    var watch = Stopwatch.StartNew();
    using var stream = File.OpenRead(args[1]);
    var columns = SummaryColumnsReader.Read(stream, Path.GetFileName(args[1]), intervals: model == MbgCnbd.Name);
    var read = watch.ElapsedMilliseconds;
    var fit = ClvBenchmarks.FitColumns(columns, model);
    watch.Stop();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"read: {read} ms"));
    Report(model, columns.Count, fit, watch.ElapsedMilliseconds, before);
    return 0;
}

if (args.Length > 2 && args[0] == "--refit")
{
    RefitParts.Run(args[1], DateOnly.ParseExact(args[2], "yyyy-MM-dd", CultureInfo.InvariantCulture));
    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(ClvBenchmarks).Assembly).Run(args, new BenchmarkConfig());
return 0;

static void Report(string model, int customers, FitResult fit, long ms, long before)
{
    using var process = Process.GetCurrentProcess();
    process.Refresh();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{model}: customers {customers:N0}, distinct rows {fit.UniqueRows:N0}"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"fit: {ms} ms, converged {fit.Converged}, {fit.Iterations} iterations, LL {fit.LogLikelihood:F2}, {string.Join(" ", fit.Parameters.Select(p => $"{p.Key}={p.Value:F4}"))}"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak working set: {process.PeakWorkingSet64 / (1024.0 * 1024.0):F1} MB (before: {before / (1024.0 * 1024.0):F1} MB)"));
}
