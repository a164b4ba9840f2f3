using System.CommandLine;
using SearchR1.Cli;

// The `searchr1` command. Each verb lives in Commands/<Verb>Command.cs and is a thin layer over a library.
var root = new RootCommand(
    "SearchR1: train, evaluate and serve LLM search agents (Search-R1) in .NET.\n" +
    "Run `searchr1 <verb> --help` for what each verb does, with examples.");
foreach (Command command in CommandCatalog.All())
{
    root.Subcommands.Add(command);
}
return await root.Parse(args).InvokeAsync();
