using System;
using Controllers.Firmware.Bms.Afe;
using Controllers.Firmware.Bms.Insulation;
using Controllers.Firmware.Common.Calibration;
using Controllers.Firmware.Common.Diagnostics;
using Controllers.Firmware.Common.Hal;

namespace Controllers.Firmware.Bms.Calibration
{
    /// <summary>
    /// Raw-reading DIDs that the calibration procedures fit against their references, each the mean of
    /// <see cref="SampleCount"/> readings taken when the DID is read, as IEEE 754 single, big-endian.
    /// 0x4200 + channel is the uncalibrated cell voltage in V (code × 100 µV) and 0x4220 the uncalibrated
    /// current in raw amperes. 0x4230 + channel is the NTC temperature in °C, the reading in use, because
    /// NTC channels are not trimmed. A failed reading returns conditionsNotCorrect (0x22).
    /// 0x4240 is the latest settled cycle of the insulation monitor, uncorrected (see <see cref="InsulationIdentifier"/>).
    /// </summary>
    /// <remarks>
    /// NOTE: the readings run inside the UDS request, so a cell-voltage read blocks the executive for
    /// <see cref="SampleCount"/> AFE conversions (about 8 × 2.3 ms in the 7 kHz mode), within P2server of 50 ms.
    /// </remarks>
    public sealed class BmsRawReadings : IUdsDataIdentifierHandler
    {
        /// <summary>Readings averaged per DID read.</summary>
        public const int SampleCount = 8;

        /// <summary>DID of the raw voltage of cell channel 0.</summary>
        public const int FirstCellIdentifier = 0x4200;

        /// <summary>DID of the raw current.</summary>
        public const int CurrentIdentifier = 0x4220;

        /// <summary>DID of NTC channel 0.</summary>
        public const int FirstNtcIdentifier = 0x4230;

        /// <summary>
        /// DID of the raw insulation bridge voltages, 28 bytes: the number of settled cycles since start (uint32), then
        /// for bridge state 1 (positive bridge closed) and state 2 (negative bridge closed) the pack voltage, the
        /// positive pole voltage and the negative pole voltage in V, before the channel gain correction. It returns
        /// conditionsNotCorrect (0x22) until the first cycle has settled.
        /// </summary>
        public const int InsulationIdentifier = 0x4240;

        /// <summary>
        /// DID of the nominal insulation circuit, 16 bytes: positive and negative bridge resistance, positive and negative
        /// measurement divider resistance, in Ω. The acceptance limits of the insulation calibration are relative to these.
        /// </summary>
        public const int InsulationNominalIdentifier = 0x4241;

        private readonly AfeCellVoltageSensor? cells;
        private readonly InsulationMonitor? insulation;
        private readonly ICurrentSensor? rawCurrent;
        private readonly ITemperatureSensor? temperatures;
        private readonly float[] cellVolts;

        /// <summary>
        /// Creates the readings of whichever sources the board has; pass null for the others. <paramref name="rawCurrent"/>
        /// is the uncalibrated source, not the <c>CalibratedCurrentSensor</c> around it.
        /// </summary>
        public BmsRawReadings(AfeCellVoltageSensor? cells, ICurrentSensor? rawCurrent, ITemperatureSensor? temperatures)
            : this(cells, rawCurrent, temperatures, null)
        {
        }

        /// <summary>Creates the readings including the raw bridge voltages of <paramref name="insulation"/> when it is not null.</summary>
        public BmsRawReadings(AfeCellVoltageSensor? cells, ICurrentSensor? rawCurrent, ITemperatureSensor? temperatures, InsulationMonitor? insulation)
        {
            if (cells != null && cells.CellCount > CellVoltageCalibrationBlock.MaxChannelCount)
            {
                throw new ArgumentException("The AFE has " + cells.CellCount + " cells; the raw-reading DIDs cover at most 30.", "cells");
            }

            if (temperatures != null && temperatures.ChannelCount > NtcCheckBlock.MaxChannelCount)
            {
                throw new ArgumentException("The temperature sensor has " + temperatures.ChannelCount + " channels; the DIDs cover at most " + NtcCheckBlock.MaxChannelCount + ".", "temperatures");
            }

            this.cells = cells;
            this.rawCurrent = rawCurrent;
            this.temperatures = temperatures;
            this.insulation = insulation;
            cellVolts = new float[cells == null ? 0 : cells.CellCount];
        }

        /// <summary>Number of DIDs that <see cref="Register"/> adds.</summary>
        public int DataIdentifierCount
        {
            get
            {
                return cellVolts.Length + (rawCurrent == null ? 0 : 1) + (temperatures == null ? 0 : temperatures.ChannelCount)
                    + (insulation == null ? 0 : 2);
            }
        }

        /// <summary>Adds the read-only DIDs to <paramref name="table"/>, available in every session without security access.</summary>
        public void Register(UdsDataIdentifierTable table)
        {
            if (table == null)
            {
                throw new ArgumentNullException("table");
            }

            for (int i = 0; i < cellVolts.Length; i++)
            {
                table.Add(FirstCellIdentifier + i, 4, true, false, UdsSession.AllMask, 0, this);
            }

            if (rawCurrent != null)
            {
                table.Add(CurrentIdentifier, 4, true, false, UdsSession.AllMask, 0, this);
            }

            if (temperatures != null)
            {
                for (int i = 0; i < temperatures.ChannelCount; i++)
                {
                    table.Add(FirstNtcIdentifier + i, 4, true, false, UdsSession.AllMask, 0, this);
                }
            }

            if (insulation != null)
            {
                table.Add(InsulationIdentifier, 28, true, false, UdsSession.AllMask, 0, this);
                table.Add(InsulationNominalIdentifier, 16, true, false, UdsSession.AllMask, 0, this);
            }
        }

        /// <inheritdoc/>
        public byte Read(int identifier, byte[] destination, int offset)
        {
            if (identifier == InsulationIdentifier && insulation != null)
            {
                return ReadInsulation(destination, offset);
            }

            if (identifier == InsulationNominalIdentifier && insulation != null)
            {
                BigEndian.WriteSingle(destination, offset, insulation.NominalPositiveBridgeOhms);
                BigEndian.WriteSingle(destination, offset + 4, insulation.NominalNegativeBridgeOhms);
                BigEndian.WriteSingle(destination, offset + 8, insulation.NominalPositiveMeasurementOhms);
                BigEndian.WriteSingle(destination, offset + 12, insulation.NominalNegativeMeasurementOhms);
                return UdsNegativeResponseCode.PositiveResponse;
            }

            float mean;
            bool read;
            if (identifier >= FirstCellIdentifier && identifier < FirstCellIdentifier + cellVolts.Length)
            {
                read = TryAverageCell(identifier - FirstCellIdentifier, out mean);
            }
            else if (identifier == CurrentIdentifier && rawCurrent != null)
            {
                read = TryAverageCurrent(out mean);
            }
            else if (temperatures != null && identifier >= FirstNtcIdentifier && identifier < FirstNtcIdentifier + temperatures.ChannelCount)
            {
                read = TryAverageTemperature(identifier - FirstNtcIdentifier, out mean);
            }
            else
            {
                return UdsNegativeResponseCode.RequestOutOfRange;
            }

            if (!read)
            {
                return UdsNegativeResponseCode.ConditionsNotCorrect;
            }

            BigEndian.WriteSingle(destination, offset, mean);
            return UdsNegativeResponseCode.PositiveResponse;
        }

        /// <inheritdoc/>
        public byte Write(int identifier, byte[] source, int offset, int length)
        {
            return UdsNegativeResponseCode.RequestOutOfRange;
        }

        private byte ReadInsulation(byte[] destination, int offset)
        {
            long cycles = insulation!.SettledCycles;
            if (cycles == 0)
            {
                return UdsNegativeResponseCode.ConditionsNotCorrect;
            }

            // The count wraps at 2^32 cycles, far beyond any calibration session.
            uint count = (uint)cycles;
            destination[offset] = (byte)(count >> 24);
            destination[offset + 1] = (byte)(count >> 16);
            destination[offset + 2] = (byte)(count >> 8);
            destination[offset + 3] = (byte)count;
            BigEndian.WriteSingle(destination, offset + 4, insulation.RawState1PackVolts);
            BigEndian.WriteSingle(destination, offset + 8, insulation.RawState1PositiveVolts);
            BigEndian.WriteSingle(destination, offset + 12, insulation.RawState1NegativeVolts);
            BigEndian.WriteSingle(destination, offset + 16, insulation.RawState2PackVolts);
            BigEndian.WriteSingle(destination, offset + 20, insulation.RawState2PositiveVolts);
            BigEndian.WriteSingle(destination, offset + 24, insulation.RawState2NegativeVolts);
            return UdsNegativeResponseCode.PositiveResponse;
        }

        private bool TryAverageCell(int channel, out float mean)
        {
            float sum = 0f;
            mean = 0f;
            for (int i = 0; i < SampleCount; i++)
            {
                if (!cells!.TryReadUncalibrated(cellVolts))
                {
                    return false;
                }

                sum += cellVolts[channel];
            }

            mean = sum / SampleCount;
            return true;
        }

        private bool TryAverageCurrent(out float mean)
        {
            float sum = 0f;
            mean = 0f;
            for (int i = 0; i < SampleCount; i++)
            {
                float amperes;
                if (!rawCurrent!.TryReadAmperes(out amperes))
                {
                    return false;
                }

                sum += amperes;
            }

            mean = sum / SampleCount;
            return true;
        }

        private bool TryAverageTemperature(int channel, out float mean)
        {
            float sum = 0f;
            mean = 0f;
            for (int i = 0; i < SampleCount; i++)
            {
                // Every channel is read in order, as the temperature task does, because a sensor may convert all
                // channels when channel 0 is read and return the stored results for the others.
                float requested = 0f;
                for (int other = 0; other < temperatures!.ChannelCount; other++)
                {
                    float celsius;
                    bool valid = temperatures.TryReadCelsius(other, out celsius);
                    if (other == channel)
                    {
                        if (!valid)
                        {
                            return false;
                        }

                        requested = celsius;
                    }
                }

                sum += requested;
            }

            mean = sum / SampleCount;
            return true;
        }
    }
}
