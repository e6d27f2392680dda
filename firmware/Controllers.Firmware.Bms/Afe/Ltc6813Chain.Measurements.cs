using System;

namespace Controllers.Firmware.Bms.Afe
{
    /// <summary>Conversions, register reads, the open-wire check and configuration read-back.</summary>
    public sealed partial class Ltc6813Chain
    {
        /// <summary>Cell voltage and GPIO LSB: 100 µV.</summary>
        public const float VoltsPerCode = 0.0001f;

        /// <summary>Code of a register that was cleared and not converted since.</summary>
        public const int ClearedCode = 0xFFFF;

        /// <summary>
        /// Open-wire threshold: C(n) is open when the pull-up reading of cell n + 1 minus its pull-down reading
        /// is below −400 mV (LTC6812-1 datasheet Rev. A, "Open Wire Check (ADOW Command)", the same algorithm as
        /// the LTC6813-1 with 18 cells).
        /// </summary>
        public const int OpenWireThresholdCodes = -4000;

        /// <summary>Sense wires per device, C0 to C18.</summary>
        public const int WiresPerDevice = Ltc6813Configuration.CellsPerDevice + 1;

        /// <summary>Sum-of-cells scale: SC × 100 µV × 30, recalled from the LTC6813-1 datasheet (see docs/afe.md).</summary>
        public const float SumOfCellsScale = 30f;

        private static readonly int[] CellGroupCommands =
        {
            Ltc6813Command.ReadCellVoltageA, Ltc6813Command.ReadCellVoltageB, Ltc6813Command.ReadCellVoltageC,
            Ltc6813Command.ReadCellVoltageD, Ltc6813Command.ReadCellVoltageE, Ltc6813Command.ReadCellVoltageF,
        };

        private static readonly int[] AuxiliaryGroupCommands =
        {
            Ltc6813Command.ReadAuxiliaryA, Ltc6813Command.ReadAuxiliaryB, Ltc6813Command.ReadAuxiliaryC,
            Ltc6813Command.ReadAuxiliaryD,
        };

        // Bounds the PLADC loop when the clock does not advance (a bus without transfer time).
        private const int MaxPollCount = 100000;

        private readonly byte[] pollBuffer = new byte[CommandBytes + 1];
        private readonly byte[] pollReceive = new byte[CommandBytes + 1];

        private Ltc6813AdcMode adcMode = Ltc6813AdcMode.Normal7kHz;
        private readonly ushort[] cellCodes;
        private readonly ushort[] pullUpCodes;
        private readonly ushort[] gpioCodes;
        private readonly ushort[] referenceCodes;
        private readonly ushort[] statusCodes;
        private readonly byte[] cellFlags;
        private readonly byte[] revisionBits;
        private readonly byte[] configurationReadA;
        private readonly byte[] configurationReadB;
        private long conversionStartMicroseconds;
        private long conversionDurationMicroseconds;
        private bool conversionStarted;

        /// <summary>
        /// ADC mode of the conversion commands. A mode that needs another ADCOPT value takes effect with the next
        /// <see cref="WriteConfiguration"/>.
        /// </summary>
        public Ltc6813AdcMode AdcMode
        {
            get { return adcMode; }
            set
            {
                Ltc6813Command.ModeBits(value);
                adcMode = value;
            }
        }

        /// <summary>PLADC polls that ran past twice the conversion time without the chain reporting completion.</summary>
        public int ConversionTimeoutCount { get; private set; }

        /// <summary>Clock time at which the conversion started last completes, by the datasheet conversion time.</summary>
        public long ConversionReadyMicroseconds
        {
            get { return conversionStartMicroseconds + conversionDurationMicroseconds; }
        }

        /// <summary>True when the datasheet conversion time of the last conversion command has passed.</summary>
        public bool IsConversionTimeElapsed
        {
            get { return conversionStarted && clock.NowMicroseconds >= ConversionReadyMicroseconds; }
        }

        /// <summary>Starts ADCV on every device; CH 0 converts all cells, 1–6 converts cells n, n + 6 and n + 12.</summary>
        public void StartCellConversion(int cellSelection, bool dischargePermitted)
        {
            int command = Ltc6813Command.CellConversion(adcMode, dischargePermitted, cellSelection);
            StartConversion(command, Ltc6813Timing.CellConversionMicroseconds(adcMode, cellSelection));
        }

        /// <summary>Starts ADOW with the 100 µA pull-up (<paramref name="pullUp"/> true) or pull-down current.</summary>
        public void StartOpenWireConversion(bool pullUp, int cellSelection, bool dischargePermitted)
        {
            int command = Ltc6813Command.OpenWireConversion(adcMode, pullUp, dischargePermitted, cellSelection);
            StartConversion(command, Ltc6813Timing.CellConversionMicroseconds(adcMode, cellSelection));
        }

        /// <summary>Starts ADAX; CHG 0 converts GPIO1–9 and the second reference.</summary>
        public void StartAuxiliaryConversion(int gpioSelection)
        {
            int command = Ltc6813Command.AuxiliaryConversion(adcMode, gpioSelection);
            StartConversion(command, Ltc6813Timing.AuxiliaryConversionMicroseconds(adcMode, gpioSelection));
        }

        /// <summary>Starts ADSTAT; CHST 0 converts the sum of cells, die temperature and both supplies.</summary>
        public void StartStatusConversion(int statusSelection)
        {
            int command = Ltc6813Command.StatusConversion(adcMode, statusSelection);
            StartConversion(command, Ltc6813Timing.StatusConversionMicroseconds(adcMode, statusSelection));
        }

        /// <summary>
        /// Sends PLADC once and returns true when every device has finished converting (the poll byte reads
        /// 0xFF). An unreachable chain also returns 0xFF, so a read afterwards still has to pass its PEC.
        /// </summary>
        public bool PollConversionDone()
        {
            PrepareForCommand();
            Ltc6813Command.Encode(Ltc6813Command.PollAdc, pollBuffer, 0);
            pollBuffer[CommandBytes] = 0xFF;
            bus.Transfer(pollBuffer, pollReceive, pollBuffer.Length);
            hasCommunicated = true;
            lastTransferMicroseconds = clock.NowMicroseconds;
            lastCommandMicroseconds = lastTransferMicroseconds;
            return pollReceive[CommandBytes] == 0xFF;
        }

        /// <summary>
        /// Blocks until the last conversion completes by polling with PLADC. Returns false when twice the
        /// datasheet conversion time plus 2 ms passes first; the SPI transfers themselves advance the clock.
        /// </summary>
        public bool WaitForConversion()
        {
            long limit = conversionStartMicroseconds + 2 * conversionDurationMicroseconds + 2000;
            for (int poll = 0; poll < MaxPollCount; poll++)
            {
                if (PollConversionDone())
                {
                    return true;
                }

                if (clock.NowMicroseconds > limit)
                {
                    break;
                }
            }

            ConversionTimeoutCount++;
            return false;
        }

        /// <summary>Clears the cell voltage registers of every device to 0xFF.</summary>
        public void ClearCells()
        {
            SendCommand(Ltc6813Command.ClearCells);
        }

        /// <summary>Clears the auxiliary registers of every device to 0xFF.</summary>
        public void ClearAuxiliary()
        {
            SendCommand(Ltc6813Command.ClearAuxiliary);
        }

        /// <summary>Clears the status registers of every device.</summary>
        public void ClearStatus()
        {
            SendCommand(Ltc6813Command.ClearStatus);
        }

        /// <summary>Reads cell voltage groups A–F of every device. Returns false when any group failed its PEC.</summary>
        public bool TryReadCellCodes()
        {
            return TryReadCellGroups(cellCodes);
        }

        /// <summary>Code of cell <paramref name="cell"/> (1–18) of <paramref name="device"/> from the last successful read.</summary>
        public int CellCode(int device, int cell)
        {
            RequireDeviceIndex(device);
            if (cell < 1 || cell > Ltc6813Configuration.CellsPerDevice)
            {
                throw new ArgumentOutOfRangeException("cell", "Cell " + cell.ToString() + " does not exist; use 1..18.");
            }

            return cellCodes[device * Ltc6813Configuration.CellsPerDevice + cell - 1];
        }

        /// <summary>
        /// Reads every cell and writes volts into <paramref name="cellVolts"/> (device-major, 18 per device).
        /// Returns false and leaves the buffer unchanged when a read failed.
        /// </summary>
        public bool TryReadCellVoltages(float[] cellVolts)
        {
            int count = deviceCount * Ltc6813Configuration.CellsPerDevice;
            RequireLength(cellVolts, count, "cellVolts");
            if (!TryReadCellCodes())
            {
                return false;
            }

            for (int i = 0; i < count; i++)
            {
                cellVolts[i] = cellCodes[i] * VoltsPerCode;
            }

            return true;
        }

        /// <summary>
        /// Reads auxiliary groups A–D of every device: GPIO1–9 into <paramref name="gpioVolts"/> (device-major,
        /// 9 per device) and the second reference (VREF2) into <paramref name="referenceVolts"/> (one per device).
        /// Returns false and leaves both buffers unchanged when a read failed.
        /// </summary>
        public bool TryReadAuxiliary(float[] gpioVolts, float[] referenceVolts)
        {
            RequireLength(gpioVolts, deviceCount * Ltc6813Configuration.GpioCount, "gpioVolts");
            RequireLength(referenceVolts, deviceCount, "referenceVolts");
            if (!TryReadAuxiliaryCodes())
            {
                return false;
            }

            for (int i = 0; i < gpioCodes.Length; i++)
            {
                gpioVolts[i] = gpioCodes[i] * VoltsPerCode;
            }

            for (int device = 0; device < deviceCount; device++)
            {
                referenceVolts[device] = referenceCodes[device] * VoltsPerCode;
            }

            return true;
        }

        /// <summary>
        /// Reads status groups A and B of every device; the values are then available from
        /// <see cref="SumOfCellsVolts"/>, <see cref="DieTemperatureCelsius"/>, <see cref="AnalogSupplyVolts"/>,
        /// <see cref="DigitalSupplyVolts"/> and the flag accessors.
        /// </summary>
        public bool TryReadStatus()
        {
            if (!ReadGroups(Ltc6813Command.ReadStatusA))
            {
                return false;
            }

            for (int device = 0; device < deviceCount; device++)
            {
                int offset = GroupOffset(device);
                statusCodes[device * 4] = Word(offset);
                statusCodes[device * 4 + 1] = Word(offset + 2);
                statusCodes[device * 4 + 2] = Word(offset + 4);
            }

            if (!ReadGroups(Ltc6813Command.ReadStatusB))
            {
                return false;
            }

            for (int device = 0; device < deviceCount; device++)
            {
                int offset = GroupOffset(device);
                statusCodes[device * 4 + 3] = Word(offset);
                cellFlags[device * 5] = receive[offset + 2];
                cellFlags[device * 5 + 1] = receive[offset + 3];
                cellFlags[device * 5 + 2] = receive[offset + 4];
                revisionBits[device] = receive[offset + 5];
            }

            return true;
        }

        /// <summary>Sum of all cells of <paramref name="device"/>: SC × 100 µV × 30.</summary>
        public float SumOfCellsVolts(int device)
        {
            RequireDeviceIndex(device);
            return statusCodes[device * 4] * VoltsPerCode * SumOfCellsScale;
        }

        /// <summary>Die temperature of <paramref name="device"/>: ITMP × 100 µV / 7.6 mV/°C − 276 °C, recalled from the LTC6813-1 datasheet.</summary>
        public float DieTemperatureCelsius(int device)
        {
            RequireDeviceIndex(device);
            return statusCodes[device * 4 + 1] * VoltsPerCode / 0.0076f - 276f;
        }

        /// <summary>Analog supply VREG of <paramref name="device"/>: VA × 100 µV.</summary>
        public float AnalogSupplyVolts(int device)
        {
            RequireDeviceIndex(device);
            return statusCodes[device * 4 + 2] * VoltsPerCode;
        }

        /// <summary>Digital supply VREGD of <paramref name="device"/>: VD × 100 µV.</summary>
        public float DigitalSupplyVolts(int device)
        {
            RequireDeviceIndex(device);
            return statusCodes[device * 4 + 3] * VoltsPerCode;
        }

        /// <summary>
        /// Undervoltage flag of cell <paramref name="cell"/> (1–18). Cells 1–12 come from status group B
        /// (<see cref="TryReadStatus"/>), cells 13–18 from auxiliary group D (<see cref="TryReadAuxiliary"/>).
        /// </summary>
        public bool IsCellUndervoltage(int device, int cell)
        {
            return IsFlagSet(device, cell, 0);
        }

        /// <summary>Overvoltage flag of cell <paramref name="cell"/> (1–18); see <see cref="IsCellUndervoltage"/>.</summary>
        public bool IsCellOvervoltage(int device, int cell)
        {
            return IsFlagSet(device, cell, 1);
        }

        /// <summary>Revision code REV[3:0] of <paramref name="device"/> from status group B.</summary>
        public int Revision(int device)
        {
            RequireDeviceIndex(device);
            return revisionBits[device] >> 4;
        }

        /// <summary>Thermal shutdown flag THSD of <paramref name="device"/> from status group B.</summary>
        public bool IsThermalShutdown(int device)
        {
            RequireDeviceIndex(device);
            return (revisionBits[device] & 0x01) != 0;
        }

        /// <summary>
        /// Runs the datasheet open-wire check on every device and writes, for each sense wire C0–C18, true when
        /// it is open into <paramref name="openWires"/> (device-major, 19 per device). ADOW runs
        /// <paramref name="repetitions"/> times (at least 2) with the pull-up current, then with the pull-down
        /// current; C(n) is open when Δ(n + 1) = PU(n + 1) − PD(n + 1) is below −400 mV, C0 when PU(1) reads
        /// 0.0000 V and C18 when PD(18) reads 0.0000 V. Returns false when a conversion or read failed; the
        /// buffer is then left unchanged. The cell registers hold ADOW results afterwards.
        /// </summary>
        public bool TryCheckOpenWires(bool[] openWires, int repetitions)
        {
            RequireLength(openWires, deviceCount * WiresPerDevice, "openWires");
            if (repetitions < 2 || repetitions > 50)
            {
                throw new ArgumentOutOfRangeException("repetitions", "The open-wire check needs 2..50 ADOW repetitions, got "
                    + repetitions.ToString() + ".");
            }

            if (!RunOpenWireConversions(true, repetitions) || !TryReadCellGroups(pullUpCodes))
            {
                return false;
            }

            if (!RunOpenWireConversions(false, repetitions) || !TryReadCellGroups(cellCodes))
            {
                return false;
            }

            int cells = Ltc6813Configuration.CellsPerDevice;
            for (int device = 0; device < deviceCount; device++)
            {
                int cellBase = device * cells;
                int wireBase = device * WiresPerDevice;
                openWires[wireBase] = pullUpCodes[cellBase] == 0;
                for (int wire = 1; wire < cells; wire++)
                {
                    // Δ of cell wire + 1 sits at index wire (cells are 1-based, the arrays 0-based).
                    int delta = pullUpCodes[cellBase + wire] - cellCodes[cellBase + wire];
                    openWires[wireBase + wire] = delta < OpenWireThresholdCodes;
                }

                openWires[wireBase + cells] = cellCodes[cellBase + cells - 1] == 0;
            }

            return true;
        }

        /// <summary>
        /// Reads configuration groups A and B back and compares the bits the host writes (REFON, ADCOPT, VUV,
        /// VOV, DCC0–DCC18 and the DCTO field being zero or not). Read-only bits, GPIO pin levels and the DCTO
        /// time left are ignored. Returns false on a read failure or a mismatch.
        /// </summary>
        public bool TryVerifyConfiguration()
        {
            if (!TryReadConfiguration())
            {
                return false;
            }

            int size = Ltc6813Configuration.GroupBytes;
            for (int device = 0; device < deviceCount; device++)
            {
                int offset = device * size;
                if (((configurationReadA[offset] ^ configuration.GroupA(device, 0)) & 0x05) != 0)
                {
                    return false;
                }

                for (int index = 1; index <= 4; index++)
                {
                    if (configurationReadA[offset + index] != configuration.GroupA(device, index))
                    {
                        return false;
                    }
                }

                byte writtenA5 = configuration.GroupA(device, 5);
                byte readA5 = configurationReadA[offset + 5];
                bool timerWritten = (writtenA5 >> 4) != 0;
                bool timerRead = (readA5 >> 4) != 0;
                if (((readA5 ^ writtenA5) & 0x0F) != 0 || timerWritten != timerRead)
                {
                    return false;
                }

                if (((configurationReadB[offset] ^ configuration.GroupB(device, 0)) & 0xF0) != 0
                    || ((configurationReadB[offset + 1] ^ configuration.GroupB(device, 1)) & 0x07) != 0)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Reads configuration groups A and B of every device; see <see cref="ReadBackGroupA"/>.</summary>
        public bool TryReadConfiguration()
        {
            int size = Ltc6813Configuration.GroupBytes;
            if (!ReadGroups(Ltc6813Command.ReadConfigurationA))
            {
                return false;
            }

            for (int device = 0; device < deviceCount; device++)
            {
                Array.Copy(receive, GroupOffset(device), configurationReadA, device * size, size);
            }

            if (!ReadGroups(Ltc6813Command.ReadConfigurationB))
            {
                return false;
            }

            for (int device = 0; device < deviceCount; device++)
            {
                Array.Copy(receive, GroupOffset(device), configurationReadB, device * size, size);
            }

            return true;
        }

        /// <summary>Byte <paramref name="index"/> of configuration group A of <paramref name="device"/> as last read back.</summary>
        public byte ReadBackGroupA(int device, int index)
        {
            RequireDeviceIndex(device);
            return configurationReadA[device * Ltc6813Configuration.GroupBytes + index];
        }

        /// <summary>Byte <paramref name="index"/> of configuration group B of <paramref name="device"/> as last read back.</summary>
        public byte ReadBackGroupB(int device, int index)
        {
            RequireDeviceIndex(device);
            return configurationReadB[device * Ltc6813Configuration.GroupBytes + index];
        }

        /// <summary>True when the last read-back shows the DCC bit of <paramref name="cell"/> (1–18) set.</summary>
        public bool IsDischargeReadBack(int device, int cell)
        {
            RequireDeviceIndex(device);
            if (cell < 1 || cell > Ltc6813Configuration.CellsPerDevice)
            {
                throw new ArgumentOutOfRangeException("cell", "Cell " + cell.ToString() + " does not exist; use 1..18.");
            }

            return Ltc6813Configuration.IsDischargeBitSet(configurationReadA, configurationReadB,
                device * Ltc6813Configuration.GroupBytes, cell);
        }

        /// <summary>DCTO field of <paramref name="device"/> as last read back: the time-left range, 0 when expired or disabled.</summary>
        public int DischargeTimeLeftCode(int device)
        {
            return ReadBackGroupA(device, 5) >> 4;
        }

        /// <summary>Sends MUTE: every discharge switch opens while the DCC bits stay set.</summary>
        public void MuteDischarge()
        {
            SendCommand(Ltc6813Command.Mute);
        }

        /// <summary>Sends UNMUTE: the DCC bits drive the discharge switches again.</summary>
        public void UnmuteDischarge()
        {
            SendCommand(Ltc6813Command.Unmute);
        }

        private void StartConversion(int command, long durationMicroseconds)
        {
            SendCommand(command);
            conversionStartMicroseconds = lastCommandMicroseconds;
            conversionDurationMicroseconds = durationMicroseconds;
            conversionStarted = true;
        }

        private bool RunOpenWireConversions(bool pullUp, int repetitions)
        {
            for (int i = 0; i < repetitions; i++)
            {
                StartOpenWireConversion(pullUp, 0, false);
                if (!WaitForConversion())
                {
                    return false;
                }
            }

            return true;
        }

        private bool TryReadCellGroups(ushort[] target)
        {
            int cells = Ltc6813Configuration.CellsPerDevice;
            for (int group = 0; group < CellGroupCommands.Length; group++)
            {
                if (!ReadGroups(CellGroupCommands[group]))
                {
                    return false;
                }

                for (int device = 0; device < deviceCount; device++)
                {
                    int offset = GroupOffset(device);
                    int first = device * cells + group * 3;
                    target[first] = Word(offset);
                    target[first + 1] = Word(offset + 2);
                    target[first + 2] = Word(offset + 4);
                }
            }

            return true;
        }

        private bool TryReadAuxiliaryCodes()
        {
            int gpios = Ltc6813Configuration.GpioCount;
            for (int group = 0; group < AuxiliaryGroupCommands.Length; group++)
            {
                if (!ReadGroups(AuxiliaryGroupCommands[group]))
                {
                    return false;
                }

                for (int device = 0; device < deviceCount; device++)
                {
                    int offset = GroupOffset(device);
                    int gpioBase = device * gpios;
                    if (group == 0)
                    {
                        gpioCodes[gpioBase] = Word(offset);
                        gpioCodes[gpioBase + 1] = Word(offset + 2);
                        gpioCodes[gpioBase + 2] = Word(offset + 4);
                    }
                    else if (group == 1)
                    {
                        gpioCodes[gpioBase + 3] = Word(offset);
                        gpioCodes[gpioBase + 4] = Word(offset + 2);
                        referenceCodes[device] = Word(offset + 4);
                    }
                    else if (group == 2)
                    {
                        gpioCodes[gpioBase + 5] = Word(offset);
                        gpioCodes[gpioBase + 6] = Word(offset + 2);
                        gpioCodes[gpioBase + 7] = Word(offset + 4);
                    }
                    else
                    {
                        gpioCodes[gpioBase + 8] = Word(offset);
                        cellFlags[device * 5 + 3] = receive[offset + 4];
                        cellFlags[device * 5 + 4] = receive[offset + 5];
                    }
                }
            }

            return true;
        }

        private bool IsFlagSet(int device, int cell, int bit)
        {
            RequireDeviceIndex(device);
            if (cell < 1 || cell > Ltc6813Configuration.CellsPerDevice)
            {
                throw new ArgumentOutOfRangeException("cell", "Cell " + cell.ToString() + " does not exist; use 1..18.");
            }

            // Four cells per flag byte, UV in the even bit and OV in the odd bit of each pair.
            int index = cell - 1;
            byte flags = cellFlags[device * 5 + index / 4];
            return (flags & (1 << (2 * (index % 4) + bit))) != 0;
        }

        private ushort Word(int offset)
        {
            // Register words are sent low byte first.
            return (ushort)(receive[offset] | (receive[offset + 1] << 8));
        }

        private void RequireDeviceIndex(int device)
        {
            if (device < 0 || device >= deviceCount)
            {
                throw new ArgumentOutOfRangeException("device", "Device " + device.ToString() + " does not exist; the chain has "
                    + deviceCount.ToString() + " devices.");
            }
        }

        private static void RequireLength(Array buffer, int length, string name)
        {
            if (buffer == null)
            {
                throw new ArgumentNullException(name);
            }

            if (buffer.Length < length)
            {
                throw new ArgumentException(name + " has " + buffer.Length.ToString() + " elements but needs at least "
                    + length.ToString() + ".", name);
            }
        }
    }
}
