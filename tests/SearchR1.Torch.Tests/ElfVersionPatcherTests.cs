using SearchR1.Torch;

namespace SearchR1.Torch.Tests;

public class ElfVersionPatcherTests
{
    private static byte[] PackagedLibTorchSharp()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        return File.ReadAllBytes(path);
    }

    [Fact]
    public void The_packaged_library_requires_GLIBCXX_3_4_32_strongly_and_the_patch_makes_only_that_weak()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }
        byte[] elf = PackagedLibTorchSharp();
        var before = ElfVersionPatcher.RequiredVersions(elf);
        Assert.Contains(("GLIBCXX_3.4.32", false), before);

        Assert.Equal(1, ElfVersionPatcher.MakeVersionWeak(elf, "GLIBCXX_3.4.32"));
        var after = ElfVersionPatcher.RequiredVersions(elf);
        Assert.Contains(("GLIBCXX_3.4.32", true), after);
        Assert.Equal(before.Count, after.Count);
        Assert.Equal(before.Count(v => v.Weak) + 1, after.Count(v => v.Weak));

        // Idempotent: a second pass changes nothing.
        Assert.Equal(0, ElfVersionPatcher.MakeVersionWeak(elf, "GLIBCXX_3.4.32"));
    }

    [Fact]
    public void Non_elf_input_is_rejected_with_a_clear_error()
    {
        var error = Assert.Throws<InvalidDataException>(() => ElfVersionPatcher.RequiredVersions(new byte[100]));
        Assert.Contains("ELF", error.Message);
    }
}
