using System;
using Controllers.Firmware.Bms.Contactors;
using Controllers.Firmware.Common.Can.Generated.Bms;
using Controllers.Firmware.Common.Hal;

namespace Controllers.Firmware.Bms.Protection
{
    /// <summary>
    /// Fills the signals of BMS_FaultSummary, BMS_ContactorStatus and BMS_PowerLimits (boards/can/bms.dbc)
    /// from the protection monitor and the contactor controller. Nothing is allocated.
    /// </summary>
    public static class BmsStatusSignals
    {
        /// <summary>
        /// Fills BMS_FaultSummary. A latched contactor fault counts as one more active DTC at level 3 and is
        /// the most severe DTC unless a protection trip is active. InsulationFaultFlag is left at 0, because
        /// insulation monitoring is not part of the protection monitor.
        /// </summary>
        public static void FillFaultSummary(BMS_FaultSummary message, ProtectionMonitor monitor, ContactorController contactors)
        {
            Check(message, monitor, contactors);
            ProtectionLevel level = monitor.HighestLevel;
            int count = monitor.ActiveDtcCount;
            long mostSevere = monitor.MostSevereDtc;
            bool contactorFault = contactors.HasFault;
            bool prechargeFault = false;
            if (contactorFault)
            {
                ProtectionFault fault = contactors.LastFault;
                prechargeFault = fault == ProtectionFault.PrechargeTimeout || fault == ProtectionFault.PrechargeTooFast
                    || fault == ProtectionFault.PrechargeLinkShorted || fault == ProtectionFault.PrechargePathOpen;
                count++;
                if (level != ProtectionLevel.Trip)
                {
                    mostSevere = BmsDtcTable.GetDtc(fault, BmsDtcTable.GetSingleLevel(fault));
                }

                level = ProtectionLevel.Trip;
            }

            message.FaultLevel = (int)level;
            message.ActiveDtcCount = count > 255 ? 255 : count;
            message.MostSevereDtc = mostSevere;
            message.CellOvervoltageFlag = Flag(monitor, ProtectionFault.CellOvervoltage, ProtectionFault.CellOvervoltage);
            message.CellUndervoltageFlag = Flag(monitor, ProtectionFault.CellUndervoltage, ProtectionFault.CellUndervoltage);
            message.CellOvertemperatureFlag = Flag(monitor, ProtectionFault.ChargeOvertemperature, ProtectionFault.DischargeOvertemperature);
            message.CellUndertemperatureFlag = Flag(monitor, ProtectionFault.ChargeUndertemperature, ProtectionFault.DischargeUndertemperature);
            message.ChargeOvercurrentFlag = Flag(monitor, ProtectionFault.ChargeOvercurrent, ProtectionFault.ChargeOvercurrent);
            message.DischargeOvercurrentFlag = Flag(monitor, ProtectionFault.DischargeOvercurrent, ProtectionFault.DischargeOvercurrent);
            message.InsulationFaultFlag = 0;
            message.SlaveCommunicationLostFlag = Flag(monitor, ProtectionFault.AfeCommunicationLoss, ProtectionFault.AfeCommunicationLoss);
            message.CurrentSensorFaultFlag = Flag(monitor, ProtectionFault.CurrentPlausibility, ProtectionFault.CurrentSensorLoss);
            message.ContactorFaultFlag = contactorFault && !prechargeFault ? 1 : 0;
            message.PrechargeFailedFlag = prechargeFault ? 1 : 0;
        }

        /// <summary>Fills BMS_ContactorStatus: 0 open, 1 closed, 2 welded, 3 error per contactor.</summary>
        public static void FillContactorStatus(BMS_ContactorStatus message, ContactorController contactors)
        {
            if (message == null || contactors == null)
            {
                throw new ArgumentNullException(message == null ? "message" : "contactors");
            }

            message.MainPositiveContactor = contactors.GetStatusCode(ContactorId.Positive);
            message.MainNegativeContactor = contactors.GetStatusCode(ContactorId.Negative);
            message.PrechargeContactor = contactors.GetStatusCode(ContactorId.Precharge);
        }

        /// <summary>
        /// Fills BMS_PowerLimits: the rated charge and discharge currents (amperes) times the monitor's scales,
        /// and the powers at <paramref name="packVolts"/> in kW.
        /// </summary>
        public static void FillPowerLimits(BMS_PowerLimits message, ProtectionMonitor monitor, float ratedChargeAmperes, float ratedDischargeAmperes, float packVolts)
        {
            if (message == null || monitor == null)
            {
                throw new ArgumentNullException(message == null ? "message" : "monitor");
            }

            float charge = ratedChargeAmperes * monitor.ChargeCurrentScale;
            float discharge = ratedDischargeAmperes * monitor.DischargeCurrentScale;
            message.MaxChargeCurrent = charge;
            message.MaxDischargeCurrent = discharge;
            message.MaxChargePower = charge * packVolts * 0.001f;
            message.MaxDischargePower = discharge * packVolts * 0.001f;
        }

        private static float Flag(ProtectionMonitor monitor, ProtectionFault first, ProtectionFault second)
        {
            bool active = monitor.GetLevel(first) != ProtectionLevel.None || monitor.GetLevel(second) != ProtectionLevel.None;
            return active ? 1 : 0;
        }

        private static void Check(object message, ProtectionMonitor monitor, ContactorController contactors)
        {
            if (message == null)
            {
                throw new ArgumentNullException("message");
            }

            if (monitor == null || contactors == null)
            {
                throw new ArgumentNullException(monitor == null ? "monitor" : "contactors");
            }
        }
    }
}
