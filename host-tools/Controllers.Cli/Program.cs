namespace Controllers.Cli;

internal static class Program
{
    // TODO: the command tree (hil run, cell fit) is built on System.CommandLine.
    private static int Main() => 0;
}
