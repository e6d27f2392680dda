using System;
using System.IO;
using Controllers.Can.Transports;
using Controllers.Firmware.Common.Can;
using Xunit;

namespace Controllers.Can.Tests.Transports;

public sealed class SlcanTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    [Theory]
    [InlineData(0x123u, false, false, 3, "t1233112233")]
    [InlineData(0x1ABCDEF0u, true, false, 2, "T1ABCDEF021122")]
    [InlineData(0x7FFu, false, true, 4, "r7FF4")]
    [InlineData(0x00000001u, true, true, 0, "R000000010")]
    [InlineData(0x000u, false, false, 0, "t0000")]
    public void FormatAndParse_RoundTrip(uint id, bool extended, bool remote, int length, string line)
    {
        CanFrame frame = CanBitTimingTests.Frame(id, extended, length);
        frame.IsRemote = remote;

        Assert.Equal(line, SlcanProtocol.FormatFrame(frame));

        var parsed = new CanFrame();
        Assert.Null(SlcanProtocol.ParseFrame(line, parsed));
        Assert.Equal(id, parsed.Id);
        Assert.Equal(extended, parsed.IsExtended);
        Assert.Equal(remote, parsed.IsRemote);
        Assert.Equal(length, parsed.Length);
        Assert.Equal(remote ? new byte[0] : frame.Data[..length], remote ? new byte[0] : parsed.Data[..length]);
    }

    [Fact]
    public void ParseFrame_ReadsTimestamp()
    {
        var frame = new CanFrame();

        Assert.Equal(0xEA5F, SlcanProtocol.ParseFrame("t12321122EA5F", frame));
        Assert.Equal(2, frame.Length);
    }

    [Theory]
    [InlineData("t12")]
    [InlineData("t1239")]
    [InlineData("t12321")]
    [InlineData("t800")]
    [InlineData("t12G0")]
    [InlineData("T2000000000")]
    [InlineData("x1230")]
    public void ParseFrame_RejectsInvalidLines(string line)
    {
        Assert.Throws<FormatException>(() => SlcanProtocol.ParseFrame(line, new CanFrame()));
    }

    [Fact]
    public void BitrateCommand_MapsStandardRates()
    {
        Assert.Equal("S0", SlcanProtocol.FormatBitrateCommand(10_000));
        Assert.Equal("S6", SlcanProtocol.FormatBitrateCommand(500_000));
        Assert.Equal("S8", SlcanProtocol.FormatBitrateCommand(1_000_000));
        Assert.Throws<ArgumentOutOfRangeException>(() => SlcanProtocol.FormatBitrateCommand(83_333));
    }

    [SkippableFact]
    public void Emulator_ExchangesFramesOverPty()
    {
        Skip.IfNot(File.Exists(SocatPtyPair.SocatPath), $"{SocatPtyPair.SocatPath} not found (install the socat package)");
        using SocatPtyPair pty = SocatPtyPair.Start();
        using var device = new SlcanDeviceEmulator(pty.Second);
        using SlcanTransport transport = SlcanTransport.Open(pty.First, 500_000, commandTimeout: Timeout);

        Assert.Equal(6, device.BitrateCode);
        Assert.True(device.ChannelOpen);

        transport.Send(CanBitTimingTests.Frame(0x123, false, 3));
        CanFrame remote = CanBitTimingTests.Frame(0x18DAF110, true, 8);
        remote.IsRemote = true;
        transport.Send(remote);
        Assert.True(device.Transmitted.TryTake(out string? first, Timeout));
        Assert.Equal("t1233112233", first);
        Assert.True(device.Transmitted.TryTake(out string? second, Timeout));
        Assert.Equal("R18DAF1108", second);

        device.Inject("t7E8803410C1AF8000000", 0);
        device.Inject("T18FF50E50", 0);
        var frame = new CanFrame();
        Assert.True(transport.TryReceive(frame, Timeout));
        Assert.Equal(0x7E8u, frame.Id);
        Assert.Equal(8, frame.Length);
        Assert.Equal(0x0C, frame.Data[2]);
        Assert.True(transport.TryReceive(frame, Timeout));
        Assert.Equal(0x18FF50E5u, frame.Id);
        Assert.True(frame.IsExtended);
        Assert.Equal(0, frame.Length);
        Assert.Equal(0, transport.Statistics.Errors);
    }

    [SkippableFact]
    public void Emulator_TimestampsAndErrors()
    {
        Skip.IfNot(File.Exists(SocatPtyPair.SocatPath), $"{SocatPtyPair.SocatPath} not found (install the socat package)");
        using SocatPtyPair pty = SocatPtyPair.Start();
        using var device = new SlcanDeviceEmulator(pty.Second);
        using SlcanTransport transport = SlcanTransport.Open(pty.First, 125_000, timestamps: true, commandTimeout: Timeout);

        device.Inject("r1232", 1234);
        var frame = new CanFrame();
        Assert.True(transport.TryReceive(frame, Timeout, out TimeSpan timestamp));
        Assert.True(frame.IsRemote);
        Assert.Equal(2, frame.Length);
        Assert.Equal(TimeSpan.FromMilliseconds(1234), timestamp);

        // The channel is already open, so the adapter rejects a second O with BEL.
        SlcanException error = Assert.Throws<SlcanException>(() => transport.OpenChannel());
        Assert.Contains("'O'", error.Message);
        Assert.Equal(1, transport.Statistics.Errors);

        Assert.Equal("V1013", transport.Command("V"));
        transport.CloseChannel();
        Assert.False(device.ChannelOpen);

        // Malformed frame lines count as errors and are not delivered.
        device.WriteRaw("t12X4\r");
        Assert.False(transport.TryReceive(frame, TimeSpan.FromMilliseconds(200)));
        Assert.Equal(2, transport.Statistics.Errors);
    }
}
