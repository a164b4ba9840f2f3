using System.Diagnostics;
using SearchR1.TestSupport;

namespace SearchR1.Training.Tests.Support;

/// <summary>Runs the built <c>searchr1</c> CLI (this test project builds it first) as a child process.</summary>
internal static class CliProcess
{
    /// <summary>The CLI assembly of the same configuration as the tests (Debug or Release).</summary>
    public static string Assembly
    {
        get
        {
            string configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                ? "Release" : "Debug";
            string path = Path.Combine(SharedData.RepositoryRoot, "src", "SearchR1.Cli", "bin", configuration, "net10.0", "searchr1.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException($"the CLI is not built: {path}");
        }
    }

    public static Process Start(params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add(Assembly);
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        info.Environment["NO_COLOR"] = "1";
        // One thread each: the children share a 2-core machine with the test host (and run faster so).
        info.Environment["OMP_NUM_THREADS"] = "1";
        info.Environment["MKL_NUM_THREADS"] = "1";
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start dotnet");
        process.ErrorDataReceived += (_, e) => { lock (process) { Output.AppendLine(e.Data); } };
        process.OutputDataReceived += (_, e) => { lock (process) { Output.AppendLine(e.Data); } };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        return process;
    }

    /// <summary>Everything the children printed (for failure messages).</summary>
    public static System.Text.StringBuilder Output { get; } = new();

    /// <summary>Runs to completion; returns the exit code.</summary>
    public static int Run(TimeSpan timeout, params string[] arguments)
    {
        using var process = Start(arguments);
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"searchr1 {string.Join(' ', arguments)} ran over {timeout}:\n{Output}");
        }
        process.WaitForExit();
        return process.ExitCode;
    }
}
