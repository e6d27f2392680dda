using System;
using Controllers.Firmware.Bms.Afe;
using Controllers.Firmware.Bms.Current;
using Controllers.Firmware.Bms.Insulation;
using Controllers.Firmware.Common.Calibration;
using Controllers.Firmware.Common.Diagnostics;
using Controllers.Firmware.Common.Hal;
using Controllers.Firmware.Common.Storage;

namespace Controllers.Firmware.Bms.Calibration
{
    /// <summary>
    /// The calibration record of a BMS board and its UDS access. A slave board passes its AFE and NTC
    /// channels, the master its current calibration and raw current source; pass null for what the board
    /// lacks. Blocks: cell channels 0x4100.., current 0x4120, NTC checks 0x4130.., insulation 0x4140 (see docs/calibration.md).
    /// </summary>
    public sealed class BmsCalibration
    {
        private readonly CalibrationRecord record;
        private readonly CalibrationDiagnostics diagnostics;
        private readonly BmsRawReadings rawReadings;
        private readonly NtcCheckBlock[] ntcChecks;

        /// <summary>
        /// Builds the record in regions <paramref name="regionA"/> and <paramref name="regionB"/> of
        /// <paramref name="store"/>. Call <see cref="Load"/> before the sensors start and <see cref="Register"/>
        /// once the UDS server has its tables.
        /// </summary>
        public BmsCalibration(INonVolatileStore store, int regionA, int regionB, AfeCellVoltageSensor? cells,
            CurrentCalibration? current, ICurrentSensor? rawCurrent, ITemperatureSensor? temperatures)
            : this(store, regionA, regionB, cells, current, rawCurrent, temperatures, null)
        {
        }

        /// <summary>
        /// Builds the record as above, with the insulation block of <paramref name="insulation"/> when it is not null.
        /// Create the monitor first; <see cref="Load"/> puts the calibrated circuit in use before the monitor's first cycle.
        /// </summary>
        public BmsCalibration(INonVolatileStore store, int regionA, int regionB, AfeCellVoltageSensor? cells,
            CurrentCalibration? current, ICurrentSensor? rawCurrent, ITemperatureSensor? temperatures, InsulationMonitor? insulation)
        {
            if (cells == null && current == null && temperatures == null && insulation == null)
            {
                throw new ArgumentException("Give at least one of cells, current, temperatures and insulation to calibrate.", "cells");
            }

            if ((current == null) != (rawCurrent == null))
            {
                throw new ArgumentException("The current calibration and its raw source go together; give both or neither.", "rawCurrent");
            }

            int cellCount = cells == null ? 0 : cells.CellCount;
            int ntcCount = temperatures == null ? 0 : temperatures.ChannelCount;
            var blocks = new ICalibrationBlock[cellCount + (current == null ? 0 : 1) + ntcCount + (insulation == null ? 0 : 1)];
            int index = 0;
            for (int i = 0; i < cellCount; i++)
            {
                blocks[index++] = new CellVoltageCalibrationBlock(cells!, i);
            }

            if (current != null)
            {
                blocks[index++] = new CurrentCalibrationBlock(current);
            }

            ntcChecks = new NtcCheckBlock[ntcCount];
            for (int i = 0; i < ntcCount; i++)
            {
                ntcChecks[i] = new NtcCheckBlock(i);
                blocks[index++] = ntcChecks[i];
            }

            if (insulation != null)
            {
                blocks[index++] = new InsulationCalibrationBlock(insulation);
            }

            record = new CalibrationRecord(store, regionA, regionB, blocks);
            diagnostics = new CalibrationDiagnostics(record);
            rawReadings = new BmsRawReadings(cells, rawCurrent, temperatures, insulation);
        }

        /// <summary>The record behind the DIDs.</summary>
        public CalibrationRecord Record
        {
            get { return record; }
        }

        /// <summary>Data identifiers that <see cref="Register"/> adds, for sizing the server's table.</summary>
        public int DataIdentifierCount
        {
            get { return diagnostics.DataIdentifierCount + rawReadings.DataIdentifierCount; }
        }

        /// <summary>Check result of NTC channel <paramref name="channel"/>.</summary>
        public NtcCheckBlock NtcCheck(int channel)
        {
            if (channel < 0 || channel >= ntcChecks.Length)
            {
                throw new ArgumentOutOfRangeException("channel", "channel = " + channel + " must lie within 0 to " + (ntcChecks.Length - 1) + ".");
            }

            return ntcChecks[channel];
        }

        /// <summary>
        /// Loads the record into the sensors, or factory defaults (gain 1, offset 0) when it is missing,
        /// damaged or rejected; returns the <see cref="CalibrationStatus"/>.
        /// </summary>
        public byte Load()
        {
            return record.Load();
        }

        /// <summary>Adds the calibration DIDs, the raw-reading DIDs and the save routine to <paramref name="server"/>.</summary>
        public void Register(UdsServer server)
        {
            diagnostics.Register(server);
            rawReadings.Register(server.DataIdentifiers!);
        }
    }
}
