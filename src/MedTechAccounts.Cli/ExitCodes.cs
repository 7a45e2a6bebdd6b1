namespace MedTechAccounts.Cli;

/// <summary>Exit codes of every `medtech` command (design section 9).</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int BadInput = 1;
    public const int Failure = 2;
}
