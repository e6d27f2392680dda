using System;
using System.Buffers.Binary;
using System.IO;
using System.Security.Cryptography;

namespace Controllers.Flashing.Application;

/// <summary>
/// A signed application image: a 128-byte header followed by the payload (a nanoFramework deployment
/// image or .pe assemblies). The layout is the one the firmware's ApplicationImageHeader reads,
/// written here independently so that tests cross-check both sides.
/// </summary>
/// <remarks>
/// Header fields, little-endian: magic "CTLA", format version 1 (uint16), header length 128 (uint16),
/// board type id (uint32), application version (uint32, 8.8.16 bits), payload length (uint32), payload
/// CRC-32 (uint32, IEEE 802.3), build time in seconds since 1970 UTC (int64) and 32 reserved zero bytes.
/// At offset 64 follows the ECDSA P-256 signature (r then s, 32 bytes each). It signs SHA-256 of header
/// bytes 0 to 63 followed by the payload.
/// </remarks>
public sealed class ApplicationImage
{
    /// <summary>Bytes of the header.</summary>
    public const int HeaderLength = 128;

    /// <summary>Header bytes covered by the signature.</summary>
    public const int SignedHeaderLength = 64;

    /// <summary>Bytes of the signature.</summary>
    public const int SignatureLength = 64;

    /// <summary>Header format written and read here.</summary>
    public const ushort FormatVersion = 1;

    private static ReadOnlySpan<byte> Magic => "CTLA"u8;

    private readonly byte[] bytes;

    private ApplicationImage(byte[] bytes)
    {
        this.bytes = bytes;
    }

    /// <summary>Board type the image was built for.</summary>
    public uint BoardTypeId => BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8));

    /// <summary>Application version.</summary>
    public ApplicationVersion Version => ApplicationVersion.FromPacked(BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(12)));

    /// <summary>Payload bytes.</summary>
    public int PayloadLength => (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(16));

    /// <summary>CRC-32 of the payload stored in the header.</summary>
    public uint PayloadCrc32 => BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(20));

    /// <summary>Build time.</summary>
    public DateTimeOffset BuildTime => DateTimeOffset.FromUnixTimeSeconds(BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(24)));

    /// <summary>The signature, r then s.</summary>
    public ReadOnlySpan<byte> Signature => bytes.AsSpan(SignedHeaderLength, SignatureLength);

    /// <summary>The payload after the header.</summary>
    public ReadOnlySpan<byte> Payload => bytes.AsSpan(HeaderLength);

    /// <summary>Bytes of the whole image.</summary>
    public int Length => bytes.Length;

    /// <summary>The whole image as written to the board.</summary>
    public ReadOnlySpan<byte> Bytes => bytes;

    /// <summary>True when the stored CRC-32 matches the payload.</summary>
    public bool IsPayloadCrcValid => Crc32Ieee(Payload) == PayloadCrc32;

    /// <summary>
    /// Builds and signs an image of <paramref name="payload"/> for <paramref name="boardTypeId"/> with
    /// <paramref name="signingKey"/>, an ECDSA P-256 private key.
    /// </summary>
    public static ApplicationImage Sign(ReadOnlySpan<byte> payload, uint boardTypeId, ApplicationVersion version, DateTimeOffset buildTime, ECDsa signingKey)
    {
        ArgumentNullException.ThrowIfNull(signingKey);
        if (signingKey.KeySize != 256)
        {
            throw new ArgumentException($"The signing key has {signingKey.KeySize} bits; an ECDSA P-256 key (256 bits) is required.", nameof(signingKey));
        }

        var image = new byte[HeaderLength + payload.Length];
        Span<byte> header = image.AsSpan(0, HeaderLength);
        Magic.CopyTo(header);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], FormatVersion);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], HeaderLength);
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], boardTypeId);
        BinaryPrimitives.WriteUInt32LittleEndian(header[12..], version.Packed);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], (uint)payload.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(header[20..], Crc32Ieee(payload));
        BinaryPrimitives.WriteInt64LittleEndian(header[24..], buildTime.ToUnixTimeSeconds());
        payload.CopyTo(image.AsSpan(HeaderLength));

        byte[] signature = signingKey.SignData(SignedBytes(image), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        signature.CopyTo(image, SignedHeaderLength);
        return new ApplicationImage(image);
    }

    /// <summary>Parses an image and checks its header, lengths and payload CRC-32 (not the signature).</summary>
    /// <exception cref="InvalidDataException">The bytes are not a valid application image. The message names the field.</exception>
    public static ApplicationImage Parse(byte[] image)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.Length < HeaderLength)
        {
            throw new InvalidDataException($"The image has {image.Length} bytes, fewer than the {HeaderLength}-byte header.");
        }

        if (!image.AsSpan(0, 4).SequenceEqual(Magic))
        {
            throw new InvalidDataException($"The image starts with {Convert.ToHexString(image, 0, 4)} instead of the magic \"CTLA\"; it is not a signed application image.");
        }

        ushort format = BinaryPrimitives.ReadUInt16LittleEndian(image.AsSpan(4));
        ushort headerLength = BinaryPrimitives.ReadUInt16LittleEndian(image.AsSpan(6));
        if (format != FormatVersion || headerLength != HeaderLength)
        {
            throw new InvalidDataException($"The image header has format {format} and length {headerLength}; this tool reads format {FormatVersion} with length {HeaderLength}.");
        }

        var parsed = new ApplicationImage(image);
        if (parsed.PayloadLength != image.Length - HeaderLength)
        {
            throw new InvalidDataException($"The header gives a payload of {parsed.PayloadLength} bytes, but {image.Length - HeaderLength} bytes follow it; the file is truncated or has trailing data.");
        }

        if (!parsed.IsPayloadCrcValid)
        {
            throw new InvalidDataException($"The payload CRC-32 is 0x{Crc32Ieee(parsed.Payload):X8}, but the header gives 0x{parsed.PayloadCrc32:X8}; the file is damaged.");
        }

        return parsed;
    }

    /// <summary>Returns true when the signature verifies with <paramref name="publicKey"/>.</summary>
    public bool VerifySignature(ECDsa publicKey)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        return publicKey.VerifyData(SignedBytes(bytes), Signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    /// <summary>Returns the image bytes that the signature covers: header bytes 0 to 63 and the payload.</summary>
    private static byte[] SignedBytes(byte[] image)
    {
        var signed = new byte[SignedHeaderLength + image.Length - HeaderLength];
        image.AsSpan(0, SignedHeaderLength).CopyTo(signed);
        image.AsSpan(HeaderLength).CopyTo(signed.AsSpan(SignedHeaderLength));
        return signed;
    }

    /// <summary>CRC-32 of IEEE 802.3 (reflected polynomial 0xEDB88320, initial and final value 0xFFFFFFFF), table-driven.</summary>
    public static uint Crc32Ieee(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte value in data)
        {
            crc = CrcTable[(crc ^ value) & 0xFF] ^ (crc >> 8);
        }

        return ~crc;
    }

    private static readonly uint[] CrcTable = BuildCrcTable();

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
