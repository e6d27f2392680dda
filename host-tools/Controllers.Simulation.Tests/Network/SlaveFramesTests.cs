using System;
using Controllers.Firmware.Bms.Network;
using Controllers.Firmware.Common.Can;
using Xunit;

namespace Controllers.Simulation.Tests.Network;

/// <summary>The firmware's hand-written slave frames decoded by the host DBC codec of boards/can/bms.dbc.</summary>
public class SlaveFramesTests
{
    [Fact]
    public void CellVoltages_DecodeToMillivoltsInTheirGroup()
    {
        var volts = new float[30];
        for (int i = 0; i < volts.Length; i++)
        {
            volts[i] = 3.0f + 0.0123f * i;
        }

        var frame = new CanFrame();
        SlaveFrames.EncodeCellVoltages(frame, 3, 2, volts, 30, true);
        var values = BmsMatrix.Decode(frame);

        // Slave 3 sends on 0x300 + 2; group 2 carries cells 9 to 12.
        Assert.Equal(0x302u, frame.Id);
        Assert.Equal(2, values["Slave3CellVoltageGroup"]);
        Assert.Equal(Math.Round(3.0 + 0.0123 * 8, 3) * 1000, values["Slave3Cell09Voltage"], 0.001);
        Assert.Equal(Math.Round(3.0 + 0.0123 * 11, 3) * 1000, values["Slave3Cell12Voltage"], 0.001);
        Assert.False(values.ContainsKey("Slave3Cell01Voltage"));
    }

    [Fact]
    public void CellVoltages_PastCellCountOrInvalid_Are8191()
    {
        var volts = new float[30];
        Array.Fill(volts, 3.7f);
        var frame = new CanFrame();
        SlaveFrames.EncodeCellVoltages(frame, 1, 7, volts, 30, true);
        var values = BmsMatrix.Decode(frame);
        Assert.Equal(3700, values["Slave1Cell29Voltage"]);
        Assert.Equal(3700, values["Slave1Cell30Voltage"]);
        Assert.Equal(8191, values["Slave1Cell31Voltage"]);
        Assert.Equal(8191, values["Slave1Cell32Voltage"]);

        SlaveFrames.EncodeCellVoltages(frame, 1, 0, volts, 30, false);
        Assert.Equal(8191, BmsMatrix.Decode(frame)["Slave1Cell01Voltage"]);
    }

    [Fact]
    public void Temperatures_DecodeAtOneTenthDegree()
    {
        var celsius = new float[14];
        var valid = new bool[14];
        for (int i = 0; i < 14; i++)
        {
            celsius[i] = -39.97f + 9.3f * i;
            valid[i] = true;
        }

        valid[11] = false;
        var frame = new CanFrame();
        SlaveFrames.EncodeTemperatures(frame, 8, 2, celsius, valid, 14);
        var values = BmsMatrix.Decode(frame);

        // Group 2 carries sensors 11 to 14. Sensor 11 is −39.97 + 93 = 53.03 °C, raw 930 (53.0 °C); sensor 14 is
        // −39.97 + 120.9 = 80.93 °C, raw 1209 (80.9 °C); the invalid sensor 12 is raw 2047.
        Assert.Equal(0x387u, frame.Id);
        Assert.Equal(53.0, values["Slave8Temperature11"], 6);
        Assert.Equal(2047 * 0.1 - 40, values["Slave8Temperature12"], 6);
        Assert.Equal(80.9, values["Slave8Temperature14"], 6);
    }

    [Fact]
    public void Heartbeat_DecodesWithCrc()
    {
        var frame = new CanFrame();
        SlaveFrames.EncodeHeartbeat(frame, 2, SlaveFrames.StateBalancing, 18, true, false, true, 9);
        var values = BmsMatrix.Decode(frame);

        Assert.Equal(0x121u, frame.Id);
        Assert.Equal(2, values["Slave2State"]);
        Assert.Equal(18, values["Slave2CellCount"]);
        Assert.Equal(1, values["Slave2OpenWireFault"]);
        Assert.Equal(0, values["Slave2MeasurementFault"]);
        Assert.Equal(1, values["Slave2BalancingActive"]);
        Assert.Equal(9, values["Slave2AliveCounter"]);
        Assert.Equal(Crc8SaeJ1850.Compute(frame.Data, 0, 3), (byte)values["Slave2HeartbeatCrc"]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(9)]
    public void SlaveNumberOutsideMatrix_Rejected(int slave)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SlaveFrames.CellVoltagesId(slave));
    }
}
