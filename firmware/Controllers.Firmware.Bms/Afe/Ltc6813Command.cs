using System;

namespace Controllers.Firmware.Bms.Afe
{
    /// <summary>
    /// 11-bit command codes of the LTC6813-1 and encoders for the conversion commands. A command is sent as
    /// CMD0 (five zero bits, then CC[10:8]) and CMD1 (CC[7:0]), followed by its PEC.
    /// NOTE: the codes are recalled from the command code table of the LTC6813-1 datasheet and were not
    /// checked against a copy of it; docs/afe.md lists what needs that check.
    /// </summary>
    public static class Ltc6813Command
    {
        /// <summary>Write configuration register group A.</summary>
        public const int WriteConfigurationA = 0x001;

        /// <summary>Write configuration register group B (DCC13–DCC18, GPIO6–GPIO9 pull-downs).</summary>
        public const int WriteConfigurationB = 0x024;

        /// <summary>Read configuration register group A.</summary>
        public const int ReadConfigurationA = 0x002;

        /// <summary>Read configuration register group B.</summary>
        public const int ReadConfigurationB = 0x026;

        /// <summary>Read cell voltage register group A (cells 1–3).</summary>
        public const int ReadCellVoltageA = 0x004;

        /// <summary>Read cell voltage register group B (cells 4–6).</summary>
        public const int ReadCellVoltageB = 0x006;

        /// <summary>Read cell voltage register group C (cells 7–9).</summary>
        public const int ReadCellVoltageC = 0x008;

        /// <summary>Read cell voltage register group D (cells 10–12).</summary>
        public const int ReadCellVoltageD = 0x00A;

        /// <summary>Read cell voltage register group E (cells 13–15).</summary>
        public const int ReadCellVoltageE = 0x009;

        /// <summary>Read cell voltage register group F (cells 16–18).</summary>
        public const int ReadCellVoltageF = 0x00B;

        /// <summary>Read auxiliary register group A (GPIO1–GPIO3).</summary>
        public const int ReadAuxiliaryA = 0x00C;

        /// <summary>Read auxiliary register group B (GPIO4, GPIO5, second reference).</summary>
        public const int ReadAuxiliaryB = 0x00E;

        /// <summary>Read auxiliary register group C (GPIO6–GPIO8).</summary>
        public const int ReadAuxiliaryC = 0x00D;

        /// <summary>Read auxiliary register group D (GPIO9, OV/UV flags of cells 13–18).</summary>
        public const int ReadAuxiliaryD = 0x00F;

        /// <summary>Read status register group A (sum of cells, die temperature, analog supply).</summary>
        public const int ReadStatusA = 0x010;

        /// <summary>Read status register group B (digital supply, OV/UV flags of cells 1–12, revision).</summary>
        public const int ReadStatusB = 0x012;

        /// <summary>Clear the cell voltage registers to 0xFF.</summary>
        public const int ClearCells = 0x711;

        /// <summary>Clear the auxiliary registers to 0xFF.</summary>
        public const int ClearAuxiliary = 0x712;

        /// <summary>Clear the status registers to 0xFF.</summary>
        public const int ClearStatus = 0x713;

        /// <summary>Poll ADC conversion status: the device returns 0x00 bytes while converting, 0xFF when done.</summary>
        public const int PollAdc = 0x714;

        /// <summary>Turn every discharge switch off without changing the DCC bits.</summary>
        public const int Mute = 0x028;

        /// <summary>Let the DCC bits drive the discharge switches again.</summary>
        public const int Unmute = 0x029;

        /// <summary>Base code of ADCV, 01MD 11DCP 0CH.</summary>
        public const int CellConversionBase = 0x260;

        /// <summary>Base code of ADOW, 01MD PUP1DCP 1CH.</summary>
        public const int OpenWireConversionBase = 0x228;

        /// <summary>Base code of ADAX, 10MD 1100 CHG.</summary>
        public const int AuxiliaryConversionBase = 0x460;

        /// <summary>Base code of ADSTAT, 10MD 1101 CHST.</summary>
        public const int StatusConversionBase = 0x468;

        /// <summary>Highest CH value: 0 converts all cells, n (1–6) converts cells n, n + 6 and n + 12.</summary>
        public const int MaxCellSelection = 6;

        /// <summary>
        /// Highest CHG value: 0 converts GPIO1–5, the second reference and GPIO6–9; 1–4 convert GPIO n and
        /// GPIO n + 5; 5 converts GPIO5; 6 converts the second reference.
        /// </summary>
        public const int MaxGpioSelection = 6;

        /// <summary>Highest CHST value: 0 converts SC, ITMP, VA and VD; 1–4 convert SC, ITMP, VA or VD alone.</summary>
        public const int MaxStatusSelection = 4;

        /// <summary>MD[1:0] bits of <paramref name="mode"/>.</summary>
        public static int ModeBits(Ltc6813AdcMode mode)
        {
            switch (mode)
            {
                case Ltc6813AdcMode.Fast27kHz:
                case Ltc6813AdcMode.Mode14kHz:
                    return 1;
                case Ltc6813AdcMode.Normal7kHz:
                case Ltc6813AdcMode.Mode3kHz:
                    return 2;
                case Ltc6813AdcMode.Filtered26Hz:
                case Ltc6813AdcMode.Mode2kHz:
                    return 3;
                case Ltc6813AdcMode.Mode422Hz:
                case Ltc6813AdcMode.Mode1kHz:
                    return 0;
                default:
                    throw new ArgumentOutOfRangeException("mode", "ADC mode " + ((int)mode).ToString() + " is not defined.");
            }
        }

        /// <summary>ADCOPT value that <paramref name="mode"/> needs in configuration register A.</summary>
        public static bool RequiresAdcOption(Ltc6813AdcMode mode)
        {
            return mode == Ltc6813AdcMode.Mode14kHz || mode == Ltc6813AdcMode.Mode3kHz
                || mode == Ltc6813AdcMode.Mode2kHz || mode == Ltc6813AdcMode.Mode1kHz;
        }

        /// <summary>Encodes ADCV (cell conversion) with discharge permitted or not and a CH cell selection.</summary>
        public static int CellConversion(Ltc6813AdcMode mode, bool dischargePermitted, int cellSelection)
        {
            RequireRange(cellSelection, MaxCellSelection, "cellSelection");
            return CellConversionBase | (ModeBits(mode) << 7) | (dischargePermitted ? 0x10 : 0) | cellSelection;
        }

        /// <summary>
        /// Encodes ADOW (open-wire conversion): <paramref name="pullUp"/> selects the 100 µA pull-up (PUP 1) or
        /// pull-down (PUP 0) current.
        /// </summary>
        public static int OpenWireConversion(Ltc6813AdcMode mode, bool pullUp, bool dischargePermitted, int cellSelection)
        {
            RequireRange(cellSelection, MaxCellSelection, "cellSelection");
            return OpenWireConversionBase | (ModeBits(mode) << 7) | (pullUp ? 0x40 : 0) | (dischargePermitted ? 0x10 : 0)
                | cellSelection;
        }

        /// <summary>Encodes ADAX (GPIO and second-reference conversion) with a CHG selection.</summary>
        public static int AuxiliaryConversion(Ltc6813AdcMode mode, int gpioSelection)
        {
            RequireRange(gpioSelection, MaxGpioSelection, "gpioSelection");
            return AuxiliaryConversionBase | (ModeBits(mode) << 7) | gpioSelection;
        }

        /// <summary>Encodes ADSTAT (internal parameter conversion) with a CHST selection.</summary>
        public static int StatusConversion(Ltc6813AdcMode mode, int statusSelection)
        {
            RequireRange(statusSelection, MaxStatusSelection, "statusSelection");
            return StatusConversionBase | (ModeBits(mode) << 7) | statusSelection;
        }

        /// <summary>
        /// Writes the command bytes CMD0 and CMD1 and their PEC into <paramref name="buffer"/> from
        /// <paramref name="offset"/> (four bytes).
        /// </summary>
        public static void Encode(int command, byte[] buffer, int offset)
        {
            if (command < 0 || command > 0x7FF)
            {
                throw new ArgumentOutOfRangeException("command", "Command code 0x" + command.ToString("X") + " does not fit in 11 bits.");
            }

            buffer[offset] = (byte)(command >> 8);
            buffer[offset + 1] = (byte)command;
            Pec15.Append(buffer, offset, 2);
        }

        private static void RequireRange(int value, int maximum, string name)
        {
            if (value < 0 || value > maximum)
            {
                throw new ArgumentOutOfRangeException(name, name + " is " + value.ToString() + " but must lie in 0.."
                    + maximum.ToString() + ".");
            }
        }
    }
}
