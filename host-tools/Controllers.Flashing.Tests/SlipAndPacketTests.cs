using System;
using System.IO;
using Controllers.Flashing;
using Xunit;

namespace Controllers.Flashing.Tests;

/// <summary>
/// SLIP and packet codecs against the rules and examples of the esptool documentation, "Serial Protocol"
/// (sections "Low Level Protocol", "Command Packet", "Checksum" and "Initial Synchronisation").
/// Expected bytes are written out by hand from those rules.
/// </summary>
public class SlipAndPacketTests
{
    [Fact]
    public void SyncRequestMatchesDocumentedBytes()
    {
        // SYNC: direction 0x00, command 0x08, size 0x0024 (36) little-endian, checksum 0, then
        // 0x07 0x07 0x12 0x20 and 32 bytes of 0x55; no byte needs escaping.
        var expected = new byte[1 + 8 + 36 + 1];
        expected[0] = 0xC0;
        expected[1] = 0x00;
        expected[2] = 0x08;
        expected[3] = 0x24;
        expected[4] = 0x00;
        expected[9] = 0x07;
        expected[10] = 0x07;
        expected[11] = 0x12;
        expected[12] = 0x20;
        for (int i = 13; i < 45; i++)
        {
            expected[i] = 0x55;
        }

        expected[45] = 0xC0;

        byte[] frame = Slip.Encode(RomPacket.BuildRequest(RomCommand.Sync, RomBootloaderClient.SyncData));

        Assert.Equal(expected, frame);
    }

    [Fact]
    public void SlipEscapesEndAndEscapeBytes()
    {
        // 0xC0 becomes 0xDB 0xDC and 0xDB becomes 0xDB 0xDD; the frame is wrapped in 0xC0.
        byte[] payload = { 0x01, 0xC0, 0x02, 0xDB, 0x03 };
        byte[] expected = { 0xC0, 0x01, 0xDB, 0xDC, 0x02, 0xDB, 0xDD, 0x03, 0xC0 };

        Assert.Equal(expected, Slip.Encode(payload));
        Assert.Equal(payload, Slip.Decode(expected.AsSpan(1, expected.Length - 2)));
    }

    [Fact]
    public void SlipRoundTripsEveryByteValue()
    {
        var payload = new byte[512];
        for (int i = 0; i < payload.Length; i++)
        {
            payload[i] = (byte)i;
        }

        byte[] frame = Slip.Encode(payload);
        var reader = new SlipReader();
        byte[]? decoded = null;
        foreach (byte b in frame)
        {
            decoded = reader.Add(b) ?? decoded;
        }

        Assert.Equal(payload, decoded);
    }

    [Fact]
    public void SlipReaderSkipsTextBeforeFrame()
    {
        var reader = new SlipReader();
        byte[] input = { (byte)'w', (byte)'a', (byte)'i', (byte)'t', 0x0D, 0x0A, 0xC0, 0x01, 0x02, 0xC0 };
        byte[]? decoded = null;
        foreach (byte b in input)
        {
            decoded = reader.Add(b) ?? decoded;
        }

        Assert.Equal(new byte[] { 0x01, 0x02 }, decoded);
    }

    [Fact]
    public void SlipDecodeRejectsInvalidEscape()
    {
        Assert.Throws<InvalidDataException>(() => Slip.Decode(new byte[] { 0x01, 0xDB, 0x05 }));
    }

    [Fact]
    public void ChecksumOfKnownBlocks()
    {
        // Seed 0xEF XOR each byte: 0xEF ^ 0x12 = 0xFD, 0xFD ^ 0x34 = 0xC9.
        Assert.Equal(0xC9u, RomPacket.Checksum(new byte[] { 0x12, 0x34 }));

        // 0x01 ^ 0x02 ^ 0x03 = 0x00, so the seed remains.
        Assert.Equal(0xEFu, RomPacket.Checksum(new byte[] { 0x01, 0x02, 0x03 }));

        // An even number of 0xFF bytes cancels out: a 1024 byte erased block leaves the seed.
        var erased = new byte[1024];
        erased.AsSpan().Fill(0xFF);
        Assert.Equal(0xEFu, RomPacket.Checksum(erased));

        // An empty payload is the seed itself.
        Assert.Equal(0xEFu, RomPacket.Checksum(System.ReadOnlySpan<byte>.Empty));
    }

    [Fact]
    public void ReadRegisterResponseParses()
    {
        // ESP32 ROM response to READ_REG 0x40001000: direction 0x01, command 0x0A, size 4 (only the status
        // bytes), value 0x00F01D83 little-endian, status 0, error 0, two reserved bytes.
        byte[] packet = { 0x01, 0x0A, 0x04, 0x00, 0x83, 0x1D, 0xF0, 0x00, 0x00, 0x00, 0x00, 0x00 };

        RomResponse response = RomPacket.ParseResponse(packet);

        Assert.Equal(0x0A, response.Command);
        Assert.Equal(0x00F01D83u, response.Value);
        Assert.Empty(response.Data);
        Assert.True(response.IsSuccess);
    }

    [Fact]
    public void FailedResponseParsesErrorCode()
    {
        // FLASH_DATA response with status 1 and error 0x07 (invalid CRC in message).
        byte[] packet = { 0x01, 0x03, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x07, 0x00, 0x00 };

        RomResponse response = RomPacket.ParseResponse(packet);

        Assert.False(response.IsSuccess);
        Assert.Equal(RomError.InvalidCrc, response.Error);
    }

    [Fact]
    public void ResponseWithWrongSizeIsRejected()
    {
        byte[] packet = { 0x01, 0x0A, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 };

        Assert.Throws<InvalidDataException>(() => RomPacket.ParseResponse(packet));
    }

    [Fact]
    public void FlashDataRequestCarriesChecksum()
    {
        byte[] data = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x12, 0x34 };

        byte[] packet = RomPacket.BuildRequest(RomCommand.FlashData, data, RomPacket.Checksum(data.AsSpan(16)));

        // Header: 0x00, 0x03, size 18 = 0x12 0x00, checksum 0xC9 0x00 0x00 0x00.
        Assert.Equal(new byte[] { 0x00, 0x03, 0x12, 0x00, 0xC9, 0x00, 0x00, 0x00 }, packet.AsSpan(0, 8).ToArray());
    }
}
