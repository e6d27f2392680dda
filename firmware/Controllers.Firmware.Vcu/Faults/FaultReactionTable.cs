using System;
using Controllers.Firmware.Common.Diagnostics;

namespace Controllers.Firmware.Vcu.Faults
{
    /// <summary>
    /// Reaction and DTCFunctionalUnit of each VCU DTC. A DTC that has no row gets
    /// <see cref="DefaultReaction"/>. The DTCSeverity reported over UDS follows from the reaction
    /// (<see cref="SeverityOf"/>).
    /// </summary>
    public sealed class FaultReactionTable
    {
        /// <summary>DTCFunctionalUnit of the pedal and switch inputs.</summary>
        public const int InputsUnit = 0x01;

        /// <summary>DTCFunctionalUnit of the 12 V supply.</summary>
        public const int SupplyUnit = 0x02;

        /// <summary>DTCFunctionalUnit of the torque path.</summary>
        public const int TorqueUnit = 0x03;

        /// <summary>DTCFunctionalUnit of charging.</summary>
        public const int ChargingUnit = 0x04;

        /// <summary>Reaction of a DTC without a row.</summary>
        public const FaultReaction DefaultReaction = FaultReaction.WarningLamp;

        private readonly uint[] numbers;
        private readonly FaultReaction[] reactions;
        private readonly byte[] functionalUnits;
        private int count;

        /// <summary>Creates an empty table with room for <paramref name="capacity"/> rows.</summary>
        public FaultReactionTable(int capacity)
        {
            if (capacity < 1)
            {
                throw new ArgumentOutOfRangeException("capacity", "The fault reaction table needs room for at least one row.");
            }

            numbers = new uint[capacity];
            reactions = new FaultReaction[capacity];
            functionalUnits = new byte[capacity];
        }

        /// <summary>Number of rows.</summary>
        public int Count
        {
            get { return count; }
        }

        /// <summary>
        /// Builds the table of the VCU DTCs. A pedal track out of range leaves the other track, so the
        /// vehicle limps home. Disagreeing tracks leave no trusted pedal value, so torque goes to zero. An
        /// unintended torque that the monitor found is removed at the source by opening the HV contactors.
        /// </summary>
        public static FaultReactionTable CreateDefault()
        {
            FaultReactionTable table = new FaultReactionTable(32);
            table.Add(VcuDtc.AcceleratorTrack1Low, FaultReaction.LimpHome, InputsUnit);
            table.Add(VcuDtc.AcceleratorTrack1High, FaultReaction.LimpHome, InputsUnit);
            table.Add(VcuDtc.AcceleratorTrack2Low, FaultReaction.LimpHome, InputsUnit);
            table.Add(VcuDtc.AcceleratorTrack2High, FaultReaction.LimpHome, InputsUnit);
            table.Add(VcuDtc.AcceleratorCorrelation, FaultReaction.LimpHome, InputsUnit);
            table.Add(VcuDtc.BrakeSensorRange, FaultReaction.PowerDerate, InputsUnit);
            table.Add(VcuDtc.BrakeSwitchCorrelation, FaultReaction.WarningLamp, InputsUnit);
            table.Add(VcuDtc.SupplyUndervoltage, FaultReaction.PowerDerate, SupplyUnit);
            table.Add(VcuDtc.SupplyOvervoltage, FaultReaction.LimpHome, SupplyUnit);
            table.Add(VcuDtc.TorqueMonitorMismatch, FaultReaction.HvShutdown, TorqueUnit);

            // Without the BMS there are no power limits and no contactor state, so the vehicle may not drive.
            table.Add(VcuDtc.BmsCommunicationLost, FaultReaction.ZeroTorque, TorqueUnit);
            table.Add(VcuDtc.ChargerFault, FaultReaction.WarningLamp, ChargingUnit);
            table.Add(VcuDtc.ChargerTimeout, FaultReaction.WarningLamp, ChargingUnit);
            table.Add(VcuDtc.ChargerOverTemperature, FaultReaction.WarningLamp, ChargingUnit);
            table.Add(VcuDtc.ChargeCellOverTemperature, FaultReaction.PowerDerate, ChargingUnit);
            table.Add(VcuDtc.ChargeBmsTimeout, FaultReaction.WarningLamp, ChargingUnit);
            table.Add(VcuDtc.ChargeHvConnectTimeout, FaultReaction.WarningLamp, ChargingUnit);
            return table;
        }

        /// <summary>Returns the DTCSeverity that matches <paramref name="reaction"/>.</summary>
        public static int SeverityOf(FaultReaction reaction)
        {
            switch (reaction)
            {
                case FaultReaction.None:
                    return 0;
                case FaultReaction.WarningLamp:
                    return DtcMemory.SeverityMaintenanceOnly;
                case FaultReaction.PowerDerate:
                case FaultReaction.LimpHome:
                    return DtcMemory.SeverityCheckAtNextHalt;
                default:
                    return DtcMemory.SeverityCheckImmediately;
            }
        }

        /// <summary>True when <paramref name="reaction"/> stays latched after the fault heals until the next key cycle.</summary>
        public static bool NeedsKeyCycle(FaultReaction reaction)
        {
            return reaction >= FaultReaction.LimpHome;
        }

        /// <summary>Adds or replaces the row of DTC <paramref name="number"/>.</summary>
        public void Add(uint number, FaultReaction reaction, int functionalUnit)
        {
            if (reaction < FaultReaction.None || reaction > FaultReaction.HvShutdown)
            {
                throw new ArgumentOutOfRangeException("reaction", "The reaction must be one of the FaultReaction values.");
            }

            if (functionalUnit < 0 || functionalUnit > 255)
            {
                throw new ArgumentOutOfRangeException("functionalUnit", "The DTC functional unit is one byte (0 to 255).");
            }

            int index = IndexOf(number);
            if (index < 0)
            {
                if (count == numbers.Length)
                {
                    throw new InvalidOperationException("The fault reaction table is full; create it with a larger capacity.");
                }

                index = count;
                count++;
            }

            numbers[index] = number;
            reactions[index] = reaction;
            functionalUnits[index] = (byte)functionalUnit;
        }

        /// <summary>Returns the reaction of DTC <paramref name="number"/>, or <see cref="DefaultReaction"/> without a row.</summary>
        public FaultReaction ReactionOf(uint number)
        {
            int index = IndexOf(number);
            return index < 0 ? DefaultReaction : reactions[index];
        }

        /// <summary>Returns the DTCFunctionalUnit of DTC <paramref name="number"/>, or 0 without a row.</summary>
        public int FunctionalUnitOf(uint number)
        {
            int index = IndexOf(number);
            return index < 0 ? 0 : functionalUnits[index];
        }

        private int IndexOf(uint number)
        {
            for (int i = 0; i < count; i++)
            {
                if (numbers[i] == number)
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
