using System;

namespace Controllers.Firmware.Bms.Afe
{
    /// <summary>
    /// Configuration register groups A and B (six bytes each) of every device in a daisy chain, as the host
    /// wants them written. Bit positions follow the LTC6813-1 datasheet configuration register tables as
    /// recalled (group B was not checked against a copy of that datasheet):
    /// CFGAR0 = GPIO5..GPIO1, REFON, DTEN (read only), ADCOPT; CFGAR1..3 = VUV[11:0] and VOV[11:0];
    /// CFGAR4 = DCC8..DCC1; CFGAR5 = DCTO[3:0], DCC12..DCC9; CFGBR0 = DCC16..DCC13, GPIO9..GPIO6;
    /// CFGBR1 = MUTE (read only), FDRF, PS[1:0], DTMEN, DCC0, DCC18, DCC17.
    /// </summary>
    public sealed class Ltc6813Configuration
    {
        /// <summary>Bytes in one register group.</summary>
        public const int GroupBytes = 6;

        /// <summary>Cells per device.</summary>
        public const int CellsPerDevice = 18;

        /// <summary>GPIO pins per device.</summary>
        public const int GpioCount = 9;

        /// <summary>VUV and VOV step: 16 × 100 µV (LTC6804-1 datasheet Table 46, same on the LTC6813-1).</summary>
        public const float ThresholdStepVolts = 0.0016f;

        /// <summary>Highest DCTO code (120 min).</summary>
        public const int MaxDischargeTimeoutCode = 15;

        // DCTO code to timeout in minutes, code 0 disables the timer (LTC6804-1 datasheet Table 46).
        private static readonly float[] DischargeTimeoutMinutes =
        {
            0f, 0.5f, 1f, 2f, 3f, 4f, 5f, 10f, 15f, 20f, 30f, 40f, 60f, 75f, 90f, 120f,
        };

        private readonly byte[] groupA;
        private readonly byte[] groupB;
        private readonly int deviceCount;

        /// <summary>Creates the power-on defaults for <paramref name="deviceCount"/> devices.</summary>
        public Ltc6813Configuration(int deviceCount)
        {
            if (deviceCount < 1)
            {
                throw new ArgumentOutOfRangeException("deviceCount", "The chain needs at least one device, got "
                    + deviceCount.ToString() + ".");
            }

            this.deviceCount = deviceCount;
            groupA = new byte[deviceCount * GroupBytes];
            groupB = new byte[deviceCount * GroupBytes];
            for (int device = 0; device < deviceCount; device++)
            {
                // GPIO bits 1 switch the pull-downs off, the power-on default.
                groupA[device * GroupBytes] = 0xF8;
                groupB[device * GroupBytes] = 0x0F;
            }
        }

        /// <summary>Number of devices.</summary>
        public int DeviceCount
        {
            get { return deviceCount; }
        }

        /// <summary>Timeout in minutes of DCTO <paramref name="code"/>; 0 means the discharge timer is disabled.</summary>
        public static float DischargeTimeoutMinutesForCode(int code)
        {
            if (code < 0 || code > MaxDischargeTimeoutCode)
            {
                throw new ArgumentOutOfRangeException("code", "DCTO code " + code.ToString() + " must lie in 0..15.");
            }

            return DischargeTimeoutMinutes[code];
        }

        /// <summary>Copies register group A of <paramref name="device"/> into <paramref name="target"/>.</summary>
        public void CopyGroupA(int device, byte[] target, int offset)
        {
            RequireDevice(device);
            Array.Copy(groupA, device * GroupBytes, target, offset, GroupBytes);
        }

        /// <summary>Copies register group B of <paramref name="device"/> into <paramref name="target"/>.</summary>
        public void CopyGroupB(int device, byte[] target, int offset)
        {
            RequireDevice(device);
            Array.Copy(groupB, device * GroupBytes, target, offset, GroupBytes);
        }

        /// <summary>Register byte <paramref name="index"/> (0–5) of group A of <paramref name="device"/>.</summary>
        public byte GroupA(int device, int index)
        {
            RequireDevice(device);
            return groupA[device * GroupBytes + index];
        }

        /// <summary>Register byte <paramref name="index"/> (0–5) of group B of <paramref name="device"/>.</summary>
        public byte GroupB(int device, int index)
        {
            RequireDevice(device);
            return groupB[device * GroupBytes + index];
        }

        /// <summary>Sets REFON on every device: the reference stays powered between conversions until the watchdog expires.</summary>
        public void SetReferenceOn(bool on)
        {
            SetBitAllDevices(groupA, 0, 0x04, on);
        }

        /// <summary>Sets ADCOPT on every device; <see cref="Ltc6813Command.RequiresAdcOption"/> gives the value a mode needs.</summary>
        public void SetAdcOption(bool on)
        {
            SetBitAllDevices(groupA, 0, 0x01, on);
        }

        /// <summary>Switches the pull-down of GPIO <paramref name="gpio"/> (1–9) of <paramref name="device"/> on or off.</summary>
        public void SetGpioPullDown(int device, int gpio, bool pullDownOn)
        {
            RequireDevice(device);
            if (gpio < 1 || gpio > GpioCount)
            {
                throw new ArgumentOutOfRangeException("gpio", "GPIO " + gpio.ToString() + " does not exist; use 1..9.");
            }

            // Bit 1 means pull-down off; GPIO1–5 sit in CFGAR0 bits 3–7, GPIO6–9 in CFGBR0 bits 0–3.
            if (gpio <= 5)
            {
                SetBit(groupA, device * GroupBytes, (byte)(0x08 << (gpio - 1)), !pullDownOn);
            }
            else
            {
                SetBit(groupB, device * GroupBytes, (byte)(0x01 << (gpio - 6)), !pullDownOn);
            }
        }

        /// <summary>
        /// Sets the undervoltage and overvoltage comparison voltages of every device. The chip compares with
        /// (VUV + 1) × 1.6 mV and VOV × 1.6 mV, so the values are rounded to that step.
        /// </summary>
        public void SetVoltageThresholds(float underVolts, float overVolts)
        {
            if (!(underVolts >= ThresholdStepVolts && underVolts <= 4096 * ThresholdStepVolts))
            {
                throw new ArgumentOutOfRangeException("underVolts", "Undervoltage threshold " + underVolts.ToString()
                    + " V must lie in 0.0016..6.5536 V.");
            }

            if (!(overVolts >= 0f && overVolts <= 4095 * ThresholdStepVolts) || overVolts <= underVolts)
            {
                throw new ArgumentOutOfRangeException("overVolts", "Overvoltage threshold " + overVolts.ToString()
                    + " V must lie in 0..6.552 V and above the undervoltage threshold.");
            }

            int vuv = (int)(underVolts / ThresholdStepVolts + 0.5f) - 1;
            int vov = (int)(overVolts / ThresholdStepVolts + 0.5f);
            for (int device = 0; device < deviceCount; device++)
            {
                int offset = device * GroupBytes;
                groupA[offset + 1] = (byte)vuv;
                groupA[offset + 2] = (byte)(((vov & 0x0F) << 4) | ((vuv >> 8) & 0x0F));
                groupA[offset + 3] = (byte)(vov >> 4);
            }
        }

        /// <summary>Switches the discharge (DCC) bit of cell <paramref name="cell"/> (1–18) of <paramref name="device"/>.</summary>
        public void SetDischarge(int device, int cell, bool on)
        {
            RequireDevice(device);
            RequireCell(cell);
            int offset = device * GroupBytes;
            if (cell <= 8)
            {
                SetBit(groupA, offset + 4, (byte)(1 << (cell - 1)), on);
            }
            else if (cell <= 12)
            {
                SetBit(groupA, offset + 5, (byte)(1 << (cell - 9)), on);
            }
            else if (cell <= 16)
            {
                SetBit(groupB, offset, (byte)(0x10 << (cell - 13)), on);
            }
            else
            {
                SetBit(groupB, offset + 1, (byte)(1 << (cell - 17)), on);
            }
        }

        /// <summary>True when the DCC bit of cell <paramref name="cell"/> (1–18) of <paramref name="device"/> is set.</summary>
        public bool IsDischargeSet(int device, int cell)
        {
            RequireDevice(device);
            RequireCell(cell);
            return IsDischargeBitSet(groupA, groupB, device * GroupBytes, cell);
        }

        /// <summary>Clears every DCC bit of every device.</summary>
        public void ClearDischarge()
        {
            for (int device = 0; device < deviceCount; device++)
            {
                int offset = device * GroupBytes;
                groupA[offset + 4] = 0;
                groupA[offset + 5] = (byte)(groupA[offset + 5] & 0xF0);
                groupB[offset] = (byte)(groupB[offset] & 0x0F);
                groupB[offset + 1] = (byte)(groupB[offset + 1] & 0xF8);
            }
        }

        /// <summary>Sets the discharge timeout code DCTO (0 disables, 1–15 = 0.5–120 min) on every device.</summary>
        public void SetDischargeTimeoutCode(int code)
        {
            DischargeTimeoutMinutesForCode(code);
            for (int device = 0; device < deviceCount; device++)
            {
                int offset = device * GroupBytes + 5;
                groupA[offset] = (byte)((groupA[offset] & 0x0F) | (code << 4));
            }
        }

        /// <summary>DCTO code that <see cref="SetDischargeTimeoutCode"/> last set.</summary>
        public int DischargeTimeoutCode
        {
            get { return groupA[5] >> 4; }
        }

        /// <summary>
        /// True when the DCC bit of <paramref name="cell"/> is set in register groups given as raw bytes, for
        /// example a group read back from the chip.
        /// </summary>
        public static bool IsDischargeBitSet(byte[] groupABytes, byte[] groupBBytes, int offset, int cell)
        {
            if (cell <= 8)
            {
                return (groupABytes[offset + 4] & (1 << (cell - 1))) != 0;
            }

            if (cell <= 12)
            {
                return (groupABytes[offset + 5] & (1 << (cell - 9))) != 0;
            }

            if (cell <= 16)
            {
                return (groupBBytes[offset] & (0x10 << (cell - 13))) != 0;
            }

            return (groupBBytes[offset + 1] & (1 << (cell - 17))) != 0;
        }

        private void SetBitAllDevices(byte[] group, int index, byte mask, bool on)
        {
            for (int device = 0; device < deviceCount; device++)
            {
                SetBit(group, device * GroupBytes + index, mask, on);
            }
        }

        private static void SetBit(byte[] group, int index, byte mask, bool on)
        {
            group[index] = on ? (byte)(group[index] | mask) : (byte)(group[index] & ~mask);
        }

        private void RequireDevice(int device)
        {
            if (device < 0 || device >= deviceCount)
            {
                throw new ArgumentOutOfRangeException("device", "Device " + device.ToString() + " does not exist; the chain has "
                    + deviceCount.ToString() + " devices (0.." + (deviceCount - 1).ToString() + ").");
            }
        }

        private static void RequireCell(int cell)
        {
            if (cell < 1 || cell > CellsPerDevice)
            {
                throw new ArgumentOutOfRangeException("cell", "Cell " + cell.ToString() + " does not exist; use 1..18.");
            }
        }
    }
}
