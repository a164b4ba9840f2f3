using System.Reflection;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using TorchSharp;

namespace SearchR1.Torch;

/// <summary>
/// Loads TorchSharp's native runtime once per process, on CPU or on CUDA, before any tensor is made.
/// Call <see cref="EnsureLoaded"/> (or <see cref="ResolveDevice"/>) at the entry of anything that uses TorchSharp.
/// </summary>
/// <remarks>
/// Two routes:
/// <list type="bullet">
/// <item>CPU (default): the libtorch shipped by the TorchSharp-cpu package. On Debian 12 / Ubuntu 22.04,
/// libLibTorchSharp.so fails to load because it requires GLIBCXX_3.4.32 for one unused marker symbol; we
/// then load a copy with that requirement made weak (see <see cref="ElfVersionPatcher"/>), cached under
/// ~/.cache/searchr1/native. Where the system libstdc++ is new enough, the original loads and nothing is patched.</item>
/// <item>CUDA: <c>SEARCHR1_LIBTORCH</c> names an installed libtorch folder (for example PyTorch's
/// <c>site-packages/torch/lib</c>); its libraries are loaded first so that LibTorchSharp binds to them.</item>
/// </list>
/// Either way TorchSharp's own lookup of "LibTorchSharp" is answered with our handle through a
/// DllImport resolver on its assembly.
/// </remarks>
public static class TorchRuntime
{
    /// <summary>Environment variable naming a libtorch folder (CUDA build) to use instead of the packaged CPU one.</summary>
    public const string LibTorchVariable = "SEARCHR1_LIBTORCH";

    private const string TorchSharpNative = "libLibTorchSharp.so";
    private const string MissingVersion = "GLIBCXX_3.4.32";
    private static readonly string[] CpuLibraries = ["libc10.so", "libtorch_cpu.so", "libtorch.so"];
    private static readonly string[] CudaLibraries = ["libc10.so", "libtorch_cpu.so", "libc10_cuda.so", "libtorch_cuda.so", "libtorch.so"];

    private static readonly Lock Gate = new();
    private static bool _loaded;
    private static string _description = "not loaded";

    /// <summary>True once CUDA is usable through an installed libtorch.</summary>
    public static bool CudaAvailable { get; private set; }

    /// <summary>What was loaded, for logs and run manifests.</summary>
    public static string Description
    {
        get
        {
            EnsureLoaded();
            return _description;
        }
    }

    /// <summary>Loads the native runtime if it is not loaded yet. Thread-safe and idempotent.</summary>
    public static void EnsureLoaded()
    {
        lock (Gate)
        {
            if (_loaded)
            {
                return;
            }
            if (OperatingSystem.IsLinux())
            {
                LoadOnLinux();
            }
            else
            {
                torch.InitializeDeviceType(DeviceType.CPU);
                _description = "TorchSharp default loader";
            }
            _loaded = true;
        }
    }

    /// <summary>
    /// Turns a device option (<c>auto</c>, <c>cpu</c>, <c>cuda</c>, <c>cuda:1</c>) into a device,
    /// failing clearly when CUDA is asked for and not available.
    /// </summary>
    public static torch.Device ResolveDevice(string? spec)
    {
        EnsureLoaded();
        string s = string.IsNullOrWhiteSpace(spec) ? "auto" : spec.Trim().ToLowerInvariant();
        if (s == "auto")
        {
            return CudaAvailable ? torch.CUDA : torch.CPU;
        }
        if (s == "cpu")
        {
            return torch.CPU;
        }
        if (s.StartsWith("cuda", StringComparison.Ordinal))
        {
            if (!CudaAvailable)
            {
                throw new InvalidOperationException(
                    $"--device {spec}: CUDA is not available. Set {LibTorchVariable} to the lib folder of a CUDA " +
                    "build of libtorch (for example python -c \"import torch,os;print(os.path.dirname(torch.__file__)+'/lib')\").");
            }
            return new torch.Device(s);
        }
        throw new ArgumentException($"Unknown device '{spec}'. Expected auto, cpu, cuda or cuda:N.", nameof(spec));
    }

    private static void LoadOnLinux()
    {
        string? cudaFolder = Environment.GetEnvironmentVariable(LibTorchVariable);
        bool useCuda = !string.IsNullOrWhiteSpace(cudaFolder);
        if (useCuda && !File.Exists(Path.Combine(cudaFolder!, "libtorch.so")))
        {
            throw new DirectoryNotFoundException($"{LibTorchVariable}={cudaFolder}: no libtorch.so in that folder.");
        }

        string original = FindTorchSharpNative();
        string nativeFolder = Path.GetDirectoryName(original)!;
        if (useCuda)
        {
            foreach (string lib in CudaLibraries)
            {
                string path = Path.Combine(cudaFolder!, lib);
                if (File.Exists(path))
                {
                    NativeLibrary.Load(path);
                }
            }
        }

        string loadedFrom = original;
        if (!NativeLibrary.TryLoad(original, out IntPtr handle))
        {
            // The usual cause on Debian 12 / Ubuntu 22.04 is GLIBCXX_3.4.32; load a patched copy instead.
            string patched = PatchedCopy(original);
            if (!useCuda)
            {
                // The copy lives in a cache folder, so its $ORIGIN run path no longer finds libtorch:
                // load libtorch first, by full path, and the copy's dependencies resolve to it by soname.
                foreach (string lib in CpuLibraries)
                {
                    NativeLibrary.Load(Path.Combine(nativeFolder, lib));
                }
            }
            handle = NativeLibrary.Load(patched);
            loadedFrom = patched + $" (copy of {original} with {MissingVersion} made weak)";
        }

        IntPtr resolved = handle;
        NativeLibrary.SetDllImportResolver(typeof(torch).Assembly, (name, _, _) =>
            name is "LibTorchSharp" or TorchSharpNative ? resolved : IntPtr.Zero);

        if (useCuda)
        {
            torch.InitializeDeviceType(DeviceType.CUDA);
            CudaAvailable = torch.cuda.is_available();
            _description = $"libtorch from {cudaFolder} (CUDA {(CudaAvailable ? "available" : "NOT available")}); LibTorchSharp {loadedFrom}";
        }
        else
        {
            torch.InitializeDeviceType(DeviceType.CPU);
            _description = $"packaged CPU libtorch; LibTorchSharp {loadedFrom}";
        }
    }

    /// <summary>Finds the LibTorchSharp native library that the build or publish copied beside the app.</summary>
    private static string FindTorchSharpNative()
    {
        var folders = new List<string> { AppContext.BaseDirectory };
        string? assemblyFolder = Path.GetDirectoryName(typeof(torch).Assembly.Location);
        if (!string.IsNullOrEmpty(assemblyFolder))
        {
            folders.Add(assemblyFolder);
        }
        foreach (string folder in folders)
        {
            foreach (string candidate in new[] { Path.Combine(folder, "runtimes", "linux-x64", "native", TorchSharpNative), Path.Combine(folder, TorchSharpNative) })
            {
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }
        throw new FileNotFoundException(
            $"{TorchSharpNative} was not found beside the application ({string.Join(", ", folders)}). " +
            "Build with the TorchSharp-cpu package (it is a dependency of SearchR1.Torch) so the natives are copied.");
    }

    /// <summary>Writes (once) a copy of the library with the GLIBCXX_3.4.32 requirement made weak, and returns its path.</summary>
    private static string PatchedCopy(string original)
    {
        byte[] bytes = File.ReadAllBytes(original);
        string hash = Convert.ToHexStringLower(SHA256.HashData(bytes))[..16];
        string cacheRoot = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        string folder = Path.Combine(cacheRoot, "searchr1", "native", hash);
        string target = Path.Combine(folder, TorchSharpNative);
        if (File.Exists(target))
        {
            return target;
        }

        if (ElfVersionPatcher.MakeVersionWeak(bytes, MissingVersion) == 0)
        {
            throw new DllNotFoundException(
                $"{original} failed to load and does not require {MissingVersion}, so the known fix does not apply. " +
                $"Run `ldd {original}` to see which dependency is missing.");
        }
        Directory.CreateDirectory(folder);
        // Atomic: a crash mid-write never leaves a truncated library where the next run would load it.
        string temporary = Path.Combine(folder, $".{TorchSharpNative}.{Environment.ProcessId}.tmp");
        File.WriteAllBytes(temporary, bytes);
        File.Move(temporary, target, overwrite: true);
        return target;
    }

    /// <summary>The version of TorchSharp in use, for run manifests.</summary>
    public static string TorchSharpVersion =>
        typeof(torch).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
}
