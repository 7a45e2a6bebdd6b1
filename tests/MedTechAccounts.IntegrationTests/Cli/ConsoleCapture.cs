using System.CommandLine;

namespace MedTechAccounts.IntegrationTests.Cli;

/// <summary>Runs a command tree with Console redirected; process-wide, hence the non-parallel collection.</summary>
public static class ConsoleCapture
{
    public static async Task<(int Code, string Out, string Err)> RunAsync(RootCommand root, params string[] args)
    {
        var (oldOut, oldErr) = (Console.Out, Console.Error);
        using var output = new StringWriter();
        using var error = new StringWriter();
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            var code = await root.Parse(args).InvokeAsync();
            return (code, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldErr);
        }
    }
}

[CollectionDefinition(nameof(ConsoleCollection), DisableParallelization = true)]
public sealed class ConsoleCollection;
