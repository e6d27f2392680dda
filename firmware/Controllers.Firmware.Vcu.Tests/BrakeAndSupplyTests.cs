using Controllers.Firmware.Common.Diagnostics;
using Controllers.Firmware.Vcu.Inputs;
using Xunit;

namespace Controllers.Firmware.Vcu.Tests;

public class BrakeAndSupplyTests
{
    private static DtcMemory CreateDtcs()
    {
        var dtcs = new DtcMemory(VcuCore.DtcCapacity);
        VcuDtc.RegisterAll(dtcs);
        return dtcs;
    }

    private static bool Failed(DtcMemory dtcs, uint dtc) => (dtcs.StatusAt(dtcs.IndexOf(dtc)) & DtcMemory.TestFailed) != 0;

    [Fact]
    public void SwitchClosedPedalReleasedFaults()
    {
        var dtcs = CreateDtcs();
        var brake = new BrakePedal(new BrakePedalSettings(), dtcs);

        // Sensor at 0.5 V is 0 travel, below the 2 % that a closed switch needs.
        brake.Update(0.5f, true, 0);
        brake.Update(0.5f, true, 199000);
        Assert.False(Failed(dtcs, VcuDtc.BrakeSwitchCorrelation));
        Assert.False(brake.IsPressed);

        brake.Update(0.5f, true, 201000);
        Assert.True(Failed(dtcs, VcuDtc.BrakeSwitchCorrelation));
        Assert.Equal(PedalStatus.Limp, brake.Status);

        // Fallback: either input pressing counts as pressed.
        Assert.True(brake.IsPressed);
    }

    [Fact]
    public void SwitchOpenPedalPressedFaults()
    {
        var dtcs = CreateDtcs();
        var brake = new BrakePedal(new BrakePedalSettings(), dtcs);

        // 1.7 V is (1.7 − 0.5) / 4 = 0.3 travel, above the 20 % that an open switch allows.
        brake.Update(1.7f, false, 0);
        brake.Update(1.7f, false, 201000);

        Assert.True(Failed(dtcs, VcuDtc.BrakeSwitchCorrelation));
        Assert.True(brake.IsPressed);
    }

    [Fact]
    public void SensorOutOfRangeUsesSwitch()
    {
        var dtcs = CreateDtcs();
        var brake = new BrakePedal(new BrakePedalSettings(), dtcs);

        brake.Update(0.1f, false, 0);
        brake.Update(0.1f, false, 21000);
        Assert.True(Failed(dtcs, VcuDtc.BrakeSensorRange));
        Assert.False(brake.IsPressed);

        brake.Update(0.1f, true, 31000);
        Assert.True(brake.IsPressed);
        Assert.Equal(0.05f, brake.Position);
    }

    [Fact]
    public void UndervoltageDebounceAndHysteresis()
    {
        var dtcs = CreateDtcs();
        var supply = new SupplyMonitor(9f, 16f, 0.5f, 100000, dtcs);

        supply.Update(8.9f, 0);
        supply.Update(8.9f, 100000);
        Assert.Equal(SupplyState.Normal, supply.State);

        supply.Update(8.9f, 101000);
        Assert.Equal(SupplyState.Undervoltage, supply.State);
        Assert.True(Failed(dtcs, VcuDtc.SupplyUndervoltage));

        // 9.3 V is inside the rated range but below 9 + 0.5 V, so the fault stays.
        supply.Update(9.3f, 200000);
        supply.Update(9.3f, 400000);
        Assert.Equal(SupplyState.Undervoltage, supply.State);

        supply.Update(9.6f, 500000);
        supply.Update(9.6f, 600000);
        Assert.Equal(SupplyState.Undervoltage, supply.State);
        supply.Update(9.6f, 601000);
        Assert.Equal(SupplyState.Normal, supply.State);
        Assert.False(Failed(dtcs, VcuDtc.SupplyUndervoltage));
    }

    [Fact]
    public void OvervoltageDebounceAndHysteresis()
    {
        var dtcs = CreateDtcs();
        var supply = new SupplyMonitor(9f, 16f, 0.5f, 100000, dtcs);

        supply.Update(16.0f, 0);
        supply.Update(16.0f, 200000);
        Assert.Equal(SupplyState.Normal, supply.State);

        supply.Update(16.1f, 300000);
        supply.Update(16.1f, 401000);
        Assert.Equal(SupplyState.Overvoltage, supply.State);

        // 15.7 V is above 16 − 0.5 V, so the fault stays; 15.4 V for more than 100 ms clears it.
        supply.Update(15.7f, 500000);
        supply.Update(15.7f, 700000);
        Assert.Equal(SupplyState.Overvoltage, supply.State);

        supply.Update(15.4f, 800000);
        supply.Update(15.4f, 901000);
        Assert.Equal(SupplyState.Normal, supply.State);
    }

    [Fact]
    public void ShortDipDoesNotSetUndervoltage()
    {
        var dtcs = CreateDtcs();
        var supply = new SupplyMonitor(9f, 16f, 0.5f, 100000, dtcs);

        supply.Update(6f, 0);
        supply.Update(6f, 90000);
        supply.Update(12f, 100000);
        supply.Update(6f, 110000);
        supply.Update(6f, 200000);

        Assert.Equal(SupplyState.Normal, supply.State);
    }

    [Fact]
    public void SwitchDebouncerNeedsStablePosition()
    {
        var debouncer = new SwitchDebouncer(30000, 0);

        debouncer.Update(1, 0);
        debouncer.Update(0, 10000);
        debouncer.Update(1, 20000);
        debouncer.Update(1, 40000);
        Assert.Equal(0, debouncer.Position);

        debouncer.Update(1, 50000);
        Assert.Equal(1, debouncer.Position);
    }
}
