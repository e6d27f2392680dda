using System;
using Controllers.Firmware.Common.Parameters;
using Controllers.Firmware.Vcu.Energy;
using Controllers.Firmware.Vcu.Faults;
using Controllers.Firmware.Vcu.Thermal;
using Controllers.Firmware.Vcu.Torque;

namespace Controllers.Firmware.Vcu.Parameters
{
    /// <summary>
    /// The VCU's parameter set: torque and regeneration limits, fault reaction caps, the range-extender SOC
    /// window and strategy, and the motor-loop thermal set points. Each default is read from a freshly built
    /// settings object, so the database and the settings classes cannot disagree on defaults.
    /// <see cref="CreateSettings"/> writes the values into the settings objects at start-up.
    /// </summary>
    public sealed class VcuParameters : IParameterValidator
    {
        /// <summary>Peak motor torque, N·m (TorqueArbiterSettings.PeakTorqueNewtonMetres).</summary>
        public const int PeakTorque = 0x0101;

        /// <summary>Regenerative torque on accelerator lift-off, N·m.</summary>
        public const int LiftOffRegen = 0x0102;

        /// <summary>Regenerative torque with the brake pedal fully pressed, N·m.</summary>
        public const int BrakeRegen = 0x0103;

        /// <summary>Speed below which regeneration reaches zero, km/h.</summary>
        public const int RegenFadeStart = 0x0104;

        /// <summary>Speed above which regeneration is fully available, km/h.</summary>
        public const int RegenFadeEnd = 0x0105;

        /// <summary>Limp-home speed cap, km/h.</summary>
        public const int LimpHomeSpeed = 0x0201;

        /// <summary>Limp-home torque cap, fraction of the available torque.</summary>
        public const int LimpHomeTorqueFraction = 0x0202;

        /// <summary>Derate torque cap, fraction of the available torque.</summary>
        public const int DerateTorqueFraction = 0x0203;

        /// <summary>Operation cycles without failure after which a confirmed DTC ages out.</summary>
        public const int DtcAgeingCycles = 0x0204;

        /// <summary>Range-extender strategy (EnergyStrategy code 0 to 4).</summary>
        public const int EnergyStrategyCode = 0x0301;

        /// <summary>SOC at which the range extender starts, fraction.</summary>
        public const int StartSoc = 0x0302;

        /// <summary>SOC at which the range extender stops, fraction.</summary>
        public const int StopSoc = 0x0303;

        /// <summary>SOC the energy management holds, fraction.</summary>
        public const int TargetSoc = 0x0304;

        /// <summary>SOC below which the range extender runs at rated power, fraction.</summary>
        public const int ProtectionSoc = 0x0305;

        /// <summary>Motor temperature at which the motor-loop pump switches on, °C.</summary>
        public const int MotorPumpOn = 0x0401;

        /// <summary>Motor temperature at which the motor-loop pump runs at full duty, °C.</summary>
        public const int MotorPumpFull = 0x0402;

        /// <summary>Motor temperature at which the radiator fan switches on, °C.</summary>
        public const int FanOn = 0x0403;

        /// <summary>Motor temperature at which the radiator fan runs at full duty, °C.</summary>
        public const int FanFull = 0x0404;

        /// <summary>Room in the database: the parameters above and spare entries for later additions.</summary>
        public const int Capacity = 32;

        /// <summary>
        /// Creates the VCU parameter database with every parameter at its default. The limits are this
        /// project's choices: wide enough for the ATV of boards/vcu-atv.yaml and its variants, narrow enough
        /// that a typing error is rejected.
        /// </summary>
        public static ParameterDatabase CreateDatabase()
        {
            TorqueArbiterSettings arbiter = new TorqueArbiterSettings();
            FaultReactionSettings faults = new FaultReactionSettings();
            RangeExtenderSettings energy = new RangeExtenderSettings();
            ThermalSettings thermal = new ThermalSettings();
            ParameterDatabase database = new ParameterDatabase(Capacity);

            database.AddFloat(PeakTorque, "torque.peak", ParameterUnit.NewtonMetre, 10f, 300f, arbiter.PeakTorqueNewtonMetres);
            database.AddFloat(LiftOffRegen, "regen.liftOff", ParameterUnit.NewtonMetre, 0f, 150f, arbiter.LiftOffRegenNewtonMetres);
            database.AddFloat(BrakeRegen, "regen.brake", ParameterUnit.NewtonMetre, 0f, 150f, arbiter.BrakeRegenNewtonMetres);
            database.AddFloat(RegenFadeStart, "regen.fadeStart", ParameterUnit.KilometrePerHour, 0f, 30f, arbiter.RegenFadeStartKmh);
            database.AddFloat(RegenFadeEnd, "regen.fadeEnd", ParameterUnit.KilometrePerHour, 0.5f, 60f, arbiter.RegenFadeEndKmh);

            database.AddFloat(LimpHomeSpeed, "limpHome.speed", ParameterUnit.KilometrePerHour, 5f, 60f, faults.LimpHomeSpeedKilometresPerHour);
            database.AddFloat(LimpHomeTorqueFraction, "limpHome.torque", ParameterUnit.Fraction, 0.05f, 1f, faults.LimpHomeTorqueFraction);
            database.AddFloat(DerateTorqueFraction, "derate.torque", ParameterUnit.Fraction, 0.05f, 1f, faults.DerateTorqueFraction);
            database.AddInt32(DtcAgeingCycles, "dtc.ageingCycles", ParameterUnit.Cycle, 1, 255, faults.AgeingThresholdCycles, 1f);

            database.AddEnum(EnergyStrategyCode, "energy.strategy", (int)EnergyStrategy.Automatic, (int)EnergyStrategy.Ecms, (int)energy.Strategy);
            database.AddFloat(StartSoc, "energy.startSoc", ParameterUnit.Fraction, 0.1f, 0.9f, energy.StartSoc);
            database.AddFloat(StopSoc, "energy.stopSoc", ParameterUnit.Fraction, 0.1f, 0.95f, energy.StopSoc);
            database.AddFloat(TargetSoc, "energy.targetSoc", ParameterUnit.Fraction, 0.1f, 0.9f, energy.TargetSoc);
            database.AddFloat(ProtectionSoc, "energy.protectionSoc", ParameterUnit.Fraction, 0.05f, 0.8f, energy.ProtectionSoc);

            database.AddFloat(MotorPumpOn, "thermal.motorPumpOn", ParameterUnit.DegreeCelsius, 20f, 150f, thermal.MotorPumpByMotor.OnCelsius);
            database.AddFloat(MotorPumpFull, "thermal.motorPumpFull", ParameterUnit.DegreeCelsius, 20f, 160f, thermal.MotorPumpByMotor.FullCelsius);
            database.AddFloat(FanOn, "thermal.fanOn", ParameterUnit.DegreeCelsius, 20f, 150f, thermal.FanByMotor.OnCelsius);
            database.AddFloat(FanFull, "thermal.fanFull", ParameterUnit.DegreeCelsius, 20f, 160f, thermal.FanByMotor.FullCelsius);
            return database;
        }

        /// <summary>
        /// Builds the VCU settings from <paramref name="database"/>. When the values together break a settings
        /// rule (which routine 0x0300 prevents, so only a record written by another firmware can cause it), the
        /// database returns to its defaults and <paramref name="rejected"/> is true.
        /// </summary>
        public static VcuSettings CreateSettings(ParameterDatabase database, out bool rejected)
        {
            if (database == null)
            {
                throw new ArgumentNullException("database");
            }

            VcuSettings settings = new VcuSettings();
            rejected = FindInconsistency(database, settings) >= 0;
            if (rejected)
            {
                database.RestoreDefaults();
                settings = new VcuSettings();
                Apply(database, settings);
            }

            return settings;
        }

        /// <summary>
        /// Returns the index of the first parameter of the settings group whose validation fails with the
        /// database's values, or -1 when every group is valid.
        /// </summary>
        public int FindInconsistentParameter(ParameterDatabase database)
        {
            return FindInconsistency(database, new VcuSettings());
        }

        private static int FindInconsistency(ParameterDatabase database, VcuSettings settings)
        {
            try
            {
                Apply(database, settings);
            }
            catch (ArgumentException)
            {
                // Only the thermal duty curves check their points on construction.
                return database.RequireIndex(MotorPumpOn);
            }

            if (!IsValid(settings, 0))
            {
                return database.RequireIndex(PeakTorque);
            }

            if (!IsValid(settings, 1))
            {
                return database.RequireIndex(LimpHomeSpeed);
            }

            if (!IsValid(settings, 2))
            {
                return database.RequireIndex(EnergyStrategyCode);
            }

            if (!IsValid(settings, 3))
            {
                return database.RequireIndex(MotorPumpOn);
            }

            return -1;
        }

        private static bool IsValid(VcuSettings settings, int group)
        {
            try
            {
                if (group == 0)
                {
                    settings.Arbiter.Validate();
                }
                else if (group == 1)
                {
                    settings.FaultReactions.Validate();
                }
                else if (group == 2)
                {
                    settings.RangeExtender.Validate();
                }
                else
                {
                    settings.Thermal.Validate();
                }

                return true;
            }
            catch (ArgumentException)
            {
                return false;
            }
        }

        private static void Apply(ParameterDatabase database, VcuSettings settings)
        {
            TorqueArbiterSettings arbiter = settings.Arbiter;
            arbiter.PeakTorqueNewtonMetres = database.GetFloat(PeakTorque);
            arbiter.LiftOffRegenNewtonMetres = database.GetFloat(LiftOffRegen);
            arbiter.BrakeRegenNewtonMetres = database.GetFloat(BrakeRegen);
            arbiter.RegenFadeStartKmh = database.GetFloat(RegenFadeStart);
            arbiter.RegenFadeEndKmh = database.GetFloat(RegenFadeEnd);

            FaultReactionSettings faults = settings.FaultReactions;
            faults.LimpHomeSpeedKilometresPerHour = database.GetFloat(LimpHomeSpeed);
            faults.LimpHomeTorqueFraction = database.GetFloat(LimpHomeTorqueFraction);
            faults.DerateTorqueFraction = database.GetFloat(DerateTorqueFraction);
            faults.AgeingThresholdCycles = database.GetInt32(DtcAgeingCycles);

            RangeExtenderSettings energy = settings.RangeExtender;
            energy.Strategy = (EnergyStrategy)database.GetInt32(EnergyStrategyCode);
            energy.StartSoc = database.GetFloat(StartSoc);
            energy.StopSoc = database.GetFloat(StopSoc);
            energy.TargetSoc = database.GetFloat(TargetSoc);
            energy.ProtectionSoc = database.GetFloat(ProtectionSoc);

            ThermalSettings thermal = settings.Thermal;
            DutyCurve pump = thermal.MotorPumpByMotor;
            DutyCurve fan = thermal.FanByMotor;
            thermal.MotorPumpByMotor = new DutyCurve(database.GetFloat(MotorPumpOn), database.GetFloat(MotorPumpFull), pump.MinimumDuty, pump.HysteresisKelvin);
            thermal.FanByMotor = new DutyCurve(database.GetFloat(FanOn), database.GetFloat(FanFull), fan.MinimumDuty, fan.HysteresisKelvin);
        }
    }
}
