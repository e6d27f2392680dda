using System;
using System.Globalization;

namespace Controllers.Flashing.Application;

/// <summary>
/// An application version major.minor.patch, packed into 32 bits as the image header and DID 0xF189
/// carry it: major in bits 31..24, minor in 23..16, patch in 15..0.
/// </summary>
public readonly record struct ApplicationVersion(byte Major, byte Minor, ushort Patch) : IComparable<ApplicationVersion>
{
    /// <summary>The packed 32-bit value.</summary>
    public uint Packed => ((uint)Major << 24) | ((uint)Minor << 16) | Patch;

    /// <summary>Unpacks a 32-bit value.</summary>
    public static ApplicationVersion FromPacked(uint packed) => new((byte)(packed >> 24), (byte)(packed >> 16), (ushort)packed);

    /// <summary>Parses "major.minor.patch" (0–255, 0–255, 0–65535).</summary>
    /// <exception cref="FormatException">The text is not three numbers in range separated by dots.</exception>
    public static ApplicationVersion Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string[] parts = text.Split('.');
        if (parts.Length == 3
            && byte.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out byte major)
            && byte.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out byte minor)
            && ushort.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out ushort patch))
        {
            return new ApplicationVersion(major, minor, patch);
        }

        throw new FormatException($"The version \"{text}\" is invalid. Use major.minor.patch with major and minor 0 to 255 and patch 0 to 65535, for example 1.2.3.");
    }

    /// <inheritdoc />
    public int CompareTo(ApplicationVersion other) => Packed.CompareTo(other.Packed);

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Major}.{Minor}.{Patch}");
}
