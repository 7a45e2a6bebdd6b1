using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Running;
using MedTechAccounts.Benchmarks;

if (args.Length > 0 && args[0] == "--memory")
{
    // One 1,000,000-customer BG/NBD fit (grouping included) in a fresh process; prints the peak working set.
    var data = SimulatedCustomers.Create(1_000_000, seed: 42);
    var before = Process.GetCurrentProcess().PeakWorkingSet64;
    var watch = Stopwatch.StartNew();
    var fit = ClvBenchmarks.FitMillion(data);
    watch.Stop();
    using var process = Process.GetCurrentProcess();
    process.Refresh();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"customers: {data.X.Length:N0}, distinct rows: {fit.Result.UniqueRows:N0}"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"fit: {watch.ElapsedMilliseconds} ms, converged {fit.Result.Converged}, r={fit.Parameters.R:F4} alpha={fit.Parameters.Alpha:F4} a={fit.Parameters.A:F4} b={fit.Parameters.B:F4}"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak working set: {process.PeakWorkingSet64 / (1024.0 * 1024.0):F1} MB (before the fit: {before / (1024.0 * 1024.0):F1} MB)"));
    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(ClvBenchmarks).Assembly).Run(args, new BenchmarkConfig());
return 0;
