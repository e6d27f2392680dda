using System;
using Controllers.Firmware.Common.Can;
using Controllers.Firmware.Common.Can.Generated.CodegenEdges;
using Controllers.Firmware.Common.Can.Generated.Multiplexed;
using Controllers.Firmware.Common.Can.Generated.Powertrain;
using Xunit;

namespace Controllers.Can.Tests.CodeGeneration;

// The generated message type, which the Controllers.Can.Diagnostics namespace would otherwise hide.
using Diagnostics = Controllers.Firmware.Common.Can.Generated.Multiplexed.Diagnostics;

/// <summary>Generated codecs against data bytes worked out by hand from the DBC bit layouts.</summary>
public sealed class GeneratedCodecBytesTests
{
    [Fact]
    public void PackStatusEncodesHandWorkedBytes()
    {
        var status = new BmsPackStatus
        {
            PackVoltage = 398.2f,   // raw 39820 = 0x9B8C, Intel: bytes 0-1 little endian
            PackCurrent = -12.5f,   // raw -125 = 0xFF83, Intel: bytes 2-3
            StateOfCharge = 50f,    // raw 100 = 0x64, Motorola 39|8: all of byte 4
            ContactorState = BmsPackStatus.ContactorStateClosed, // raw 2, Motorola 41|2: byte 5 bits 1-0
            FaultActive = 1f,       // byte 5 bit 2
            MaxCellTemp = 25f,      // raw (25 + 40) / 0.125 = 520 = 0x208, Motorola 55|12: byte 6, then byte 7 bits 7-4
        };
        var frame = new CanFrame();

        status.Encode(frame);

        Assert.Equal(0x110u, frame.Id);
        Assert.False(frame.IsExtended);
        Assert.Equal(8, frame.Length);
        Assert.Equal("8C9B83FF64062080", Convert.ToHexString(frame.Data));
    }

    [Fact]
    public void PackStatusDecodesHandWorkedBytes()
    {
        var frame = Frame(0x110, false, "8C9B83FF64062080");
        var status = new BmsPackStatus();

        Assert.True(status.TryDecode(frame));

        Assert.Equal(398.2f, status.PackVoltage, 0.001f);
        Assert.Equal(-12.5f, status.PackCurrent, 0.001f);
        Assert.Equal(50f, status.StateOfCharge);
        Assert.Equal(BmsPackStatus.ContactorStateClosed, status.ContactorState);
        Assert.Equal(1f, status.FaultActive);
        Assert.Equal(25f, status.MaxCellTemp);
    }

    [Fact]
    public void SignedMotorolaEncodesHandWorkedBytes()
    {
        var codec = new SignedMotorola
        {
            Short = -2f,        // 12 bits 0xFFE from byte 0 bit 3: byte 0 = 0x0F, byte 1 = 0xFE
            Scaled = -100.05f,  // raw -1, 20 bits from byte 2 bit 5: 0x3F, 0xFF, 0xFC
            Tail = -32f,        // 6-bit minimum 0b100000 from byte 5 bit 5: 0x20
            MotorolaBit = -1f,  // signed 1-bit field at byte 6 bit 0
            LastBit = 1f,       // byte 7 bit 7
        };
        var frame = new CanFrame();

        codec.Encode(frame);

        Assert.Equal("0FFE3FFFFC200180", Convert.ToHexString(frame.Data));

        var decoded = new SignedMotorola();
        Assert.True(decoded.TryDecode(frame));
        Assert.Equal(-2f, decoded.Short);
        Assert.Equal(-100.05f, decoded.Scaled, 0.0001f);
        Assert.Equal(-32f, decoded.Tail);
        Assert.Equal(-1f, decoded.MotorolaBit);
        Assert.Equal(1f, decoded.LastBit);
    }

    [Fact]
    public void FloatSignalsEncodeIeeeBits()
    {
        var codec = new FloatPair
        {
            IntelFloat = 1.5f,   // 0x3FC00000, little endian in bytes 0-3
            MotorolaFloat = 5f,  // raw (5 + 1) / 2 = 3.0f = 0x40400000, big endian in bytes 4-7
        };
        var frame = new CanFrame();

        codec.Encode(frame);

        Assert.Equal("0000C03F40400000", Convert.ToHexString(frame.Data));
    }

    [Fact]
    public void DoubleSignalsEncodeIeeeBits()
    {
        var intel = new IntelDouble { Energy = -2.0 };          // 0xC000000000000000, little endian
        var motorola = new MotorolaDouble { Charge = 0.5 };     // raw 1.0 = 0x3FF0000000000000, big endian
        var frame = new CanFrame();

        intel.Encode(frame);
        Assert.Equal("00000000000000C0", Convert.ToHexString(frame.Data));

        motorola.Encode(frame);
        Assert.Equal("3FF0000000000000", Convert.ToHexString(frame.Data));
    }

    [Fact]
    public void WideIntegersKeepEveryBit()
    {
        var counters = new WideCounters { Uptime = 0xFEDCBA9876543210UL };
        var frame = new CanFrame();

        counters.Encode(frame);
        Assert.Equal("1032547698BADCFE", Convert.ToHexString(frame.Data));

        var decoded = new WideCounters();
        Assert.True(decoded.TryDecode(frame));
        Assert.Equal(0xFEDCBA9876543210UL, decoded.Uptime);

        var signed = new WideSigned { Offset40 = -549755813888L }; // -2^39, the 40-bit minimum
        signed.Encode(frame);
        Assert.Equal("0000000080000000", Convert.ToHexString(frame.Data));
    }

    [Fact]
    public void MultiplexedEncodeWritesSelectedSignalsOnly()
    {
        var codec = new ExtendedMux
        {
            Page = ExtendedMux.PageEventData,
            LengthSignal = 0xFFFF,  // page 0 only, so not written
            @event = -1.5f,         // page 1: raw -150 = 0xFF6A in bytes 1-2
            Range = 0xAA,           // pages 2 and 4-7 only, so not written
            Shared = 7f,
        };
        var frame = new CanFrame();

        codec.Encode(frame);

        Assert.Equal(0x1100u, frame.Id);
        Assert.True(frame.IsExtended);
        Assert.Equal("016AFF0000000007", Convert.ToHexString(frame.Data));
    }

    [Fact]
    public void NestedSwitchDecodesSelectedSignals()
    {
        // Service 1 selects SubFunction, and SubFunction 17 lies in the 16-31 range of ErrorCode.
        var frame = Frame(0x201, false, "0111BEEF00000000");
        var diagnostics = new Diagnostics { ResetCount = 99f, ModeData = 42 };

        Assert.True(diagnostics.TryDecode(frame));

        Assert.Equal(Diagnostics.ServiceReset, diagnostics.Service);
        Assert.Equal(17f, diagnostics.SubFunction);
        Assert.Equal(0xBEEF, diagnostics.ErrorCode);
        Assert.Equal(99f, diagnostics.ResetCount);
        Assert.Equal(42, diagnostics.ModeData);
    }

    [Fact]
    public void EncodeClampsToSignalRange()
    {
        var status = new BmsPackStatus { PackVoltage = 1000f, PackCurrent = -1e9f, StateOfCharge = float.NaN, MaxCellTemp = 1e30f };
        var frame = new CanFrame();

        status.Encode(frame);

        var decoded = new BmsPackStatus();
        Assert.True(decoded.TryDecode(frame));
        Assert.Equal(655.35f, decoded.PackVoltage, 0.001f);
        Assert.Equal(-3276.8f, decoded.PackCurrent, 0.001f);
        Assert.Equal(0f, decoded.StateOfCharge);
        Assert.Equal(215f, decoded.MaxCellTemp);
    }

    [Fact]
    public void EncodeRoundsHalfAwayFromZero()
    {
        var torque = new VcuTorque();
        var frame = new CanFrame();
        var decoded = new VcuTorque();

        torque.TorqueRequest = 0.25f;   // raw 0.5 rounds to 1
        torque.Encode(frame);
        Assert.True(decoded.TryDecode(frame));
        Assert.Equal(0.5f, decoded.TorqueRequest);

        torque.TorqueRequest = -0.25f;  // raw -0.5 rounds to -1
        torque.Encode(frame);
        Assert.True(decoded.TryDecode(frame));
        Assert.Equal(-0.5f, decoded.TorqueRequest);

        torque.TorqueRequest = 0.2f;    // raw 0.4 rounds to 0
        torque.Encode(frame);
        Assert.True(decoded.TryDecode(frame));
        Assert.Equal(0f, decoded.TorqueRequest);
    }

    [Fact]
    public void TryDecodeRejectsOtherFrames()
    {
        var status = new BmsPackStatus { PackVoltage = 1f };

        Assert.False(status.TryDecode(Frame(0x111, false, "FFFFFFFFFFFFFFFF")));
        Assert.False(status.TryDecode(Frame(0x110, true, "FFFFFFFFFFFFFFFF")));
        Assert.False(status.TryDecode(Frame(0x110, false, "FFFFFFFFFFFFFF")));

        var remote = Frame(0x110, false, "FFFFFFFFFFFFFFFF");
        remote.IsRemote = true;
        Assert.False(status.TryDecode(remote));

        Assert.Equal(1f, status.PackVoltage);
    }

    [Fact]
    public void EmptyMessageEncodesNoData()
    {
        var frame = Frame(0x7FF, false, "FF");

        new EmptyPayload().Encode(frame);

        Assert.Equal(0x307u, frame.Id);
        Assert.Equal(0, frame.Length);
        Assert.True(new EmptyPayload().TryDecode(frame));
    }

    private static CanFrame Frame(uint id, bool isExtended, string hex)
    {
        var bytes = Convert.FromHexString(hex);
        var frame = new CanFrame();
        frame.SetId(id, isExtended);
        frame.Length = bytes.Length;
        bytes.CopyTo(frame.Data, 0);
        return frame;
    }
}
