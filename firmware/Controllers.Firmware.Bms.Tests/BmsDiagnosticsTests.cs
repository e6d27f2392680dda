using System;
using System.Collections.Generic;
using Controllers.Firmware.Bms.Contactors;
using Controllers.Firmware.Bms.Estimation;
using Controllers.Firmware.Bms.Insulation;
using Controllers.Firmware.Bms.Parameters;
using Controllers.Firmware.Bms.Protection;
using Controllers.Firmware.Common.Can;
using Controllers.Firmware.Common.Diagnostics;
using Controllers.Firmware.Common.Parameters;
using Controllers.Firmware.Common.Scheduling;
using Controllers.Firmware.Common.Storage;
using Xunit;

namespace Controllers.Firmware.Bms.Tests;

public class BmsDiagnosticsTests
{
    [Fact]
    public void ParameterDefaults_MatchSettingsClasses()
    {
        var database = BmsParameters.CreateDatabase();

        // Literal defaults from ProtectionSettings, ContactorSettings and InsulationMonitorSettings.
        Assert.Equal(3.60f, database.GetFloat(BmsParameters.CellOvervoltageWarning));
        Assert.Equal(3.70f, database.GetFloat(BmsParameters.CellOvervoltageTrip));
        Assert.Equal(2.50f, database.GetFloat(BmsParameters.CellUndervoltageTrip));
        Assert.Equal(50, database.GetInt32(BmsParameters.ContactorFeedbackTimeout));
        Assert.Equal(1000, database.GetInt32(BmsParameters.PrechargeTimeout));
        Assert.Equal(500f, database.GetFloat(BmsParameters.InsulationWarning));
        Assert.Equal(100f, database.GetFloat(BmsParameters.InsulationFault));
        Assert.True(database.GetBool(BmsParameters.InsulationPrediction));
    }

    [Fact]
    public void ApplyTo_WritesValuesIntoSettings()
    {
        var database = BmsParameters.CreateDatabase();
        Assert.True(database.TrySetFloat(BmsParameters.CellOvervoltageTrip, 3.68f));
        Assert.True(database.TrySetInt32(BmsParameters.PrechargeTimeout, 2500));
        Assert.True(database.TrySetFloat(BmsParameters.InsulationWarning, 600f));
        Assert.True(database.TrySetInt32(BmsParameters.InsulationPrediction, 0));
        var protection = new ProtectionSettings();
        var contactors = new ContactorSettings();
        var insulation = new InsulationMonitorSettings();

        BmsParameters.ApplyTo(database, protection);
        BmsParameters.ApplyTo(database, contactors);
        BmsParameters.ApplyTo(database, insulation);

        Assert.Equal(3.68f, protection.CellOvervoltage.Trip.Threshold);
        Assert.Equal(2500, contactors.PrechargeTimeoutMilliseconds);
        Assert.Equal(600f, insulation.WarningOhmsPerVolt);
        Assert.False(insulation.PredictFinalValue);
    }

    [Fact]
    public void Validator_FindsReversedInsulationLevels()
    {
        var database = BmsParameters.CreateDatabase();

        // A fault level of 800 Ω/V above the 500 Ω/V warning level: each is inside 50..5000, together invalid.
        Assert.True(database.TrySetFloat(BmsParameters.InsulationFault, 800f));

        Assert.Equal(database.IndexOf(BmsParameters.InsulationWarning), new BmsParameters().FindInconsistentParameter(database));
        Assert.False(database.TrySetFloat(BmsParameters.InsulationFault, 6000f));
    }

    [Fact]
    public void DiagnosticRequests_AllocateNothingAfterWarmUp()
    {
        var clock = new TestClock();
        var sensors = new RecordingSensors(clock, cellCount: 4, channelCount: 2, capacity: 1_000);
        var core = new BmsMasterCore(clock, sensors, sensors, sensors, TestCells.Synthetic(), new SocEstimatorSettings(), new BmsTaskPeriods(), 25f);
        var bus = new ResponseRecorder();
        var store = new RamStore(4, 2048);
        var record = new ParameterRecord(BmsParameters.CreateDatabase(), store, 0, 1);
        record.Load();
        var dtcs = new DtcMemory(4);
        dtcs.Register(0x0A0B00);
        core.EnableDiagnostics(bus, dtcs, new BoardDiagnosticsSettings
        {
            RequestId = 0x7E1,
            ResponseId = 0x7E9,
            SecuritySecret = Convert.FromHexString("B0B1B2B3B4B5B6B7B8B9BABBBCBDBEBF"),
            RandomSource = new CountingRandom(),
            AttemptStore = new RamAttemptStore(),
            PartNumber = "BMS-M-01",
            SerialNumber = "SN42",
            Parameters = record,
            ParameterValidator = new BmsParameters(),
            DtcStore = store,
            DtcRegionA = 2,
            DtcRegionB = 3,
        });
        core.Start(0.8f);

        // Parameter 0 (cellOv.warning): single frame 03 22 40 00 on 0x7E1.
        var request = new CanFrame();
        request.SetId(0x7E1, false);
        request.Length = 4;
        request.Data[0] = 0x03;
        request.Data[1] = 0x22;
        request.Data[2] = 0x40;
        request.Data[3] = 0x00;
        for (int i = 0; i < 10; i++)
        {
            Assert.True(core.OnDiagnosticFrame(request));
            RunFor(core.Executive, clock, 100_000);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            core.OnDiagnosticFrame(request);
            RunFor(core.Executive, clock, 100_000);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);

        // 3.60f = 0x40666666: response 07 62 40 00 40 66 66 66 on 0x7E9, one per request.
        Assert.Equal(110, bus.Count);
        Assert.Equal(new byte[] { 0x07, 0x62, 0x40, 0x00, 0x40, 0x66, 0x66, 0x66 }, bus.Last);
        Assert.NotNull(core.Uds);
    }

    [Fact]
    public void MissingCalibration_SetsDtcWithoutAllocating()
    {
        var clock = new TestClock();
        var sensors = new RecordingSensors(clock, cellCount: 4, channelCount: 2, capacity: 1_000);
        var core = new BmsMasterCore(clock, sensors, sensors, sensors, TestCells.Synthetic(), new SocEstimatorSettings(), new BmsTaskPeriods(), 25f);
        var store = new RamStore(6, 2048);
        var calibration = new Controllers.Firmware.Bms.Calibration.BmsCalibration(store, 4, 5, null, new Controllers.Firmware.Bms.Current.CurrentCalibration(),
            sensors, null);
        var dtcs = new DtcMemory(4);
        dtcs.Register(0x0A0B00);
        core.EnableDiagnostics(new ResponseRecorder(), dtcs, new BoardDiagnosticsSettings
        {
            RequestId = 0x7E1,
            ResponseId = 0x7E9,
            SecuritySecret = Convert.FromHexString("B0B1B2B3B4B5B6B7B8B9BABBBCBDBEBF"),
            RandomSource = new CountingRandom(),
            AttemptStore = new RamAttemptStore(),
            PartNumber = "BMS-M-01",
            SerialNumber = "SN43",
            DtcStore = store,
            DtcRegionA = 2,
            DtcRegionB = 3,
        }, calibration);
        core.Start(0.8f);
        RunFor(core.Executive, clock, 2_000_000);

        long before = GC.GetAllocatedBytesForCurrentThread();
        RunFor(core.Executive, clock, 5_000_000);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // A new board has no record: status 1 (not found), and P1A30-00 (0x1A3000) has failed.
        Assert.Equal(0, allocated);
        Assert.Same(calibration, core.Calibration);
        Assert.Equal(1, calibration.Record.Status);
        int index = dtcs.IndexOf(0x1A3000);
        Assert.True(index >= 0);
        Assert.NotEqual(0, dtcs.StatusAt(index) & DtcMemory.TestFailed);
    }

    private static void RunFor(Executive executive, TestClock clock, long durationMicroseconds)
    {
        long end = clock.NowMicroseconds + durationMicroseconds;
        while (executive.NextReleaseMicroseconds <= end)
        {
            if (executive.NextReleaseMicroseconds > clock.NowMicroseconds)
            {
                clock.AdvanceTo(executive.NextReleaseMicroseconds);
            }

            executive.RunDueTasks();
        }
    }

    private sealed class ResponseRecorder : ICanTransmitter
    {
        public int Count { get; private set; }

        public byte[] Last { get; } = new byte[8];

        public bool TrySend(CanFrame frame)
        {
            if (frame.Id == 0x7E9)
            {
                Count++;
                Array.Copy(frame.Data, Last, 8);
            }

            return true;
        }
    }

    private sealed class RamStore(int regionCount, int regionLength) : INonVolatileStore
    {
        private readonly Dictionary<int, byte[]> regions = new();

        public int RegionCount => regionCount;

        public int RegionLength => regionLength;

        public int Read(int region, byte[] buffer, int offset, int count)
        {
            if (!regions.TryGetValue(region, out byte[]? bytes))
            {
                return 0;
            }

            int length = Math.Min(count, bytes.Length);
            Array.Copy(bytes, 0, buffer, offset, length);
            return length;
        }

        public bool Write(int region, byte[] data, int offset, int count)
        {
            regions[region] = data.AsSpan(offset, count).ToArray();
            return true;
        }
    }

    private sealed class CountingRandom : IUdsRandomSource
    {
        private uint next = 1;

        public uint NextUInt32() => next++;
    }

    private sealed class RamAttemptStore : IUdsSecurityAttemptStore
    {
        private int count;

        public int LoadFailedAttempts() => count;

        public void StoreFailedAttempts(int value) => count = value;
    }
}
