using System;
using Controllers.Firmware.Bms.Contactors;
using Controllers.Firmware.Bms.Insulation;
using Controllers.Firmware.Bms.Protection;
using Controllers.Firmware.Common.Parameters;

namespace Controllers.Firmware.Bms.Parameters
{
    /// <summary>
    /// The BMS master's parameter set: cell voltage, current and temperature protection thresholds, contactor
    /// timeouts and break current, and the insulation alarm levels. Each default is read from a freshly built
    /// settings object. The board's start-up code loads the parameter record, then calls the ApplyTo methods on
    /// the settings before it builds the protection monitor, the contactor controller and the insulation
    /// monitor, so the values take effect at start-up.
    /// </summary>
    public sealed class BmsParameters : IParameterValidator
    {
        /// <summary>Cell overvoltage warning threshold, V.</summary>
        public const int CellOvervoltageWarning = 0x1001;

        /// <summary>Cell overvoltage trip threshold, V.</summary>
        public const int CellOvervoltageTrip = 0x1002;

        /// <summary>Cell undervoltage warning threshold, V.</summary>
        public const int CellUndervoltageWarning = 0x1003;

        /// <summary>Cell undervoltage trip threshold, V.</summary>
        public const int CellUndervoltageTrip = 0x1004;

        /// <summary>Charge overcurrent trip threshold, A.</summary>
        public const int ChargeOvercurrentTrip = 0x1005;

        /// <summary>Discharge overcurrent trip threshold, A.</summary>
        public const int DischargeOvercurrentTrip = 0x1006;

        /// <summary>Charge overtemperature trip threshold, °C.</summary>
        public const int ChargeOvertemperatureTrip = 0x1007;

        /// <summary>Contactor feedback timeout, ms.</summary>
        public const int ContactorFeedbackTimeout = 0x1101;

        /// <summary>Precharge timeout, ms.</summary>
        public const int PrechargeTimeout = 0x1102;

        /// <summary>Link voltage at which precharge ends, fraction of the pack voltage.</summary>
        public const int PrechargeTarget = 0x1103;

        /// <summary>Current below which a contactor opening counts as a no-load break, A.</summary>
        public const int BreakCurrentThreshold = 0x1104;

        /// <summary>Insulation warning level, Ω/V.</summary>
        public const int InsulationWarning = 0x1201;

        /// <summary>Insulation fault level, Ω/V.</summary>
        public const int InsulationFault = 0x1202;

        /// <summary>Whether the insulation monitor predicts the settled value from the settling curve.</summary>
        public const int InsulationPrediction = 0x1203;

        /// <summary>Room in the database: the parameters above and spare entries for later additions.</summary>
        public const int Capacity = 32;

        /// <summary>
        /// Creates the BMS parameter database with every parameter at its default. The limits are this
        /// project's choices for LFP and NMC cells (0 to 5 V is the protection settings' own range).
        /// </summary>
        public static ParameterDatabase CreateDatabase()
        {
            ProtectionSettings protection = new ProtectionSettings();
            ContactorSettings contactors = new ContactorSettings();
            InsulationMonitorSettings insulation = new InsulationMonitorSettings();
            ParameterDatabase database = new ParameterDatabase(Capacity);

            database.AddFloat(CellOvervoltageWarning, "cellOv.warning", ParameterUnit.Volt, 2.5f, 4.5f, protection.CellOvervoltage.Warning.Threshold);
            database.AddFloat(CellOvervoltageTrip, "cellOv.trip", ParameterUnit.Volt, 2.5f, 4.6f, protection.CellOvervoltage.Trip.Threshold);
            database.AddFloat(CellUndervoltageWarning, "cellUv.warning", ParameterUnit.Volt, 1.5f, 4.0f, protection.CellUndervoltage.Warning.Threshold);
            database.AddFloat(CellUndervoltageTrip, "cellUv.trip", ParameterUnit.Volt, 1.5f, 4.0f, protection.CellUndervoltage.Trip.Threshold);
            database.AddFloat(ChargeOvercurrentTrip, "chargeOc.trip", ParameterUnit.Ampere, 1f, 5000f, protection.ChargeOvercurrent.Trip.Threshold);
            database.AddFloat(DischargeOvercurrentTrip, "dischargeOc.trip", ParameterUnit.Ampere, 1f, 5000f, protection.DischargeOvercurrent.Trip.Threshold);
            database.AddFloat(ChargeOvertemperatureTrip, "chargeOt.trip", ParameterUnit.DegreeCelsius, 20f, 85f, protection.ChargeOvertemperature.Trip.Threshold);

            database.AddInt32(ContactorFeedbackTimeout, "contactor.feedbackTimeout", ParameterUnit.Millisecond, 10, 1000, contactors.FeedbackTimeoutMilliseconds, 1f);
            database.AddInt32(PrechargeTimeout, "contactor.prechargeTimeout", ParameterUnit.Millisecond, 100, 10000, contactors.PrechargeTimeoutMilliseconds, 1f);
            database.AddFloat(PrechargeTarget, "contactor.prechargeTarget", ParameterUnit.Fraction, 0.5f, 0.99f, contactors.PrechargeTargetFraction);
            database.AddFloat(BreakCurrentThreshold, "contactor.breakCurrent", ParameterUnit.Ampere, 0.5f, 100f, contactors.BreakCurrentThresholdAmperes);

            database.AddFloat(InsulationWarning, "insulation.warning", ParameterUnit.OhmPerVolt, 50f, 5000f, insulation.WarningOhmsPerVolt);
            database.AddFloat(InsulationFault, "insulation.fault", ParameterUnit.OhmPerVolt, 50f, 5000f, insulation.FaultOhmsPerVolt);
            database.AddBool(InsulationPrediction, "insulation.predict", insulation.PredictFinalValue);
            return database;
        }

        /// <summary>Writes the protection parameters into <paramref name="settings"/> and validates them.</summary>
        public static void ApplyTo(ParameterDatabase database, ProtectionSettings settings)
        {
            CheckArguments(database, settings);
            settings.CellOvervoltage.Warning.Threshold = database.GetFloat(CellOvervoltageWarning);
            settings.CellOvervoltage.Trip.Threshold = database.GetFloat(CellOvervoltageTrip);
            settings.CellUndervoltage.Warning.Threshold = database.GetFloat(CellUndervoltageWarning);
            settings.CellUndervoltage.Trip.Threshold = database.GetFloat(CellUndervoltageTrip);
            settings.ChargeOvercurrent.Trip.Threshold = database.GetFloat(ChargeOvercurrentTrip);
            settings.DischargeOvercurrent.Trip.Threshold = database.GetFloat(DischargeOvercurrentTrip);
            settings.ChargeOvertemperature.Trip.Threshold = database.GetFloat(ChargeOvertemperatureTrip);
            settings.Validate();
        }

        /// <summary>Writes the contactor parameters into <paramref name="settings"/> and validates them.</summary>
        public static void ApplyTo(ParameterDatabase database, ContactorSettings settings)
        {
            CheckArguments(database, settings);
            settings.FeedbackTimeoutMilliseconds = database.GetInt32(ContactorFeedbackTimeout);
            settings.PrechargeTimeoutMilliseconds = database.GetInt32(PrechargeTimeout);
            settings.PrechargeTargetFraction = database.GetFloat(PrechargeTarget);
            settings.BreakCurrentThresholdAmperes = database.GetFloat(BreakCurrentThreshold);
            settings.Validate();
        }

        /// <summary>Writes the insulation parameters into <paramref name="settings"/> and validates them.</summary>
        public static void ApplyTo(ParameterDatabase database, InsulationMonitorSettings settings)
        {
            CheckArguments(database, settings);
            settings.WarningOhmsPerVolt = database.GetFloat(InsulationWarning);
            settings.FaultOhmsPerVolt = database.GetFloat(InsulationFault);
            settings.PredictFinalValue = database.GetBool(InsulationPrediction);
            settings.Validate();
        }

        /// <summary>
        /// Returns the index of the first parameter of the settings group whose validation fails with the
        /// database's values, or -1 when every group is valid. Routine 0x0300 refuses to save in that case.
        /// </summary>
        public int FindInconsistentParameter(ParameterDatabase database)
        {
            try
            {
                ApplyTo(database, new ProtectionSettings());
            }
            catch (ArgumentException)
            {
                return database.RequireIndex(CellOvervoltageWarning);
            }

            try
            {
                ApplyTo(database, new ContactorSettings());
            }
            catch (ArgumentException)
            {
                return database.RequireIndex(ContactorFeedbackTimeout);
            }

            try
            {
                ApplyTo(database, new InsulationMonitorSettings());
            }
            catch (ArgumentException)
            {
                return database.RequireIndex(InsulationWarning);
            }

            return -1;
        }

        private static void CheckArguments(ParameterDatabase database, object settings)
        {
            if (database == null || settings == null)
            {
                throw new ArgumentNullException(database == null ? "database" : "settings");
            }
        }
    }
}
