using System.Runtime.InteropServices;

namespace SearchR1.Cli;

/// <summary>Resets a POSIX signal to its default disposition (see Program.cs for why).</summary>
internal static class SignalDisposition
{
    public const int SigInt = 2;

    public static void RestoreDefault(int signal) => Signal(signal, IntPtr.Zero); // IntPtr.Zero is SIG_DFL

    [DllImport("libc", EntryPoint = "signal")]
    private static extern IntPtr Signal(int signal, IntPtr handler);
}
