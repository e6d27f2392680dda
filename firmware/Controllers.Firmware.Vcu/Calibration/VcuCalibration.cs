using System;
using Controllers.Firmware.Common.Calibration;
using Controllers.Firmware.Common.Diagnostics;
using Controllers.Firmware.Common.Storage;
using Controllers.Firmware.Vcu.Inputs;

namespace Controllers.Firmware.Vcu.Calibration
{
    /// <summary>
    /// The VCU's calibration record and its UDS access: accelerator end points (DID 0x4160), brake end points
    /// (0x4161), the record DIDs 0x41FD to 0x41FF and routine 0x0310 (<see cref="CalibrationDiagnostics"/>), and
    /// raw pedal voltages 0x4260 (track 1), 0x4261 (track 2) and 0x4262 (brake), each the mean of
    /// <see cref="SampleCount"/> reads of the input hardware.
    /// </summary>
    public sealed class VcuCalibration : IUdsDataIdentifierHandler
    {
        /// <summary>Reads averaged per raw-reading DID.</summary>
        public const int SampleCount = 8;

        /// <summary>Raw accelerator track 1 voltage.</summary>
        public const int Track1RawIdentifier = 0x4260;

        /// <summary>Raw accelerator track 2 voltage.</summary>
        public const int Track2RawIdentifier = 0x4261;

        /// <summary>Raw brake sensor voltage.</summary>
        public const int BrakeRawIdentifier = 0x4262;

        private readonly CalibrationRecord record;
        private readonly CalibrationDiagnostics diagnostics;
        private readonly IVcuInputHardware hardware;

        /// <summary>
        /// Builds the record in regions <paramref name="regionA"/> and <paramref name="regionB"/> of
        /// <paramref name="store"/>. The end points in the settings now are the factory defaults.
        /// </summary>
        public VcuCalibration(INonVolatileStore store, int regionA, int regionB, AcceleratorPedalSettings accelerator,
            BrakePedalSettings brake, IVcuInputHardware hardware)
        {
            if (hardware == null)
            {
                throw new ArgumentNullException("hardware");
            }

            var blocks = new ICalibrationBlock[] { new AcceleratorPedalCalibrationBlock(accelerator), new BrakePedalCalibrationBlock(brake) };
            record = new CalibrationRecord(store, regionA, regionB, blocks);
            diagnostics = new CalibrationDiagnostics(record);
            this.hardware = hardware;
        }

        /// <summary>The record behind the DIDs.</summary>
        public CalibrationRecord Record
        {
            get { return record; }
        }

        /// <summary>Data identifiers that <see cref="Register"/> adds.</summary>
        public int DataIdentifierCount
        {
            get { return diagnostics.DataIdentifierCount + 3; }
        }

        /// <summary>Loads the record into the pedal settings, or the factory end points; returns the <see cref="CalibrationStatus"/>.</summary>
        public byte Load()
        {
            return record.Load();
        }

        /// <summary>Adds the calibration and raw-reading DIDs and the save routine to <paramref name="server"/>.</summary>
        public void Register(UdsServer server)
        {
            diagnostics.Register(server);
            UdsDataIdentifierTable table = server.DataIdentifiers!;
            table.Add(Track1RawIdentifier, 4, true, false, UdsSession.AllMask, 0, this);
            table.Add(Track2RawIdentifier, 4, true, false, UdsSession.AllMask, 0, this);
            table.Add(BrakeRawIdentifier, 4, true, false, UdsSession.AllMask, 0, this);
        }

        /// <inheritdoc/>
        public byte Read(int identifier, byte[] destination, int offset)
        {
            // NOTE: the mean smooths noise only when each property read samples the ADC. A board adapter that
            // samples once per input cycle returns the same value every time.
            float sum = 0f;
            for (int i = 0; i < SampleCount; i++)
            {
                if (identifier == Track1RawIdentifier)
                {
                    sum += hardware.AcceleratorTrack1Volts;
                }
                else if (identifier == Track2RawIdentifier)
                {
                    sum += hardware.AcceleratorTrack2Volts;
                }
                else if (identifier == BrakeRawIdentifier)
                {
                    sum += hardware.BrakeSensorVolts;
                }
                else
                {
                    return UdsNegativeResponseCode.RequestOutOfRange;
                }
            }

            BigEndian.WriteSingle(destination, offset, sum / SampleCount);
            return UdsNegativeResponseCode.PositiveResponse;
        }

        /// <inheritdoc/>
        public byte Write(int identifier, byte[] source, int offset, int length)
        {
            return UdsNegativeResponseCode.RequestOutOfRange;
        }
    }
}
