using Controllers.Firmware.Bms.Network;
using Controllers.Firmware.Common.Can;
using Xunit;

namespace Controllers.Simulation.Tests.Network;

/// <summary>The master's slave link fed with frames built by the host DBC codec.</summary>
public class SlaveLinkTests
{
    private static CanFrame Heartbeat(int slave, int cellCount, int counter, bool openWire = false)
    {
        string p = "Slave" + slave;
        var frame = BmsMatrix.Encode($"BMS_{p}Heartbeat", ($"{p}State", 1), ($"{p}CellCount", cellCount),
            ($"{p}OpenWireFault", openWire ? 1 : 0), ($"{p}AliveCounter", counter));
        frame.Data[3] = Crc8SaeJ1850.Compute(frame.Data, 0, 3);
        return frame;
    }

    private static void SendAllCells(SlaveLink link, int slave, int cellCount, double volts, long now)
    {
        string p = "Slave" + slave;
        for (int group = 0; group * 4 < cellCount; group++)
        {
            var values = new (string, double)[5];
            values[0] = ($"{p}CellVoltageGroup", group);
            for (int slot = 0; slot < 4; slot++)
            {
                int cell = group * 4 + slot + 1;
                values[slot + 1] = ($"{p}Cell{cell:00}Voltage", cell <= cellCount ? volts * 1000 + cell : 8191);
            }

            link.Receive(BmsMatrix.Encode($"BMS_{p}CellVoltages", values), now);
        }
    }

    [Fact]
    public void CellsOfTwoSlaves_LandInPackOrder()
    {
        var link = new SlaveLink([6, 30], [2, 14]);
        link.Receive(Heartbeat(1, 6, 0), 0);
        link.Receive(Heartbeat(2, 30, 0), 0);
        SendAllCells(link, 1, 6, 3.2, 1000);
        SendAllCells(link, 2, 30, 3.6, 1000);
        link.Update(2000);

        Assert.False(link.AnySlaveLost);
        Assert.Equal(36, link.CellCount);
        // Slave 1's cell n is 3200 + n mV; slave 2's cells follow from index 6.
        Assert.Equal(3.201f, link.CellVoltagesVolts[0], 4);
        Assert.Equal(3.206f, link.CellVoltagesVolts[5], 4);
        Assert.Equal(3.601f, link.CellVoltagesVolts[6], 4);
        Assert.Equal(3.630f, link.CellVoltagesVolts[35], 4);
        Assert.Equal(6, link.GetFirstCell(2));
    }

    [Fact]
    public void Temperatures_DecodeAndInvalidRawMarksSensorInvalid()
    {
        var link = new SlaveLink([6], [7]);
        link.Receive(BmsMatrix.Encode("BMS_Slave1CellTemperatures", ("Slave1TemperatureGroup", 1),
            ("Slave1Temperature06", 24.7), ("Slave1Temperature07", 2047 * 0.1 - 40)), 0);

        Assert.Equal(24.7f, link.TemperaturesCelsius[5], 4);
        Assert.True(link.IsTemperatureValid(5));
        Assert.False(link.IsTemperatureValid(6));
    }

    [Fact]
    public void HeartbeatMissingFor500Ms_SlaveLost()
    {
        var link = new SlaveLink([6], [1]);
        link.Receive(Heartbeat(1, 6, 0), 0);
        SendAllCells(link, 1, 6, 3.3, 0);
        SendAllCells(link, 1, 6, 3.3, 400_000);
        link.Update(500_000);
        Assert.False(link.IsSlaveLost(1));

        link.Update(500_001);
        Assert.True(link.IsSlaveLost(1));
    }

    [Fact]
    public void StaleCellVoltages_SlaveLost()
    {
        var link = new SlaveLink([6], [1]);
        link.Receive(Heartbeat(1, 6, 0), 0);
        SendAllCells(link, 1, 6, 3.3, 0);
        link.Receive(Heartbeat(1, 6, 1), 200_000);
        link.Update(250_000);
        Assert.False(link.IsSlaveLost(1));

        // The heartbeat is fresh but the voltages are older than 250 ms.
        link.Update(250_001);
        Assert.True(link.IsSlaveLost(1));
    }

    [Fact]
    public void BadCrcOrRepeatedCounter_Rejected()
    {
        var link = new SlaveLink([6], [1]);
        var bad = Heartbeat(1, 6, 3);
        bad.Data[3] ^= 0x01;
        link.Receive(bad, 0);
        SendAllCells(link, 1, 6, 3.3, 0);
        link.Update(1);
        Assert.True(link.IsSlaveLost(1));
        Assert.Equal(1, link.RejectedFrameCount);

        link.Receive(Heartbeat(1, 6, 3), 10);
        link.Receive(Heartbeat(1, 6, 3), 20);
        Assert.Equal(2, link.RejectedFrameCount);
    }

    [Fact]
    public void WrongCellCountInHeartbeat_SlaveLost()
    {
        var link = new SlaveLink([18], [1]);
        link.Receive(Heartbeat(1, 12, 0), 0);
        SendAllCells(link, 1, 18, 3.3, 0);
        link.Update(1);
        Assert.True(link.IsSlaveLost(1));
    }

    [Fact]
    public void GroupBeyondCellCount_Rejected()
    {
        var link = new SlaveLink([6], [1]);
        link.Receive(BmsMatrix.Encode("BMS_Slave1CellVoltages", ("Slave1CellVoltageGroup", 5)), 0);
        Assert.Equal(1, link.RejectedFrameCount);
    }

    [Fact]
    public void OpenWireFlag_Reported()
    {
        var link = new SlaveLink([6], [1]);
        link.Receive(Heartbeat(1, 6, 0, openWire: true), 0);
        Assert.True(link.HasOpenWire(1));
    }

    [Fact]
    public void InvalidConfiguration_Rejected()
    {
        Assert.Throws<System.ArgumentOutOfRangeException>(() => new SlaveLink([5], [1]));
        Assert.Throws<System.ArgumentOutOfRangeException>(() => new SlaveLink([31], [1]));
        Assert.Throws<System.ArgumentException>(() => new SlaveLink(new int[9], new int[9]));
    }
}
