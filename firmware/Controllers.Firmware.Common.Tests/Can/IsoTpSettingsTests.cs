using System;
using Controllers.Firmware.Common.Can;
using Xunit;

namespace Controllers.Firmware.Common.Tests.Can;

public class IsoTpSettingsTests
{
    private static IsoTpSettings Valid() => new() { TransmitId = 0x7E0, ReceiveId = 0x7E8 };

    [Fact]
    public void Defaults_MatchStandardTimeouts()
    {
        IsoTpSettings settings = Valid();

        settings.Validate();

        Assert.Equal(1000, settings.TimeoutAsMilliseconds);
        Assert.Equal(1000, settings.TimeoutArMilliseconds);
        Assert.Equal(1000, settings.TimeoutBsMilliseconds);
        Assert.Equal(1000, settings.TimeoutCrMilliseconds);
        Assert.Equal(4095, settings.MaxReceiveLengthBytes);
    }

    public static TheoryData<string, Action<IsoTpSettings>> InvalidCases => new()
    {
        { "TransmitId", s => s.TransmitId = 0x800 },
        { "ReceiveId", s => s.ReceiveId = 0x800 },
        { "ReceiveId", s => s.ReceiveId = 0x7E0 },
        { "BlockSize", s => s.BlockSize = 256 },
        { "BlockSize", s => s.BlockSize = -1 },
        { "SeparationTimeMinimum", s => s.SeparationTimeMinimum = 0x80 },
        { "SeparationTimeMinimum", s => s.SeparationTimeMinimum = 0xF0 },
        { "SeparationTimeMinimum", s => s.SeparationTimeMinimum = 0xFA },
        { "MaxWaitFrames", s => s.MaxWaitFrames = 256 },
        { "WaitFrameIntervalMilliseconds", s => s.WaitFrameIntervalMilliseconds = 0 },
        { "TimeoutAsMilliseconds", s => s.TimeoutAsMilliseconds = 0 },
        { "TimeoutArMilliseconds", s => s.TimeoutArMilliseconds = 60001 },
        { "TimeoutBsMilliseconds", s => s.TimeoutBsMilliseconds = -5 },
        { "TimeoutCrMilliseconds", s => s.TimeoutCrMilliseconds = 0 },
        { "MaxReceiveLengthBytes", s => s.MaxReceiveLengthBytes = 4096 },
        { "MaxReceiveLengthBytes", s => s.MaxReceiveLengthBytes = 0 },
    };

    [Theory]
    [MemberData(nameof(InvalidCases))]
    public void Validate_RejectsOutOfRange(string field, Action<IsoTpSettings> change)
    {
        IsoTpSettings settings = Valid();
        change(settings);

        var error = Assert.Throws<ArgumentException>(settings.Validate);

        Assert.Equal(field, error.ParamName);
    }

    [Fact]
    public void Validate_AcceptsExtendedIds()
    {
        IsoTpSettings settings = Valid();
        settings.ExtendedIds = true;
        settings.TransmitId = 0x1FFFFFFF;

        settings.Validate();
    }

    [Fact]
    public void Endpoint_KeepsCopyOfSettings()
    {
        var clock = new TestClock();
        var link = new IsoTpTestLink(clock);
        IsoTpSettings settings = Valid();
        var endpoint = new IsoTpEndpoint(settings, link.PortA, clock);

        settings.TransmitId = 0x123;
        endpoint.TryStartTransmit(new byte[] { 1 }, 0, 1);

        Assert.Equal(0x7E0u, link.LogFrame(0).Id);
    }
}
