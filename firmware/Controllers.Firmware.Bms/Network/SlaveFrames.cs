using System;
using Controllers.Firmware.Common.Can;
using Controllers.Firmware.Common.Can.Generated.Bms;

namespace Controllers.Firmware.Bms.Network
{
    /// <summary>
    /// Layout of the slave messages in boards/can/bms.dbc. Every slave uses the same layout on its own
    /// identifier (slave n adds n − 1 to slave 1's identifier), so these codecs take the slave number
    /// instead of using one generated class per slave.
    /// </summary>
    public static class SlaveFrames
    {
        /// <summary>Highest slave number that the matrix has identifiers for.</summary>
        public const int MaxSlaveCount = 8;

        /// <summary>Most cells one slave board measures.</summary>
        public const int MaxCellsPerSlave = 30;

        /// <summary>Most temperature sensors one slave board reports.</summary>
        public const int MaxTemperaturesPerSlave = 14;

        /// <summary>Cells per cell-voltage frame.</summary>
        public const int CellsPerGroup = 4;

        /// <summary>Sensors per temperature frame.</summary>
        public const int TemperaturesPerGroup = 5;

        /// <summary>Raw 13-bit cell voltage that marks a cell as not measured.</summary>
        public const uint CellVoltageNotAvailable = 8191;

        /// <summary>Raw 11-bit temperature that marks a sensor as missing or faulty.</summary>
        public const uint TemperatureNotAvailable = 2047;

        /// <summary>Slave states in <c>BMS_SlaveNHeartbeat</c>.</summary>
        public const int StateInit = 0;

        /// <summary>Slave measures; no bleed resistor is on.</summary>
        public const int StateMeasuring = 1;

        /// <summary>Slave measures with at least one bleed resistor on.</summary>
        public const int StateBalancing = 2;

        /// <summary>Slave cannot measure all its cells.</summary>
        public const int StateFault = 3;

        /// <summary>Identifier of slave <paramref name="slave"/>'s heartbeat.</summary>
        public static uint HeartbeatId(int slave)
        {
            CheckSlave(slave);
            return BMS_Slave1Heartbeat.Id + (uint)(slave - 1);
        }

        /// <summary>Identifier of slave <paramref name="slave"/>'s cell voltages.</summary>
        public static uint CellVoltagesId(int slave)
        {
            CheckSlave(slave);
            return BMS_Slave1CellVoltages.Id + (uint)(slave - 1);
        }

        /// <summary>Identifier of slave <paramref name="slave"/>'s cell temperatures.</summary>
        public static uint TemperaturesId(int slave)
        {
            CheckSlave(slave);
            return BMS_Slave1CellTemperatures.Id + (uint)(slave - 1);
        }

        /// <summary>Identifier of slave <paramref name="slave"/>'s task timing.</summary>
        public static uint TaskTimingId(int slave)
        {
            CheckSlave(slave);
            return BMS_Slave1TaskTiming.Id + (uint)(slave - 1);
        }

        /// <summary>Number of cell-voltage groups for <paramref name="cellCount"/> cells.</summary>
        public static int CellGroupCount(int cellCount)
        {
            return (cellCount + CellsPerGroup - 1) / CellsPerGroup;
        }

        /// <summary>Number of temperature groups for <paramref name="sensorCount"/> sensors.</summary>
        public static int TemperatureGroupCount(int sensorCount)
        {
            return (sensorCount + TemperaturesPerGroup - 1) / TemperaturesPerGroup;
        }

        /// <summary>
        /// Encodes cells 4g + 1 to 4g + 4 of <paramref name="cellVoltagesVolts"/> at 1 mV. Cells past
        /// <paramref name="cellCount"/> and cells whose <paramref name="valid"/> flag is false are sent as 8191.
        /// </summary>
        public static void EncodeCellVoltages(CanFrame frame, int slave, int group, float[] cellVoltagesVolts,
            int cellCount, bool valid)
        {
            PrepareFrame(frame, CellVoltagesId(slave));
            byte[] data = frame.Data;
            IntelBits.Write(data, 0, 4, (uint)group);
            for (int slot = 0; slot < CellsPerGroup; slot++)
            {
                int cell = group * CellsPerGroup + slot;
                uint raw = CellVoltageNotAvailable;
                if (valid && cell < cellCount)
                {
                    raw = ToRaw(cellVoltagesVolts[cell] * 1000f, 0f, CellVoltageNotAvailable - 1);
                }

                IntelBits.Write(data, 4 + 13 * slot, 13, raw);
            }
        }

        /// <summary>
        /// Encodes sensors 5g + 1 to 5g + 5 at 0.1 °C with offset −40 °C. Sensors past
        /// <paramref name="sensorCount"/> or without a valid reading are sent as 2047.
        /// </summary>
        public static void EncodeTemperatures(CanFrame frame, int slave, int group, float[] temperaturesCelsius,
            bool[] valid, int sensorCount)
        {
            PrepareFrame(frame, TemperaturesId(slave));
            byte[] data = frame.Data;
            IntelBits.Write(data, 0, 4, (uint)group);
            for (int slot = 0; slot < TemperaturesPerGroup; slot++)
            {
                int sensor = group * TemperaturesPerGroup + slot;
                uint raw = TemperatureNotAvailable;
                if (sensor < sensorCount && sensor < MaxTemperaturesPerSlave && valid[sensor])
                {
                    // The DBC range is −40…125 °C, raw 0…1650.
                    raw = ToRaw((temperaturesCelsius[sensor] + 40f) * 10f, 0f, 1650f);
                }

                IntelBits.Write(data, 8 + 11 * slot, 11, raw);
            }
        }

        /// <summary>Encodes a heartbeat; the CRC covers bytes 0 to 2.</summary>
        public static void EncodeHeartbeat(CanFrame frame, int slave, int state, int cellCount, bool openWireFault,
            bool measurementFault, bool balancingActive, int aliveCounter)
        {
            frame.SetId(HeartbeatId(slave), false);
            frame.IsRemote = false;
            frame.Length = 4;
            byte[] data = frame.Data;
            for (int i = 0; i < 8; i++)
            {
                data[i] = 0;
            }

            IntelBits.Write(data, 0, 4, (uint)state);
            IntelBits.Write(data, 8, 5, (uint)cellCount);
            IntelBits.Write(data, 13, 1, openWireFault ? 1u : 0u);
            IntelBits.Write(data, 14, 1, measurementFault ? 1u : 0u);
            IntelBits.Write(data, 15, 1, balancingActive ? 1u : 0u);
            IntelBits.Write(data, 16, 4, (uint)(aliveCounter & 0xF));
            data[3] = Crc8SaeJ1850.Compute(data, 0, 3);
        }

        /// <summary>Returns the slave number whose message has identifier <paramref name="id"/> and base <paramref name="baseId"/>, or 0.</summary>
        public static int SlaveOf(uint id, uint baseId)
        {
            if (id < baseId || id >= baseId + MaxSlaveCount)
            {
                return 0;
            }

            return (int)(id - baseId) + 1;
        }

        private static void PrepareFrame(CanFrame frame, uint id)
        {
            frame.SetId(id, false);
            frame.IsRemote = false;
            frame.Length = 8;
            byte[] data = frame.Data;
            for (int i = 0; i < 8; i++)
            {
                data[i] = 0;
            }
        }

        private static uint ToRaw(float scaled, float min, float max)
        {
            // NaN fails both comparisons and becomes the minimum, as in the generated codecs.
            if (!(scaled >= min))
            {
                return (uint)min;
            }

            if (scaled > max)
            {
                return (uint)max;
            }

            return (uint)(scaled + 0.5f);
        }

        private static void CheckSlave(int slave)
        {
            if (slave < 1 || slave > MaxSlaveCount)
            {
                throw new ArgumentOutOfRangeException("slave", "The slave number must be 1 to 8.");
            }
        }
    }
}
