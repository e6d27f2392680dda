using Controllers.Firmware.Common.Diagnostics;
using Xunit;
using static Controllers.Firmware.Common.Tests.Diagnostics.UdsTestBench;

namespace Controllers.Firmware.Common.Tests.Diagnostics;

/// <summary>ReadDataByIdentifier and WriteDataByIdentifier through the data identifier table.</summary>
public class UdsDataIdentifierTests
{
    private readonly UdsTestBench bench = new();

    [Fact]
    public void Read_SingleIdentifier()
    {
        Assert.Equal(Hex("62 F1 90 57 56 57 5A 5A 5A 31 4A 5A 58 57 30 30 30 30 30 31"), bench.Send("22 F1 90"));
    }

    [Fact]
    public void Read_TwoIdentifiers()
    {
        Assert.Equal(Hex("62 F1 90 57 56 57 5A 5A 5A 31 4A 5A 58 57 30 30 30 30 30 31 01 00 12 34"), bench.Send("22 F1 90 01 00"));
    }

    [Fact]
    public void Read_UnknownIdentifierLeftOut()
    {
        Assert.Equal(Hex("62 01 00 12 34"), bench.Send("22 77 77 01 00"));
    }

    [Theory]
    [InlineData("22 77 77")]
    [InlineData("22 03 00")]
    [InlineData("22 02 00")]
    public void Read_NothingReadable_RequestOutOfRange(string request)
    {
        // 0x7777 is unknown, 0x0300 is write-only and 0x0200 exists in the extended session only.
        Assert.Equal(Hex("7F 22 31"), bench.Send(request));
    }

    [Theory]
    [InlineData("22")]
    [InlineData("22 01")]
    [InlineData("22 01 00 01")]
    public void Read_InvalidLength(string request)
    {
        Assert.Equal(Hex("7F 22 13"), bench.Send(request));
    }

    [Fact]
    public void Read_SecuredWhileLocked_SecurityAccessDenied()
    {
        bench.Send("10 03");

        Assert.Equal(Hex("7F 22 33"), bench.Send("22 02 00"));
    }

    [Fact]
    public void Read_SecuredWhenUnlocked()
    {
        bench.EnterExtendedUnlocked();

        Assert.Equal(Hex("62 02 00 DE AD BE EF"), bench.Send("22 02 00"));
    }

    [Fact]
    public void Read_HandlerError_IsSent()
    {
        Assert.Equal(Hex("7F 22 22"), bench.Send("22 05 00"));
    }

    [Fact]
    public void Read_TooLongResponse_ResponseTooLong()
    {
        // 41 copies of the 100-byte identifier need 1 + 41 * 102 = 4183 bytes, more than 4095.
        var request = new byte[1 + 2 * 41];
        request[0] = 0x22;
        for (int i = 0; i < 41; i++)
        {
            request[1 + 2 * i] = 0x04;
            request[2 + 2 * i] = 0x00;
        }

        Assert.Equal(Hex("7F 22 14"), bench.Send(request));
    }

    [Fact]
    public void Write_StoresValue()
    {
        Assert.Equal(Hex("6E 01 00"), bench.Send("2E 01 00 AB CD"));
        Assert.Equal(Hex("62 01 00 AB CD"), bench.Send("22 01 00"));
    }

    [Fact]
    public void Write_WriteOnlyIdentifier()
    {
        Assert.Equal(Hex("6E 03 00"), bench.Send("2E 03 00 42"));
        Assert.Equal(new byte[] { 0x42 }, bench.Data.Values[WriteOnlyIdentifier]);
    }

    [Theory]
    [InlineData("2E 77 77 00", "7F 2E 31")]
    [InlineData("2E F1 90 00", "7F 2E 31")]
    [InlineData("2E 02 00 00 00 00 00", "7F 2E 31")]
    [InlineData("2E 01 00", "7F 2E 13")]
    [InlineData("2E 01 00 12", "7F 2E 13")]
    [InlineData("2E 01 00 12 34 56", "7F 2E 13")]
    [InlineData("2E 01 00 FF 00", "7F 2E 31")]
    public void Write_InvalidRequests(string request, string expected)
    {
        // 0xF190 is read-only, 0x0200 exists in the extended session only, and 0xFF is an invalid value.
        Assert.Equal(Hex(expected), bench.Send(request));
        Assert.Equal(new byte[] { 0x12, 0x34 }, bench.Data.Values[SettingIdentifier]);
    }

    [Fact]
    public void Write_SecuredWhileLocked_SecurityAccessDenied()
    {
        bench.Send("10 03");

        Assert.Equal(Hex("7F 2E 33"), bench.Send("2E 02 00 01 02 03 04"));
        Assert.Equal(Hex("DE AD BE EF"), bench.Data.Values[SecuredIdentifier]);
    }

    [Fact]
    public void Write_SecuredWhenUnlocked()
    {
        bench.EnterExtendedUnlocked();

        Assert.Equal(Hex("6E 02 00"), bench.Send("2E 02 00 01 02 03 04"));
        Assert.Equal(Hex("01 02 03 04"), bench.Data.Values[SecuredIdentifier]);
    }

    [Fact]
    public void DataIdentifiers_NotConfigured_ServiceNotSupported()
    {
        bench.Server.DataIdentifiers = null;

        Assert.Equal(Hex("7F 22 11"), bench.Send("22 F1 90"));
        Assert.Equal(Hex("7F 2E 11"), bench.Send("2E 01 00 00 00"));
    }
}
