using System.Buffers.Binary;
using System.Text;

namespace SearchR1.Torch;

/// <summary>
/// Marks named symbol-version requirements of an ELF64 shared library as weak (VER_FLG_WEAK).
/// </summary>
/// <remarks>
/// Why this exists: TorchSharp 0.107's libLibTorchSharp.so was built with GCC 13 and requires
/// GLIBCXX_3.4.32 for a single marker symbol (std::ios_base_library_init) that nothing calls.
/// Debian 12 and Ubuntu 22.04 ship an older libstdc++, so glibc refuses to load the library at all.
/// A weak version requirement lets glibc load it; the symbol is never bound. No maintained .NET
/// library edits ELF version tables, so the few lines of the format we need are written here.
/// Layout (System V gABI, GNU extension): section type SHT_GNU_verneed = 0x6ffffffe holds Verneed
/// records {u16 vn_version, u16 vn_cnt, u32 vn_file, u32 vn_aux, u32 vn_next}, each followed by
/// Vernaux records {u32 vna_hash, u16 vna_flags, u16 vna_other, u32 vna_name, u32 vna_next};
/// names are offsets into the string table named by the section's sh_link.
/// </remarks>
public static class ElfVersionPatcher
{
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const ushort VerFlagWeak = 0x2;

    /// <summary>Makes every requirement of <paramref name="versionName"/> weak in place.</summary>
    /// <returns>How many requirements were changed (0 when already weak or absent).</returns>
    public static int MakeVersionWeak(byte[] elf, string versionName)
    {
        int changed = 0;
        VisitRequirements(elf, (flagsOffset, name) =>
        {
            ushort flags = BinaryPrimitives.ReadUInt16LittleEndian(elf.AsSpan(flagsOffset));
            if (name == versionName && (flags & VerFlagWeak) == 0)
            {
                BinaryPrimitives.WriteUInt16LittleEndian(elf.AsSpan(flagsOffset), (ushort)(flags | VerFlagWeak));
                changed++;
            }
        });
        return changed;
    }

    /// <summary>Lists the version names this library requires, with whether each is weak.</summary>
    public static IReadOnlyList<(string Name, bool Weak)> RequiredVersions(byte[] elf)
    {
        var result = new List<(string, bool)>();
        VisitRequirements(elf, (flagsOffset, name) =>
            result.Add((name, (BinaryPrimitives.ReadUInt16LittleEndian(elf.AsSpan(flagsOffset)) & VerFlagWeak) != 0)));
        return result;
    }

    /// <summary>Calls <paramref name="visit"/> with the file offset of each Vernaux's vna_flags and its name.</summary>
    private static void VisitRequirements(byte[] elf, Action<int, string> visit)
    {
        ArgumentNullException.ThrowIfNull(elf);
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
        {
            throw new InvalidDataException("Not an ELF file.");
        }
        if (elf[4] != 2 || elf[5] != 1)
        {
            throw new InvalidDataException("Only little-endian ELF64 files are supported.");
        }

        ReadOnlySpan<byte> span = elf;
        int sectionTable = checked((int)BinaryPrimitives.ReadUInt64LittleEndian(span[0x28..]));
        int sectionSize = BinaryPrimitives.ReadUInt16LittleEndian(span[0x3A..]);
        int sectionCount = BinaryPrimitives.ReadUInt16LittleEndian(span[0x3C..]);
        for (int s = 0; s < sectionCount; s++)
        {
            int header = sectionTable + s * sectionSize;
            if (BinaryPrimitives.ReadUInt32LittleEndian(span[(header + 4)..]) != ShtGnuVerneed)
            {
                continue;
            }
            int need = checked((int)BinaryPrimitives.ReadUInt64LittleEndian(span[(header + 0x18)..]));
            int link = (int)BinaryPrimitives.ReadUInt32LittleEndian(span[(header + 0x28)..]);
            int strings = checked((int)BinaryPrimitives.ReadUInt64LittleEndian(span[(sectionTable + link * sectionSize + 0x18)..]));
            while (true)
            {
                int auxCount = BinaryPrimitives.ReadUInt16LittleEndian(span[(need + 2)..]);
                int aux = need + (int)BinaryPrimitives.ReadUInt32LittleEndian(span[(need + 8)..]);
                for (int a = 0; a < auxCount; a++)
                {
                    int name = strings + (int)BinaryPrimitives.ReadUInt32LittleEndian(span[(aux + 8)..]);
                    visit(aux + 4, ReadCString(span, name));
                    aux += (int)BinaryPrimitives.ReadUInt32LittleEndian(span[(aux + 12)..]);
                }
                uint next = BinaryPrimitives.ReadUInt32LittleEndian(span[(need + 12)..]);
                if (next == 0)
                {
                    break;
                }
                need += (int)next;
            }
        }
    }

    private static string ReadCString(ReadOnlySpan<byte> span, int start)
    {
        int end = span[start..].IndexOf((byte)0);
        return Encoding.ASCII.GetString(span.Slice(start, end));
    }
}
