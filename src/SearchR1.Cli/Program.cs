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

// A process started in the background by a non-interactive shell (`nohup searchr1 train … &`, CI scripts) inherits
// SIGINT as ignored, and .NET then installs no handler for it, so System.CommandLine's Ctrl-C handling never
// fires. Putting the default disposition back first (one libc call: nothing in .NET does it) makes Ctrl-C and
// `kill -INT` a graceful stop wherever the process runs: training saves a checkpoint and exits 130.
if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
{
    SignalDisposition.RestoreDefault(SignalDisposition.SigInt);
}
return await root.Parse(args).InvokeAsync();
