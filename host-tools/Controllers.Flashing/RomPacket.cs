using System;
using System.Buffers.Binary;
using System.IO;

namespace Controllers.Flashing;

/// <summary>
/// Request and response packets of the ESP32 ROM bootloader, before SLIP framing. All fields are little-endian.
/// A request is direction 0x00, command, 16-bit data size, 32-bit checksum, data. A response is direction
/// 0x01, command, 16-bit data size, 32-bit value, data whose last 4 bytes (ESP32 ROM) are the status bytes.
/// Source: esptool documentation, "Serial Protocol", sections "Command Packet", "Response Packet" and "Checksum".
/// </summary>
public static class RomPacket
{
    public const byte RequestDirection = 0x00;
    public const byte ResponseDirection = 0x01;
    public const int HeaderLength = 8;

    /// <summary>Length of the status field at the end of an ESP32 ROM response: status, error and two reserved bytes.</summary>
    public const int RomStatusLength = 4;

    /// <summary>Seed of the data checksum.</summary>
    public const byte ChecksumSeed = 0xEF;

    /// <summary>
    /// Computes the checksum of the payload of FLASH_DATA, FLASH_DEFL_DATA and MEM_DATA: 0xEF XOR every
    /// payload byte (the data after the 16-byte data header), widened to 32 bits.
    /// </summary>
    public static uint Checksum(ReadOnlySpan<byte> payload)
    {
        byte value = ChecksumSeed;
        foreach (byte b in payload)
        {
            value ^= b;
        }

        return value;
    }

    /// <summary>Builds a request packet.</summary>
    public static byte[] BuildRequest(RomCommand command, ReadOnlySpan<byte> data, uint checksum = 0)
    {
        if (data.Length > ushort.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(data), data.Length, "Request data must be at most 65535 bytes.");
        }

        var packet = new byte[HeaderLength + data.Length];
        packet[0] = RequestDirection;
        packet[1] = (byte)command;
        BinaryPrimitives.WriteUInt16LittleEndian(packet.AsSpan(2), (ushort)data.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(packet.AsSpan(4), checksum);
        data.CopyTo(packet.AsSpan(HeaderLength));
        return packet;
    }

    /// <summary>Builds a response packet with the four ESP32 ROM status bytes appended to <paramref name="data"/>.</summary>
    public static byte[] BuildResponse(byte command, uint value, ReadOnlySpan<byte> data, RomError error)
    {
        int size = data.Length + RomStatusLength;
        var packet = new byte[HeaderLength + size];
        packet[0] = ResponseDirection;
        packet[1] = command;
        BinaryPrimitives.WriteUInt16LittleEndian(packet.AsSpan(2), (ushort)size);
        BinaryPrimitives.WriteUInt32LittleEndian(packet.AsSpan(4), value);
        data.CopyTo(packet.AsSpan(HeaderLength));
        packet[HeaderLength + data.Length] = error == RomError.None ? (byte)0 : (byte)1;
        packet[HeaderLength + data.Length + 1] = (byte)error;
        return packet;
    }

    /// <summary>Parses a response. Throws <see cref="InvalidDataException"/> when the packet is not a well-formed response.</summary>
    public static RomResponse ParseResponse(byte[] packet)
    {
        if (packet.Length < HeaderLength + 2 || packet[0] != ResponseDirection)
        {
            throw new InvalidDataException($"Not a bootloader response: {packet.Length} bytes, direction 0x{(packet.Length > 0 ? packet[0] : 0):X2}.");
        }

        int size = BinaryPrimitives.ReadUInt16LittleEndian(packet.AsSpan(2));
        if (size != packet.Length - HeaderLength)
        {
            throw new InvalidDataException($"Response size field {size} does not match the {packet.Length - HeaderLength} data bytes received.");
        }

        // The ESP32 ROM sends 4 status bytes and the esptool stub 2. Both start with status then error.
        int statusLength = size >= RomStatusLength ? RomStatusLength : 2;
        int dataLength = size - statusLength;
        byte status = packet[HeaderLength + dataLength];
        byte error = packet[HeaderLength + dataLength + 1];
        return new RomResponse(
            packet[1],
            BinaryPrimitives.ReadUInt32LittleEndian(packet.AsSpan(4)),
            packet.AsSpan(HeaderLength, dataLength).ToArray(),
            status,
            (RomError)error);
    }
}

/// <summary>One decoded bootloader response.</summary>
public sealed record RomResponse(byte Command, uint Value, byte[] Data, byte Status, RomError Error)
{
    /// <summary>True when the status byte reports success.</summary>
    public bool IsSuccess => Status == 0;
}
