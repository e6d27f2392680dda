using System;
using Controllers.Firmware.Common.Diagnostics;

namespace Controllers.Firmware.Bms.Protection
{
    /// <summary>
    /// The one table of BMS protection and contactor faults: DTC number, level, emergency flag and the
    /// current limit each fault scales. A DTC is 0x1A0000 | code &lt;&lt; 8 | level byte, shown as
    /// P1Axx-yy in SAE J2012 notation (P1 is the manufacturer-controlled powertrain range). The level
    /// byte is 01 warning, 02 derate and 03 trip for graded faults and 00 for single-level faults.
    /// docs/bms-protection.md lists every number.
    /// </summary>
    public static class BmsDtcTable
    {
        /// <summary>Faults 0 to 7 have warning, derate and trip levels.</summary>
        public const int GradedFaultCount = 8;

        /// <summary>Number of entries in <see cref="ProtectionFault"/>.</summary>
        public const int FaultCount = 25;

        /// <summary>DTCs in the table: three per graded fault, one per other fault.</summary>
        public const int DtcCount = GradedFaultCount * 3 + FaultCount - GradedFaultCount;

        /// <summary>
        /// P1A30-00: the calibration record is missing, damaged or rejected, so the sensors use factory defaults.
        /// Not a protection fault: it has no level and scales no current limit.
        /// </summary>
        public const uint CalibrationInvalidDtc = 0x1A3000;

        private const uint DtcBase = 0x1A0000;

        // Second DTC byte per fault, indexed by ProtectionFault.
        private static readonly byte[] Codes =
        {
            0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08,
            0x10, 0x11, 0x12, 0x13, 0x14, 0x15,
            0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0x27, 0x28, 0x29, 0x2A
        };

        // Level of single-level faults (graded faults have all three), indexed by ProtectionFault.
        private static readonly ProtectionLevel[] SingleLevels =
        {
            ProtectionLevel.Trip, ProtectionLevel.Trip, ProtectionLevel.Trip, ProtectionLevel.Trip,
            ProtectionLevel.Trip, ProtectionLevel.Trip, ProtectionLevel.Trip, ProtectionLevel.Trip,
            // A pack voltage or current disagreement leaves one measurement to trust, so the pack derates
            // instead of stopping. An open sense wire or a lost AFE or current sensor removes the measurement
            // that over- and undervoltage or overcurrent protection needs, so those trip.
            ProtectionLevel.Derate, ProtectionLevel.Derate, ProtectionLevel.Trip, ProtectionLevel.Derate,
            ProtectionLevel.Trip, ProtectionLevel.Trip,
            // Contactor faults end the connection; opening under load is only recorded.
            ProtectionLevel.Trip, ProtectionLevel.Trip, ProtectionLevel.Trip, ProtectionLevel.Trip,
            ProtectionLevel.Trip, ProtectionLevel.Trip, ProtectionLevel.Trip, ProtectionLevel.Trip,
            ProtectionLevel.Trip, ProtectionLevel.Trip, ProtectionLevel.Warning
        };

        // Emergency trips open the contactors at once, without the zero-current request. A current that the
        // vehicle does not command (short circuit, overcurrent) does not stop when the vehicle ramps down.
        // An overcharged cell must stop receiving charge before such a ramp would complete.
        private static readonly bool[] Emergencies =
        {
            true, false, true, true, false, false, false, false,
            false, false, false, false, false, false,
            false, false, false, false, false, false, false, false, false, false, false
        };

        private static readonly CurrentDirection[] Directions =
        {
            CurrentDirection.Charge, CurrentDirection.Discharge, CurrentDirection.Charge, CurrentDirection.Discharge,
            CurrentDirection.Charge, CurrentDirection.Both, CurrentDirection.Charge, CurrentDirection.Both,
            CurrentDirection.Both, CurrentDirection.Both, CurrentDirection.Both, CurrentDirection.Both,
            CurrentDirection.Both, CurrentDirection.Both,
            CurrentDirection.Both, CurrentDirection.Both, CurrentDirection.Both, CurrentDirection.Both,
            CurrentDirection.Both, CurrentDirection.Both, CurrentDirection.Both, CurrentDirection.Both,
            CurrentDirection.Both, CurrentDirection.Both, CurrentDirection.Both
        };

        /// <summary>True for faults 0 to 7, which have three levels.</summary>
        public static bool IsGraded(ProtectionFault fault)
        {
            return (int)CheckFault(fault) < GradedFaultCount;
        }

        /// <summary>
        /// Returns the DTC of <paramref name="fault"/> at <paramref name="level"/>. A single-level fault
        /// accepts only its own level.
        /// </summary>
        public static uint GetDtc(ProtectionFault fault, ProtectionLevel level)
        {
            int index = (int)CheckFault(fault);
            if (index < GradedFaultCount)
            {
                if (level == ProtectionLevel.None || (int)level > (int)ProtectionLevel.Trip)
                {
                    throw new ArgumentOutOfRangeException("level", "A graded fault has a DTC for Warning, Derate and Trip only.");
                }

                return DtcBase | ((uint)Codes[index] << 8) | (uint)level;
            }

            if (level != SingleLevels[index])
            {
                throw new ArgumentOutOfRangeException("level", "This fault has a DTC only at its own level; see GetSingleLevel.");
            }

            return DtcBase | ((uint)Codes[index] << 8);
        }

        /// <summary>Returns the level of a single-level fault, or Trip (the highest) for a graded fault.</summary>
        public static ProtectionLevel GetSingleLevel(ProtectionFault fault)
        {
            return SingleLevels[(int)CheckFault(fault)];
        }

        /// <summary>True when the fault's trip opens the contactors at once instead of after a zero-current request.</summary>
        public static bool IsEmergency(ProtectionFault fault)
        {
            return Emergencies[(int)CheckFault(fault)];
        }

        /// <summary>Returns the current limit that the fault's derate level scales.</summary>
        public static CurrentDirection GetDirection(ProtectionFault fault)
        {
            return Directions[(int)CheckFault(fault)];
        }

        /// <summary>
        /// Registers every DTC of faults <paramref name="first"/> to <paramref name="last"/> in
        /// <paramref name="memory"/>, skipping numbers already registered.
        /// </summary>
        public static void Register(DtcMemory memory, ProtectionFault first, ProtectionFault last)
        {
            if (memory == null)
            {
                throw new ArgumentNullException("memory");
            }

            for (int i = (int)CheckFault(first); i <= (int)CheckFault(last); i++)
            {
                ProtectionFault fault = (ProtectionFault)i;
                if (i < GradedFaultCount)
                {
                    RegisterOnce(memory, GetDtc(fault, ProtectionLevel.Warning));
                    RegisterOnce(memory, GetDtc(fault, ProtectionLevel.Derate));
                    RegisterOnce(memory, GetDtc(fault, ProtectionLevel.Trip));
                }
                else
                {
                    RegisterOnce(memory, GetDtc(fault, SingleLevels[i]));
                }
            }
        }

        private static void RegisterOnce(DtcMemory memory, uint number)
        {
            if (memory.IndexOf(number) < 0)
            {
                memory.Register(number);
            }
        }

        private static ProtectionFault CheckFault(ProtectionFault fault)
        {
            if ((int)fault < 0 || (int)fault >= FaultCount)
            {
                throw new ArgumentOutOfRangeException("fault", "The fault is not in the DTC table.");
            }

            return fault;
        }
    }
}
