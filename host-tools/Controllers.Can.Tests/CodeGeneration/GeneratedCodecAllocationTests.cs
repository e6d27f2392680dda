using System;
using Controllers.Firmware.Common.Can;
using Controllers.Firmware.Common.Can.Generated.CodegenEdges;
using Controllers.Firmware.Common.Can.Generated.Multiplexed;
using Controllers.Firmware.Common.Can.Generated.Powertrain;
using Xunit;

namespace Controllers.Can.Tests.CodeGeneration;

// The generated message type, which the Controllers.Can.Diagnostics namespace would otherwise hide.
using Diagnostics = Controllers.Firmware.Common.Can.Generated.Multiplexed.Diagnostics;

/// <summary>Encode and TryDecode must not allocate, because firmware calls them on every frame.</summary>
public sealed class GeneratedCodecAllocationTests
{
    private const int Iterations = 1000;

    [Fact]
    public void EncodeAndDecodeAllocateNothing()
    {
        var frame = new CanFrame();
        var status = new BmsPackStatus { PackVoltage = 400f, MaxCellTemp = 30f };
        var floats = new FloatPair { IntelFloat = 1.25f, MotorolaFloat = -3f };
        var doubles = new MotorolaDouble { Charge = 12.5 };
        var mux = new ExtendedMux { Page = 1f, @event = 2f };
        var diagnostics = new Diagnostics { Service = 1f, SubFunction = 2f, ResetCount = 5f };
        var wide = new WideSigned { Offset40 = -5, Energy24 = 100.5 };

        // The first calls JIT-compile the methods, which allocates, so run them once before measuring.
        RunAll(frame, status, floats, doubles, mux, diagnostics, wide);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Iterations; i++)
        {
            RunAll(frame, status, floats, doubles, mux, diagnostics, wide);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated == 0, $"{Iterations} rounds of Encode and TryDecode allocated {allocated} bytes.");
    }

    private static void RunAll(CanFrame frame, BmsPackStatus status, FloatPair floats, MotorolaDouble doubles,
        ExtendedMux mux, Diagnostics diagnostics, WideSigned wide)
    {
        status.Encode(frame);
        status.TryDecode(frame);
        floats.Encode(frame);
        floats.TryDecode(frame);
        doubles.Encode(frame);
        doubles.TryDecode(frame);
        mux.Encode(frame);
        mux.TryDecode(frame);
        diagnostics.Encode(frame);
        diagnostics.TryDecode(frame);
        wide.Encode(frame);
        wide.TryDecode(frame);
    }
}
