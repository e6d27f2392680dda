using System;
using Controllers.Firmware.Common.Parameters;
using Controllers.Firmware.Common.Storage;
using Controllers.Firmware.Common.Update;

namespace Controllers.Firmware.Common.Diagnostics
{
    /// <summary>
    /// What a board gives <see cref="BoardDiagnostics"/>: CAN ids, security, identity and records, and the optional
    /// calibration record and application update services.
    /// </summary>
    public sealed class BoardDiagnosticsSettings
    {
        /// <summary>Physical request id the board receives (11-bit).</summary>
        public uint RequestId { get; set; }

        /// <summary>Response id the board sends (11-bit).</summary>
        public uint ResponseId { get; set; }

        /// <summary>Per-board SecurityAccess secret, at least 16 bytes; the key is HMAC-SHA256(secret, seed).</summary>
        public byte[]? SecuritySecret { get; set; }

        /// <summary>Source of SecurityAccess seeds (the board's hardware random number generator).</summary>
        public IUdsRandomSource? RandomSource { get; set; }

        /// <summary>Non-volatile count of wrong SecurityAccess keys.</summary>
        public IUdsSecurityAttemptStore? AttemptStore { get; set; }

        /// <summary>Spare part number reported by DID 0xF187.</summary>
        public string PartNumber { get; set; } = "";

        /// <summary>ECU serial number reported by DID 0xF18C.</summary>
        public string SerialNumber { get; set; } = "";

        /// <summary>VIN reported by DID 0xF190; empty until the board is fitted to a vehicle.</summary>
        public string Vin { get; set; } = "";

        /// <summary>Loaded parameter record whose database the DIDs 0x4000 + index expose; null for none.</summary>
        public ParameterRecord? Parameters { get; set; }

        /// <summary>Rules between parameters checked before routine 0x0300 saves; null for none.</summary>
        public IParameterValidator? ParameterValidator { get; set; }

        /// <summary>Store of the DTC memory record; null keeps DTCs in RAM only.</summary>
        public INonVolatileStore? DtcStore { get; set; }

        /// <summary>First region of the DTC memory record in <see cref="DtcStore"/>.</summary>
        public int DtcRegionA { get; set; }

        /// <summary>Second region of the DTC memory record in <see cref="DtcStore"/>.</summary>
        public int DtcRegionB { get; set; } = 1;

        /// <summary>
        /// Store of the VCU's calibration record; null leaves calibration out. The VCU core builds its pedal
        /// calibration over it, loads the record at start and reports a missing or damaged record as a DTC. The BMS
        /// master takes a ready-built calibration in its EnableDiagnostics instead, because its blocks depend on the board's sensors.
        /// </summary>
        public INonVolatileStore? CalibrationStore { get; set; }

        /// <summary>First region of the calibration record in <see cref="CalibrationStore"/>.</summary>
        public int CalibrationRegionA { get; set; } = 2;

        /// <summary>Second region of the calibration record in <see cref="CalibrationStore"/>.</summary>
        public int CalibrationRegionB { get; set; } = 3;

        /// <summary>
        /// Application update services over the board's slots; null leaves them out. With them the server has
        /// nine SecurityAccess levels, so that requestSeed 0x11 exists for programming.
        /// </summary>
        public ApplicationProgrammingHandler? Programming { get; set; }

        /// <summary>Throws <see cref="ArgumentException"/> naming the first missing or invalid value.</summary>
        public void Validate()
        {
            if (RequestId > 0x7FF || ResponseId > 0x7FF || RequestId == ResponseId)
            {
                throw new ArgumentException("RequestId = 0x" + RequestId.ToString("X") + " and ResponseId = 0x" + ResponseId.ToString("X")
                    + " must be two different 11-bit CAN ids.", "RequestId");
            }

            if (SecuritySecret == null || SecuritySecret.Length < 16)
            {
                throw new ArgumentException("SecuritySecret must have at least 16 bytes; give each board its own secret.", "SecuritySecret");
            }

            if (RandomSource == null || AttemptStore == null)
            {
                throw new ArgumentException("RandomSource and AttemptStore are required for SecurityAccess.", RandomSource == null ? "RandomSource" : "AttemptStore");
            }

            if (CalibrationStore != null)
            {
                ValidateCalibrationRegions();
            }
        }

        private void ValidateCalibrationRegions()
        {
            if (CalibrationRegionA == CalibrationRegionB)
            {
                throw new ArgumentException("CalibrationRegionA and CalibrationRegionB are both " + CalibrationRegionA
                    + "; the calibration record needs two different regions.", "CalibrationRegionB");
            }

            if (CalibrationStore == DtcStore && (CalibrationRegionA == DtcRegionA || CalibrationRegionA == DtcRegionB
                || CalibrationRegionB == DtcRegionA || CalibrationRegionB == DtcRegionB))
            {
                throw new ArgumentException("Calibration regions " + CalibrationRegionA + " and " + CalibrationRegionB + " overlap the DTC regions "
                    + DtcRegionA + " and " + DtcRegionB + " of the same store; give each record its own regions.", "CalibrationRegionA");
            }
        }
    }
}
