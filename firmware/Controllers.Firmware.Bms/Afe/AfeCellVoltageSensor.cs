using System;
using Controllers.Firmware.Common.Hal;

namespace Controllers.Firmware.Bms.Afe
{
    /// <summary>
    /// Cell voltage sensor of a slave board on an LTC6813-1 chain. The board's cells are numbered from the
    /// bottom of device 0 upwards; device d carries the lowest <c>cellsPerDevice[d]</c> inputs (cell 1 upwards),
    /// for example 30 cells as 15 + 15 or 18 + 12. Each board cell has a calibration gain and offset applied to
    /// the converted voltage: volts = code × 100 µV × gain + offset.
    /// </summary>
    public sealed class AfeCellVoltageSensor : ICellVoltageSensor
    {
        /// <summary>Smallest calibration gain accepted.</summary>
        public const float MinimumGain = 0.95f;

        /// <summary>Largest calibration gain accepted.</summary>
        public const float MaximumGain = 1.05f;

        /// <summary>Largest calibration offset magnitude accepted, in volts.</summary>
        public const float MaximumOffsetVolts = 0.05f;

        private readonly Ltc6813Chain chain;
        private readonly int cellCount;
        private readonly int[] channelOfCell;
        private readonly float[] gains;
        private readonly float[] offsetsVolts;
        private bool conversionPending;

        /// <summary>
        /// Creates the sensor. <paramref name="cellsPerDevice"/> has one entry per device of
        /// <paramref name="chain"/>, each 1–18.
        /// </summary>
        public AfeCellVoltageSensor(Ltc6813Chain chain, int[] cellsPerDevice)
        {
            if (chain == null)
            {
                throw new ArgumentNullException("chain");
            }

            if (cellsPerDevice == null)
            {
                throw new ArgumentNullException("cellsPerDevice");
            }

            if (cellsPerDevice.Length != chain.DeviceCount)
            {
                throw new ArgumentException("cellsPerDevice has " + cellsPerDevice.Length.ToString() + " entries but the chain has "
                    + chain.DeviceCount.ToString() + " devices; give one cell count per device.", "cellsPerDevice");
            }

            int total = 0;
            for (int device = 0; device < cellsPerDevice.Length; device++)
            {
                int cells = cellsPerDevice[device];
                if (cells < 1 || cells > Ltc6813Configuration.CellsPerDevice)
                {
                    throw new ArgumentOutOfRangeException("cellsPerDevice", "Device " + device.ToString() + " is given "
                        + cells.ToString() + " cells; an LTC6813-1 measures 1..18.");
                }

                total += cells;
            }

            this.chain = chain;
            cellCount = total;
            channelOfCell = new int[total];
            gains = new float[total];
            offsetsVolts = new float[total];

            int cell = 0;
            for (int device = 0; device < cellsPerDevice.Length; device++)
            {
                for (int input = 0; input < cellsPerDevice[device]; input++)
                {
                    channelOfCell[cell] = device * Ltc6813Configuration.CellsPerDevice + input;
                    gains[cell] = 1f;
                    cell++;
                }
            }
        }

        /// <summary>Number of board cells.</summary>
        public int CellCount
        {
            get { return cellCount; }
        }

        /// <summary>Chain the sensor reads.</summary>
        public Ltc6813Chain Chain
        {
            get { return chain; }
        }

        /// <summary>Device that measures board cell <paramref name="cell"/> (0-based).</summary>
        public int DeviceOfCell(int cell)
        {
            RequireCell(cell);
            return channelOfCell[cell] / Ltc6813Configuration.CellsPerDevice;
        }

        /// <summary>Device input (1–18) that measures board cell <paramref name="cell"/> (0-based).</summary>
        public int InputOfCell(int cell)
        {
            RequireCell(cell);
            return channelOfCell[cell] % Ltc6813Configuration.CellsPerDevice + 1;
        }

        /// <summary>
        /// Sets the calibration of board cell <paramref name="cell"/> (0-based): gain 0.95–1.05 and offset within
        /// ±50 mV.
        /// </summary>
        public void SetCalibration(int cell, float gain, float offsetVolts)
        {
            RequireCell(cell);
            if (!(gain >= MinimumGain && gain <= MaximumGain))
            {
                throw new ArgumentOutOfRangeException("gain", "Calibration gain " + gain.ToString() + " of cell " + cell.ToString()
                    + " must lie in 0.95..1.05; repeat the calibration.");
            }

            if (!(offsetVolts >= -MaximumOffsetVolts && offsetVolts <= MaximumOffsetVolts))
            {
                throw new ArgumentOutOfRangeException("offsetVolts", "Calibration offset " + offsetVolts.ToString() + " V of cell "
                    + cell.ToString() + " must lie within ±0.05 V; repeat the calibration.");
            }

            gains[cell] = gain;
            offsetsVolts[cell] = offsetVolts;
        }

        /// <summary>Calibration gain of board cell <paramref name="cell"/>.</summary>
        public float Gain(int cell)
        {
            RequireCell(cell);
            return gains[cell];
        }

        /// <summary>Calibration offset of board cell <paramref name="cell"/>, in volts.</summary>
        public float OffsetVolts(int cell)
        {
            RequireCell(cell);
            return offsetsVolts[cell];
        }

        /// <summary>
        /// Computes a two-point calibration from readings taken with the calibration cleared (gain 1, offset 0)
        /// at two reference voltages. Returns false when the references are less than 0.5 V apart or the result
        /// lies outside the limits of <see cref="SetCalibration"/>.
        /// </summary>
        public static bool TryComputeTwoPointCalibration(float measuredLowVolts, float referenceLowVolts,
            float measuredHighVolts, float referenceHighVolts, out float gain, out float offsetVolts)
        {
            gain = 1f;
            offsetVolts = 0f;
            float measuredSpan = measuredHighVolts - measuredLowVolts;
            if (!(referenceHighVolts - referenceLowVolts >= 0.5f) || !(measuredSpan > 0f))
            {
                return false;
            }

            float candidateGain = (referenceHighVolts - referenceLowVolts) / measuredSpan;
            float candidateOffset = referenceLowVolts - candidateGain * measuredLowVolts;
            if (!(candidateGain >= MinimumGain && candidateGain <= MaximumGain)
                || !(candidateOffset >= -MaximumOffsetVolts && candidateOffset <= MaximumOffsetVolts))
            {
                return false;
            }

            gain = candidateGain;
            offsetVolts = candidateOffset;
            return true;
        }

        /// <summary>
        /// Converts all cells, waits for the conversion by polling PLADC and reads the result. Returns false on a
        /// conversion timeout, a PEC failure after retries, communication loss or a cell register that still reads
        /// 0xFFFF (not converted). The buffer is then left unchanged.
        /// </summary>
        public bool TryRead(float[] cellVoltagesVolts)
        {
            RequireBuffer(cellVoltagesVolts);
            StartConversion();
            if (!chain.WaitForConversion())
            {
                conversionPending = false;
                return false;
            }

            return ReadConverted(cellVoltagesVolts, true);
        }

        /// <summary>
        /// Converts and reads all cells like <see cref="TryRead"/> but without the calibration gain and offset
        /// (volts = code × 100 µV), the raw reading that a calibration procedure fits against its reference.
        /// </summary>
        public bool TryReadUncalibrated(float[] cellVoltagesVolts)
        {
            RequireBuffer(cellVoltagesVolts);
            StartConversion();
            if (!chain.WaitForConversion())
            {
                conversionPending = false;
                return false;
            }

            return ReadConverted(cellVoltagesVolts, false);
        }

        /// <summary>
        /// Starts a conversion of all cells without waiting, for executives that read it in a later activation
        /// with <see cref="TryReadConverted"/>. Discharge is not permitted during the conversion (DCP 0).
        /// </summary>
        public void StartConversion()
        {
            chain.StartCellConversion(0, false);
            conversionPending = true;
        }

        /// <summary>
        /// Reads the conversion started by <see cref="StartConversion"/> once its datasheet conversion time has
        /// passed. Returns false when no conversion is pending, it is not finished yet, or the read failed.
        /// </summary>
        public bool TryReadConverted(float[] cellVoltagesVolts)
        {
            RequireBuffer(cellVoltagesVolts);
            if (!conversionPending || !chain.IsConversionTimeElapsed)
            {
                return false;
            }

            return ReadConverted(cellVoltagesVolts, true);
        }

        /// <summary>
        /// Converts GPIO1–9 and the second reference on every device and reads them: <paramref name="gpioVolts"/>
        /// gets 9 values per device (device-major), <paramref name="referenceVolts"/> one VREF2 value per device,
        /// so an NTC reader can compute ratios without allocating. Returns false on a timeout or read failure.
        /// </summary>
        public bool TryReadAuxiliary(float[] gpioVolts, float[] referenceVolts)
        {
            chain.StartAuxiliaryConversion(0);
            if (!chain.WaitForConversion())
            {
                return false;
            }

            return chain.TryReadAuxiliary(gpioVolts, referenceVolts);
        }

        private bool ReadConverted(float[] cellVoltagesVolts, bool calibrated)
        {
            conversionPending = false;
            if (!chain.TryReadCellCodes())
            {
                return false;
            }

            for (int cell = 0; cell < cellCount; cell++)
            {
                int channel = channelOfCell[cell];
                if (chain.CellCode(channel / Ltc6813Configuration.CellsPerDevice, channel % Ltc6813Configuration.CellsPerDevice + 1)
                    == Ltc6813Chain.ClearedCode)
                {
                    return false;
                }
            }

            for (int cell = 0; cell < cellCount; cell++)
            {
                int channel = channelOfCell[cell];
                int code = chain.CellCode(channel / Ltc6813Configuration.CellsPerDevice, channel % Ltc6813Configuration.CellsPerDevice + 1);
                float volts = code * Ltc6813Chain.VoltsPerCode;
                cellVoltagesVolts[cell] = calibrated ? volts * gains[cell] + offsetsVolts[cell] : volts;
            }

            return true;
        }

        private void RequireBuffer(float[] cellVoltagesVolts)
        {
            if (cellVoltagesVolts == null)
            {
                throw new ArgumentNullException("cellVoltagesVolts");
            }

            if (cellVoltagesVolts.Length < cellCount)
            {
                throw new ArgumentException("cellVoltagesVolts has " + cellVoltagesVolts.Length.ToString() + " elements but the board has "
                    + cellCount.ToString() + " cells.", "cellVoltagesVolts");
            }
        }

        private void RequireCell(int cell)
        {
            if (cell < 0 || cell >= cellCount)
            {
                throw new ArgumentOutOfRangeException("cell", "Cell " + cell.ToString() + " does not exist; the board has cells 0.."
                    + (cellCount - 1).ToString() + ".");
            }
        }
    }
}
