using System.CommandLine;

namespace SearchR1.Cli;

/// <summary>Every verb of the `searchr1` command, in the order `--help` lists them.</summary>
/// <remarks>Each area adds its verbs in its own block; the blank lines keep parallel edits apart.</remarks>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All()
    {
        // -- demo: the embedded default (world, base model, RL, evaluation)

        // -- training

        // -- evaluation

        // -- retrieval: index, search, serve retriever, bench retrieval

        // -- models: tokenize, chat-template, model, generate, bench generate

        // -- rewards and data: score

        yield break;
    }
}
