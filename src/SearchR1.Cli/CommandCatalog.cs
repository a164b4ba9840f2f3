using System.CommandLine;

namespace SearchR1.Cli;

/// <summary>Every verb of the `searchr1` command, in the order `--help` lists them.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All()
    {
        yield break;
    }
}
