using System;
using Controllers.Firmware.Bms.Afe;
using Controllers.Firmware.Bms.Network;

namespace Controllers.Firmware.Bms.Boards
{
    /// <summary>
    /// Open sense wire check of a slave board through the LTC6813-1 ADOW test. Only the wires of fitted cells count:
    /// on a device with n cells on inputs 1 to n, wires C0 to C(n).
    /// </summary>
    public sealed class AfeOpenWireDetector : IOpenWireDetector
    {
        /// <summary>ADOW repetitions per current direction; the datasheet requires at least two.</summary>
        public const int Repetitions = 2;

        private readonly AfeCellVoltageSensor afe;
        private readonly bool[] openWires;
        private readonly int[] topWireOfDevice;
        private int firstOpenDevice = -1;
        private int firstOpenWire = -1;

        /// <summary>Creates the detector over the cells of <paramref name="afe"/>.</summary>
        public AfeOpenWireDetector(AfeCellVoltageSensor afe)
        {
            if (afe == null)
            {
                throw new ArgumentNullException("afe");
            }

            this.afe = afe;
            int devices = afe.Chain.DeviceCount;
            openWires = new bool[devices * Ltc6813Chain.WiresPerDevice];
            topWireOfDevice = new int[devices];
            for (int cell = 0; cell < afe.CellCount; cell++)
            {
                int device = afe.DeviceOfCell(cell);
                int input = afe.InputOfCell(cell);
                if (input > topWireOfDevice[device])
                {
                    topWireOfDevice[device] = input;
                }
            }
        }

        /// <summary>Device (0-based) of the first open wire in the latest check, or −1.</summary>
        public int FirstOpenDevice
        {
            get { return firstOpenDevice; }
        }

        /// <summary>Wire number (C0 = 0) of the first open wire in the latest check, or −1.</summary>
        public int FirstOpenWire
        {
            get { return firstOpenWire; }
        }

        /// <inheritdoc />
        public bool TryDetect(out bool anyOpen)
        {
            anyOpen = false;
            firstOpenDevice = -1;
            firstOpenWire = -1;
            if (!afe.Chain.TryCheckOpenWires(openWires, Repetitions))
            {
                return false;
            }

            for (int device = 0; device < topWireOfDevice.Length && !anyOpen; device++)
            {
                for (int wire = 0; wire <= topWireOfDevice[device]; wire++)
                {
                    if (openWires[device * Ltc6813Chain.WiresPerDevice + wire])
                    {
                        anyOpen = true;
                        firstOpenDevice = device;
                        firstOpenWire = wire;
                        break;
                    }
                }
            }

            return true;
        }
    }
}
