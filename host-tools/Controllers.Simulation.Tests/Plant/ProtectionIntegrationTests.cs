using System;
using Controllers.Firmware.Bms;
using Controllers.Firmware.Bms.Contactors;
using Controllers.Firmware.Bms.Protection;
using Controllers.Firmware.Common.Can;
using Controllers.Firmware.Common.Can.Generated.Bms;
using Controllers.Firmware.Common.Diagnostics;
using Controllers.Firmware.Common.Hal;
using Controllers.Simulation.Boards;
using Controllers.Simulation.Plant;
using Xunit;

namespace Controllers.Simulation.Tests.Plant;

public class ProtectionIntegrationTests
{
    /// <summary>Cell voltages and temperatures that the test sets directly; reads take no simulated time.</summary>
    private sealed class SettableSensors : ICellVoltageSensor, ITemperatureSensor
    {
        public readonly float[] CellVolts;
        public readonly float[] Celsius = { 25f, 25f };

        public SettableSensors(int cellCount, float volts)
        {
            CellVolts = new float[cellCount];
            Array.Fill(CellVolts, volts);
        }

        public int CellCount => CellVolts.Length;

        public int ChannelCount => Celsius.Length;

        public bool TryRead(float[] cellVoltagesVolts)
        {
            Array.Copy(CellVolts, cellVoltagesVolts, CellVolts.Length);
            return true;
        }

        public bool TryReadCelsius(int channel, out float temperatureCelsius)
        {
            temperatureCelsius = Celsius[channel];
            return true;
        }
    }

    private sealed class Board
    {
        public readonly SimulatedClock Clock = new();
        public readonly ContactorPlant Plant;
        public readonly SettableSensors Sensors = new(100, 3.3f);
        public readonly BmsMasterCore Core;
        public readonly ContactorController Contactors;

        public Board()
        {
            // 100 cells at 3.3 V: the pack voltage equals the sum of cells, so plausibility passes.
            Plant = new ContactorPlant(Clock) { PackVolts = 330.0 };
            var definition = BoardDefinitionFile.Load(RepositoryPaths.BmsMaster1sBoard);
            Core = new BmsMasterCore(Clock, Sensors, Plant, Sensors, definition.Cell.Parameters, definition.Estimator,
                new BmsTaskPeriods(), 25f);
            var dtcs = new DtcMemory(BmsDtcTable.DtcCount);
            var monitor = new ProtectionMonitor(new ProtectionSettings(), dtcs);
            var log = new ContactorWearLog(new SimulatedContactorWearStore());
            log.Load();
            Contactors = new ContactorController(Plant, new ContactorSettings(), dtcs, log);
            Core.EnableProtection(monitor, Plant, Contactors, Plant);
            Core.Start(0.5f);
        }

        public void RunUntil(long endMicroseconds)
        {
            while (Core.Executive.NextReleaseMicroseconds <= endMicroseconds)
            {
                Clock.AdvanceTo(Math.Max(Clock.NowMicroseconds, Core.Executive.NextReleaseMicroseconds));
                Core.Executive.RunDueTasks();
            }
        }
    }

    [Fact]
    public void CellOvervoltage_OpensContactorsAtOnce()
    {
        var board = new Board();
        board.Contactors.RequestClose();
        board.RunUntil(1_000_000);
        Assert.Equal(ContactorState.Closed, board.Contactors.State);
        board.Plant.LoadCurrentAmperes = 50.0;
        board.RunUntil(2_000_000);
        Assert.Equal(ProtectionLevel.None, board.Core.Protection!.HighestLevel);

        // One cell at 3.75 V from the 2.1 s sample. The 200 ms trip set time ends at the 2.3 s sample.
        // The contactor task runs last in that period, so it releases the coils then, without a zero-current request.
        board.Sensors.CellVolts[7] = 3.75f;
        board.RunUntil(2_290_000);
        Assert.True(board.Plant.IsCoilEnergized(ContactorId.Positive));
        board.RunUntil(2_300_000);

        Assert.Equal(ContactorOpenRequest.Emergency, board.Core.Protection.OpenRequest);
        Assert.False(board.Plant.IsCoilEnergized(ContactorId.Positive));
        Assert.False(board.Plant.IsCoilEnergized(ContactorId.Negative));
        Assert.Equal(1u, board.Contactors.WearLog.Record.GetLoadBreaks(ContactorId.Positive));
        Assert.Equal(50f, board.Contactors.WearLog.Record.GetMaximumBreakAmperes(ContactorId.Positive), 0.1f);
    }

    [Fact]
    public void StatusMessages_EncodeTripAndContactors()
    {
        var board = new Board();
        board.Contactors.RequestClose();
        board.RunUntil(1_000_000);
        var frame = new CanFrame();

        // BMS_ContactorStatus: positive closed (bits 0-1 = 1), negative closed (bits 2-3 = 1), precharge open.
        var status = new BMS_ContactorStatus();
        BmsStatusSignals.FillContactorStatus(status, board.Contactors);
        status.Encode(frame);
        Assert.Equal(0x05, frame.Data[0]);

        // Overvoltage from the 2.1 s sample as in the test above. By 2.3 s it has lasted 200 ms, so the trip
        // (200 ms) has set but not the derate (500 ms) or the warning (1000 ms).
        board.RunUntil(2_000_000);
        board.Sensors.CellVolts[7] = 3.75f;
        board.RunUntil(2_300_000);
        var summary = new BMS_FaultSummary();
        BmsStatusSignals.FillFaultSummary(summary, board.Core.Protection!, board.Contactors);
        summary.Encode(frame);

        Assert.Equal(0x03, frame.Data[0]); // FaultLevel 3, ContactorsOpening
        Assert.Equal(0x01, frame.Data[1]); // ActiveDtcCount
        Assert.Equal(0x03, frame.Data[2]); // MostSevereDtc 0x1A0103, Intel byte order
        Assert.Equal(0x01, frame.Data[3]);
        Assert.Equal(0x1A, frame.Data[4]);
        Assert.Equal(0x01, frame.Data[5]); // bit 40: CellOvervoltageFlag
        Assert.Equal(0x00, frame.Data[6]);

        // Charge scale 0 (overvoltage limits charging), discharge scale 1. With 180 A rated at 330 V:
        // discharge 180 A = raw 1800 = 0x0708 at bit 48, 180 · 330 / 1000 = 59.4 kW = raw 594 = 0x0252 at bit 16.
        var limits = new BMS_PowerLimits();
        BmsStatusSignals.FillPowerLimits(limits, board.Core.Protection!, 180f, 180f, 330f);
        limits.Encode(frame);
        Assert.Equal(new byte[] { 0x00, 0x00, 0x52, 0x02, 0x00, 0x00, 0x08, 0x07 }, frame.Data[..8]);
    }

    [Fact]
    public void CellUndervoltage_RequestsZeroCurrentFirst()
    {
        var board = new Board();
        board.Contactors.RequestClose();
        board.RunUntil(1_000_000);
        board.Plant.LoadCurrentAmperes = 50.0;

        // 2.4 V from the 1.1 s sample; the 1000 ms trip set time ends at the 2.1 s sample.
        board.Sensors.CellVolts[3] = 2.4f;
        board.RunUntil(2_100_000);

        Assert.Equal(ContactorOpenRequest.Normal, board.Core.Protection!.OpenRequest);
        Assert.True(board.Contactors.ZeroCurrentRequested);
        Assert.True(board.Plant.IsCoilEnergized(ContactorId.Positive));

        // The load stops 100 ms later; the contactors open at the next 10 ms step at no load.
        board.RunUntil(2_200_000);
        board.Plant.LoadCurrentAmperes = 0.0;
        board.RunUntil(2_210_000);
        Assert.False(board.Plant.IsCoilEnergized(ContactorId.Positive));
        Assert.Equal(1u, board.Contactors.WearLog.Record.GetNoLoadBreaks(ContactorId.Positive));

        // The latched trip blocks a new close request.
        board.Contactors.RequestClose();
        board.RunUntil(2_500_000);
        Assert.False(board.Plant.IsCoilEnergized(ContactorId.Negative));
    }
}
