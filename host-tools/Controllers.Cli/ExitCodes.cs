namespace Controllers.Cli;

/// <summary>Process exit codes of <c>ctl</c>.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>A scenario failed a criterion or threw, or a cell fit failed.</summary>
    public const int Failure = 1;

    /// <summary>Invalid arguments or an invalid or missing input file.</summary>
    public const int InvalidInput = 2;
}
