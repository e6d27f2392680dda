using System;
using Controllers.Firmware.Common.Can;
using Controllers.Firmware.Vcu.Network;
using Xunit;

namespace Controllers.Firmware.Vcu.Tests.Network;

public class VcuCanTransmitTaskTests
{
    private readonly VcuOutputs outputs = new();
    private readonly VehicleSignals signals = new();
    private readonly RecordingTransmitter bus = new();
    private readonly VcuCanTransmitTask task;

    public VcuCanTransmitTaskTests()
    {
        task = new VcuCanTransmitTask(outputs, signals, bus, 0.12f);
    }

    private void RunFor(int periods)
    {
        for (int i = 0; i < periods; i++)
        {
            task.Run(i * VcuCanTransmitTask.PeriodMicroseconds);
        }
    }

    private static bool CrcMatches(CanFrame frame) =>
        frame.Data[frame.Length - 1] == Crc8SaeJ1850.Compute(frame.Data, 0, frame.Length - 1);

    [Fact]
    public void MessagesSentAtTheirCycleTimes()
    {
        RunFor(100);

        // One second: 10 ms → 100 frames, 20 ms → 50, 50 ms → 20, 100 ms → 10 (boards/can/vcu.dbc GenMsgCycleTime).
        Assert.Equal(100, bus.WithId(0x0A0).Count);
        Assert.Equal(50, bus.WithId(0x0C0).Count);
        Assert.Equal(20, bus.WithId(0x0B0).Count);
        Assert.Equal(10, bus.WithId(0x600).Count);
        Assert.Equal(10, bus.WithId(0x610).Count);
        Assert.Equal(0, task.DroppedFrameCount);
    }

    [Fact]
    public void TorqueCommandDecodesWithDbc()
    {
        outputs.TorqueRequestNewtonMetres = -37.4f;
        outputs.MotorMode = 1;
        outputs.Direction = 2;
        outputs.MotoringTorqueLimitNewtonMetres = 88f;
        outputs.RegenTorqueLimitNewtonMetres = 60f;

        RunFor(1);

        var values = VcuMatrix.Decode(bus.WithId(0x0A0)[0]);
        Assert.Equal(-37.4, values["TorqueRequest"], 3);
        Assert.Equal(1, values["MotorMode"]);
        Assert.Equal(2, values["Direction"]);
        Assert.Equal(88, values["MotoringTorqueLimit"]);
        Assert.Equal(60, values["RegenTorqueLimit"]);
    }

    [Fact]
    public void TorqueCommandCounterWrapsAtThreeWithCrc()
    {
        RunFor(6);

        var frames = bus.WithId(0x0A0);
        int[] expected = [0, 1, 2, 3, 0, 1];
        for (int i = 0; i < frames.Count; i++)
        {
            Assert.Equal(expected[i], VcuMatrix.Decode(frames[i])["TorqueCommandAliveCounter"]);
            Assert.True(CrcMatches(frames[i]), $"CRC of frame {i}");
        }
    }

    [Fact]
    public void TorqueCommandCrcMatchesHandComputedBytes()
    {
        // All zero: bytes 0–6 are 00, so the CRC-8/SAE-J1850 of seven zero bytes is the last byte.
        RunFor(1);
        var frame = bus.WithId(0x0A0)[0];

        for (int i = 0; i < 7; i++)
        {
            Assert.Equal(0, frame.Data[i]);
        }

        // CRC-8/SAE-J1850 (poly 0x1D, init 0xFF, xorout 0xFF; catalogue check value 0x4B for "123456789") of seven
        // zero bytes, computed bit by bit outside this code: register FF → C4 → 41 → 0E → A6 → EF → 09 → F5,
        // final XOR FF → 0x0A.
        Assert.Equal(0x0A, frame.Data[7]);
    }

    [Fact]
    public void HvAndGeneratorRequestsCarryCounterAndCrc()
    {
        outputs.HvConnectRequest = 1;
        outputs.HvilClosed = true;
        outputs.GeneratorMode = 3;
        outputs.GeneratorPowerRequestWatts = 12500f;
        outputs.GeneratorSpeedRequestRpm = 3600f;
        outputs.GeneratorMaxDcAmperes = 45f;
        RunFor(10);

        var hv = bus.WithId(0x0C0);
        Assert.Equal(1, VcuMatrix.Decode(hv[0])["HvConnectRequest"]);
        Assert.Equal(1, VcuMatrix.Decode(hv[0])["HvilClosed"]);
        Assert.Equal(4, VcuMatrix.Decode(hv[4])["HvRequestAliveCounter"]);
        Assert.All(hv, frame => Assert.True(CrcMatches(frame)));

        var generator = bus.WithId(0x0B0);
        var values = VcuMatrix.Decode(generator[1]);
        Assert.Equal(3, values["GeneratorMode"]);
        Assert.Equal(12.5, values["GeneratorPowerRequest"], 3);
        Assert.Equal(3600, values["GeneratorSpeedRequest"]);
        Assert.Equal(45, values["GeneratorMaxDcCurrent"]);
        Assert.Equal(1, values["GeneratorCommandAliveCounter"]);
        Assert.All(generator, frame => Assert.True(CrcMatches(frame)));
    }

    [Fact]
    public void ChargerRequestAndDashboardDecode()
    {
        outputs.ChargerEnable = true;
        outputs.ChargeVoltageRequestVolts = 365.2f;
        outputs.ChargeCurrentRequestAmperes = 16.5f;
        outputs.MotorMode = 1;
        outputs.Direction = 1;
        signals.MotorSpeedRadiansPerSecond = 250f;
        signals.PackSoc = 0.63f;
        signals.BmsValid = true;
        signals.FuelLevelPercent = 8f;
        RunFor(1);

        var charger = VcuMatrix.Decode(bus.WithId(0x600)[0]);
        Assert.Equal(365.2, charger["ChargeVoltageRequest"], 2);
        Assert.Equal(16.5, charger["ChargeCurrentRequest"], 2);
        Assert.Equal(1, charger["ChargerEnable"]);

        // 250 rad/s × 0.12 km/h per rad/s = 30 km/h.
        var dashboard = VcuMatrix.Decode(bus.WithId(0x610)[0]);
        Assert.Equal(30, dashboard["VehicleSpeed"], 2);
        Assert.Equal(63, dashboard["DisplayedSoc"]);
        Assert.Equal(3, dashboard["Gear"]);
        Assert.Equal(1, dashboard["ReadyLamp"]);
        Assert.Equal(0, dashboard["BatteryWarningLamp"]);
        Assert.Equal(1, dashboard["LowFuelWarningLamp"]);
    }

    [Fact]
    public void RunDoesNotAllocate()
    {
        bus.Keep = false;
        RunFor(10);

        long before = GC.GetAllocatedBytesForCurrentThread();
        RunFor(1000);

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
