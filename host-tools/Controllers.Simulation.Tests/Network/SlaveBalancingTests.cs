using Controllers.Firmware.Bms.Network;
using Controllers.Firmware.Common.Can;
using Xunit;

namespace Controllers.Simulation.Tests.Network;

/// <summary>The slave's balancing safe states, fed with master frames built by the host DBC codec.</summary>
public class SlaveBalancingTests
{
    private sealed class RecordingBleed : IBleedSwitches
    {
        public uint Mask { get; private set; }

        public void SetBleedMask(uint cellMask) => Mask = cellMask;
    }

    private static CanFrame Heartbeat(int counter, bool allowed)
    {
        var frame = BmsMatrix.Encode("BMS_MasterHeartbeat", ("MasterState", 3), ("BalancingAllowed", allowed ? 1 : 0),
            ("MasterAliveCounter", counter));
        frame.Data[3] = Crc8SaeJ1850.Compute(frame.Data, 0, 3);
        return frame;
    }

    private static CanFrame Command(int slave, uint mask, int timeoutSeconds) =>
        BmsMatrix.Encode("BMS_BalancingCommand", ("BalancingSlaveAddress", slave), ("BalancingCellMask", mask),
            ("BalancingTimeout", timeoutSeconds));

    [Fact]
    public void CommandTimeout_SwitchesBleedsOff()
    {
        var bleed = new RecordingBleed();
        var balancing = new SlaveBalancing(2, 18, bleed);
        balancing.Receive(Command(2, 0b101, 2), 0);

        // Heartbeats keep coming every 100 ms; the command's own 2 s timeout ends the bleeding.
        for (int i = 0; i <= 30; i++)
        {
            long now = i * 100_000L;
            balancing.Receive(Heartbeat(i & 0xF, true), now);
            balancing.Update(now);
            if (now == 1_900_000)
            {
                Assert.Equal(0b101u, bleed.Mask);
            }
        }

        Assert.Equal(0u, bleed.Mask);
    }

    [Fact]
    public void CommandForOtherSlave_Ignored()
    {
        var bleed = new RecordingBleed();
        var balancing = new SlaveBalancing(1, 18, bleed);
        balancing.Receive(Heartbeat(0, true), 0);
        balancing.Receive(Command(2, 0b11, 10), 0);
        balancing.Update(0);
        Assert.Equal(0u, bleed.Mask);
    }

    [Fact]
    public void MaskBeyondFittedCells_Dropped()
    {
        var bleed = new RecordingBleed();
        var balancing = new SlaveBalancing(1, 6, bleed);
        balancing.Receive(Heartbeat(0, true), 0);
        balancing.Receive(Command(1, 0b1100_0001u, 10), 0);
        balancing.Update(0);

        // Six cells: bits 6 and 7 have no cell behind them.
        Assert.Equal(0b1u, bleed.Mask);
    }

    [Fact]
    public void HeartbeatWithWrongCrc_DoesNotEnable()
    {
        var bleed = new RecordingBleed();
        var balancing = new SlaveBalancing(1, 6, bleed);
        var bad = Heartbeat(0, true);
        bad.Data[3] ^= 0xFF;
        balancing.Receive(bad, 0);
        balancing.Receive(Command(1, 0b1, 10), 0);
        balancing.Update(0);

        Assert.Equal(0u, bleed.Mask);
        Assert.Equal(1, balancing.RejectedFrameCount);
    }
}
