using System;
using System.Security.Cryptography;
using Controllers.Firmware.Common.Calibration;
using Controllers.Firmware.Common.Diagnostics;
using Controllers.Firmware.Common.Parameters;
using Controllers.Firmware.Common.Storage;
using Controllers.Firmware.Common.Update;
using Controllers.Firmware.Vcu.Calibration;
using Controllers.Firmware.Vcu.Inputs;
using Controllers.Firmware.Vcu.Parameters;
using Controllers.Simulation;
using Controllers.Simulation.Storage;
using Xunit;

namespace Controllers.Firmware.Vcu.Tests;

/// <summary>The pedal calibration and the application update services that <see cref="VcuCore.AddDiagnostics"/> wires in.</summary>
public class VcuCalibrationWiringTests
{
    private const int CalibrationRegionA = 4;
    private const int CalibrationRegionB = 5;

    [Fact]
    public void StoredEndPoints_ApplyToPedalAtStart()
    {
        var store = new SimulatedFlashStore(8, 4096);

        // A calibration saved by an earlier power cycle: track 1 0.70 to 4.00 V, track 2 0.35 to 2.00 V.
        var earlier = new VcuCalibration(store, CalibrationRegionA, CalibrationRegionB, new AcceleratorPedalSettings(), new BrakePedalSettings(),
            new BoardInputs());
        earlier.Load();
        var endPoints = new byte[16];
        WriteSingle(endPoints, 0, 0.70f);
        WriteSingle(endPoints, 4, 4.00f);
        WriteSingle(endPoints, 8, 0.35f);
        WriteSingle(endPoints, 12, 2.00f);
        Assert.Equal(UdsNegativeResponseCode.PositiveResponse, earlier.Record.Block(earlier.Record.IndexOf(0x4160)).Decode(endPoints, 0));
        Assert.True(earlier.Record.Save());

        var clock = new SimulatedClock();
        var board = new BoardInputs();
        var core = new VcuCore(clock, board);
        AddDiagnostics(core, store, null);
        core.Executive.Start();

        // Half travel on the stored lines: track 1 (0.70 + 4.00) / 2 = 2.35 V, track 2 (0.35 + 2.00) / 2 = 1.175 V.
        // On the default lines (0.8 to 4.2 V, 0.4 to 2.1 V) the same voltages read (2.35 − 0.8) / 3.4 = 0.456.
        board.AcceleratorTrack1Volts = 2.35f;
        board.AcceleratorTrack2Volts = 1.175f;
        RunFor(core, clock, 1_100_000);

        Assert.Equal(CalibrationStatus.Calibrated, core.Calibration!.Record.Status);
        Assert.Equal(0.5f, core.Inputs.Accelerator.Position, 3);
        Assert.Equal(0, core.Dtcs.StatusAt(core.Dtcs.IndexOf(VcuDtc.CalibrationInvalid)) & DtcMemory.TestFailed);
    }

    [Fact]
    public void MissingRecord_SetsCalibrationDtc()
    {
        var clock = new SimulatedClock();
        var core = new VcuCore(clock, new BoardInputs());
        AddDiagnostics(core, new SimulatedFlashStore(8, 4096), null);
        core.Executive.Start();

        RunFor(core, clock, 1_100_000);

        Assert.Equal(CalibrationStatus.NotFound, core.Calibration!.Record.Status);
        Assert.Equal(0x062F00u, VcuDtc.CalibrationInvalid);
        Assert.NotEqual(0, core.Dtcs.StatusAt(core.Dtcs.IndexOf(VcuDtc.CalibrationInvalid)) & DtcMemory.TestFailed);
    }

    [Fact]
    public void ProgrammingServices_AnswerVersionIdentifier()
    {
        var clock = new SimulatedClock();
        var core = new VcuCore(clock, new BoardInputs());
        var flash = new SimulatedFlashStore(8, 4096);
        var slots = new ApplicationSlots(flash, 6, 7);
        var selector = new BootSelector(slots, BootSelector.DefaultMaxTrialBoots);
        selector.Select();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var programming = new ApplicationProgrammingHandler(slots, selector, new SimulatedSlotStore(64 * 1024), 0x00020001,
            new EcdsaImageSignatureVerifier(PublicPoint(key)), new NoReset());
        AddDiagnostics(core, flash, programming);

        // ReadDataByIdentifier 0xF1A0 (board type): 62 F1 A0 00 02 00 01.
        var buffer = new byte[16];
        core.Uds!.HandleRequest(new byte[] { 0x22, 0xF1, 0xA0 }, 3);
        int length = core.Uds.ReadResponse(buffer, 0);
        Assert.Equal(new byte[] { 0x62, 0xF1, 0xA0, 0x00, 0x02, 0x00, 0x01 }, buffer[..length]);

        // requestSeed 0x11 exists only with nine levels: a positive response 67 11 and a 4-byte seed. The programming
        // session is reached through the extended session.
        core.Uds.HandleRequest(new byte[] { 0x10, 0x03 }, 2);
        core.Uds.ReadResponse(buffer, 0);
        core.Uds.HandleRequest(new byte[] { 0x10, 0x02 }, 2);
        core.Uds.ReadResponse(buffer, 0);
        core.Uds.HandleRequest(new byte[] { 0x27, 0x11 }, 2);
        length = core.Uds.ReadResponse(buffer, 0);
        Assert.Equal(6, length);
        Assert.Equal(0x67, buffer[0]);
        Assert.Equal(0x11, buffer[1]);
    }

    [Fact]
    public void FullCoreCycle_AllocatesNothing()
    {
        var clock = new SimulatedClock();
        var board = new BoardInputs();
        var core = new VcuCore(clock, board);
        var flash = new SimulatedFlashStore(8, 4096);
        var slots = new ApplicationSlots(flash, 6, 7);
        var selector = new BootSelector(slots, BootSelector.DefaultMaxTrialBoots);
        selector.Select();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        AddDiagnostics(core, flash, new ApplicationProgrammingHandler(slots, selector, new SimulatedSlotStore(64 * 1024), 0x00020001,
            new EcdsaImageSignatureVerifier(PublicPoint(key)), new NoReset()));
        core.Executive.Start();
        RunFor(core, clock, 2_000_000);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            board.AcceleratorTrack1Volts = 0.8f + 3.4f * (i % 100) / 100f;
            board.AcceleratorTrack2Volts = 0.4f + 1.7f * (i % 100) / 100f;
            core.Executive.RunDueTasks();
            clock.Advance(10000);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static void AddDiagnostics(VcuCore core, INonVolatileStore store, ApplicationProgrammingHandler? programming)
    {
        var parameters = new ParameterRecord(VcuParameters.CreateDatabase(), store, 0, 1);
        parameters.Load();
        core.AddDiagnostics(new Network.RecordingTransmitter { Keep = false }, new BoardDiagnosticsSettings
        {
            RequestId = 0x7E0,
            ResponseId = 0x7E8,
            SecuritySecret = VcuDiagnosticsTests.Secret,
            RandomSource = new CountingRandom(),
            AttemptStore = new RamAttemptStore(),
            PartNumber = "VCU-ATV-01",
            SerialNumber = "SN000124",
            Parameters = parameters,
            DtcStore = store,
            DtcRegionA = 2,
            DtcRegionB = 3,
            CalibrationStore = store,
            CalibrationRegionA = CalibrationRegionA,
            CalibrationRegionB = CalibrationRegionB,
            Programming = programming,
        });
    }

    private static void RunFor(VcuCore core, SimulatedClock clock, long microseconds)
    {
        for (long t = 0; t < microseconds; t += 10000)
        {
            core.Executive.RunDueTasks();
            clock.Advance(10000);
        }
    }

    private static void WriteSingle(byte[] destination, int offset, float value)
    {
        int bits = BitConverter.SingleToInt32Bits(value);
        destination[offset] = (byte)(bits >> 24);
        destination[offset + 1] = (byte)(bits >> 16);
        destination[offset + 2] = (byte)(bits >> 8);
        destination[offset + 3] = (byte)bits;
    }

    private static byte[] PublicPoint(ECDsa key)
    {
        ECParameters parameters = key.ExportParameters(false);
        var point = new byte[65];
        point[0] = 0x04;
        parameters.Q.X!.CopyTo(point, 1);
        parameters.Q.Y!.CopyTo(point, 33);
        return point;
    }

    private sealed class NoReset : IUdsResetHandler
    {
        public bool IsResetAllowed(int resetType) => false;

        public void Reset(int resetType)
        {
        }
    }

    private sealed class CountingRandom : IUdsRandomSource
    {
        private uint next = 0x2468ACE0;

        public uint NextUInt32() => next++;
    }

    private sealed class RamAttemptStore : IUdsSecurityAttemptStore
    {
        private int count;

        public int LoadFailedAttempts() => count;

        public void StoreFailedAttempts(int value) => count = value;
    }
}
