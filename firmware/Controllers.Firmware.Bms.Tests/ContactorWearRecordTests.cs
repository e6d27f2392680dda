using System.Text;
using Controllers.Firmware.Bms.Contactors;
using Controllers.Firmware.Common.Hal;
using Controllers.Firmware.Common.Numerics;
using Xunit;

namespace Controllers.Firmware.Bms.Tests;

public class ContactorWearRecordTests
{
    [Fact]
    public void Crc32_CheckValue()
    {
        // Check value of CRC-32/ISO-HDLC (the IEEE 802.3 CRC) over "123456789".
        byte[] data = Encoding.ASCII.GetBytes("123456789");

        Assert.Equal(0xCBF43926u, Crc32.Compute(data, 0, data.Length));
    }

    [Fact]
    public void Record_BucketsAndLayout()
    {
        var record = new ContactorWearRecord();
        record.RecordBreak(ContactorId.Positive, -2f, 5f, 660f);
        record.RecordBreak(ContactorId.Positive, -120.04f, 5f, 660f);
        record.RecordBreak(ContactorId.Positive, 700f, 5f, 660f);
        var buffer = new byte[ContactorWearRecord.SerializedLength];

        record.Serialize(7, buffer);

        // Header "CW", version 1, sequence 7 little-endian.
        Assert.Equal(new byte[] { 0x43, 0x57, 0x01, 0x00, 0x07, 0x00, 0x00, 0x00 }, buffer[..8]);
        // Positive is entry 2 at 8 + 2 · 20 = 48: one no-load, one load and one overload break.
        Assert.Equal(1, buffer[48]);
        Assert.Equal(1, buffer[52]);
        Assert.Equal(1, buffer[56]);
        // Accumulated 2 + 120.0 + 700 = 822.0 A = 8220 deciamperes = 0x201C; maximum 7000 = 0x1B58.
        Assert.Equal(new byte[] { 0x1C, 0x20, 0x00, 0x00 }, buffer[60..64]);
        Assert.Equal(new byte[] { 0x58, 0x1B, 0x00, 0x00 }, buffer[64..68]);

        var copy = new ContactorWearRecord();
        Assert.True(copy.TryDeserialize(buffer, out uint sequence));
        Assert.Equal(7u, sequence);
        Assert.Equal(3u, copy.GetTotalBreaks(ContactorId.Positive));

        buffer[20] ^= 0x01;
        Assert.False(copy.TryDeserialize(buffer, out _));
    }
}
