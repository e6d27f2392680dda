using System;
using Controllers.Firmware.Common.Diagnostics;
using Controllers.Firmware.Common.Numerics;

namespace Controllers.Firmware.Vcu.Thermal
{
    /// <summary>
    /// Cooling control for the motor and inverter loop (pump, radiator fan) and the battery loop (pump, chiller
    /// request) from the temperatures in <see cref="VehicleSignals"/>, with after-run after key-off and a torque
    /// cap for over-temperature. A stale or implausible temperature sends its loop to full cooling. The duty
    /// curves in the settings keep their on/off state, so one settings object serves one manager.
    /// </summary>
    public sealed class ThermalManager
    {
        private readonly ThermalSettings settings;
        private readonly VehicleSignals signals;
        private readonly IThermalActuators actuators;
        private readonly DtcMemory dtcs;

        private bool previousKeyOn;
        private bool afterRun;
        private long afterRunStartMicroseconds;

        /// <summary>Creates the manager; <paramref name="dtcs"/> must have the thermal DTCs of <see cref="VcuDtc"/> registered.</summary>
        public ThermalManager(ThermalSettings settings, VehicleSignals signals, IThermalActuators actuators, DtcMemory dtcs)
        {
            if (settings == null || signals == null || actuators == null || dtcs == null)
            {
                throw new ArgumentNullException(settings == null ? "settings" : signals == null ? "signals" : actuators == null ? "actuators" : "dtcs");
            }

            settings.Validate();
            this.settings = settings;
            this.signals = signals;
            this.actuators = actuators;
            this.dtcs = dtcs;
            TorqueCapFraction = 1f;
        }

        /// <summary>Motor pump duty of the last update.</summary>
        public float MotorPumpDuty { get; private set; }

        /// <summary>Radiator fan duty of the last update.</summary>
        public float RadiatorFanDuty { get; private set; }

        /// <summary>Battery pump duty of the last update.</summary>
        public float BatteryPumpDuty { get; private set; }

        /// <summary>True while the chiller is requested.</summary>
        public bool ChillerRequested { get; private set; }

        /// <summary>
        /// Fraction of the available drive torque that the thermal state allows, 0 to 1. The torque path multiplies
        /// its motoring and regenerative limits by it.
        /// </summary>
        public float TorqueCapFraction { get; private set; }

        /// <summary>True while the cooling runs on after key-off; the network stays awake meanwhile.</summary>
        public bool AfterRunActive
        {
            get { return afterRun; }
        }

        /// <summary>True while the motor or inverter temperature is stale or implausible and the motor loop runs at full cooling.</summary>
        public bool MotorLoopFallback { get; private set; }

        /// <summary>True while a cell temperature is stale or implausible and the battery loop runs at full cooling.</summary>
        public bool BatteryLoopFallback { get; private set; }

        /// <summary>Runs one control step at <paramref name="nowMicroseconds"/> with the ignition key state <paramref name="keyOn"/>.</summary>
        public void Update(bool keyOn, long nowMicroseconds)
        {
            UpdateAfterRun(keyOn, nowMicroseconds);
            bool hvOn = signals.BmsValid && (signals.BmsState == 3 || signals.BmsState == 4);
            bool loopActive = keyOn || afterRun || hvOn;

            MotorLoopFallback = loopActive && !(signals.MotorStatusValid && IsPlausible(signals.MotorCelsius) && IsPlausible(signals.InverterCelsius));
            BatteryLoopFallback = hvOn && !(signals.BmsValid && IsPlausible(signals.MaxCellCelsius) && IsPlausible(signals.MinCellCelsius)
                && signals.MinCellCelsius <= signals.MaxCellCelsius);

            ControlMotorLoop(loopActive, hvOn);
            ControlBatteryLoop(hvOn);
            UpdateTorqueCap(loopActive);

            actuators.SetMotorPumpDuty(MotorPumpDuty);
            actuators.SetRadiatorFanDuty(RadiatorFanDuty);
            actuators.SetBatteryPumpDuty(BatteryPumpDuty);
            actuators.SetChillerRequest(ChillerRequested);
        }

        private void UpdateAfterRun(bool keyOn, long now)
        {
            if (keyOn)
            {
                afterRun = false;
            }
            else if (previousKeyOn)
            {
                afterRun = true;
                afterRunStartMicroseconds = now;
            }
            else if (afterRun)
            {
                long elapsed = now - afterRunStartMicroseconds;
                bool cool = signals.MotorStatusValid && signals.MotorCelsius < settings.AfterRunEndMotorCelsius
                    && signals.InverterCelsius < settings.AfterRunEndInverterCelsius;
                if (elapsed >= settings.AfterRunMaximumMicroseconds || (elapsed >= settings.AfterRunMinimumMicroseconds && cool))
                {
                    afterRun = false;
                }
            }

            previousKeyOn = keyOn;
        }

        private void ControlMotorLoop(bool loopActive, bool hvOn)
        {
            float engineFan = 0f;
            if (signals.EngineStatusValid && IsPlausible(signals.EngineCoolantCelsius))
            {
                engineFan = settings.FanByEngineCoolant.Evaluate(signals.EngineCoolantCelsius);
            }
            else if (signals.GeneratorValid && signals.GeneratorState != 0)
            {
                // The engine runs but its coolant temperature is unknown.
                engineFan = 1f;
            }

            if (!loopActive)
            {
                MotorPumpDuty = 0f;
                RadiatorFanDuty = engineFan;
                return;
            }

            if (MotorLoopFallback)
            {
                MotorPumpDuty = 1f;
                RadiatorFanDuty = 1f;
                return;
            }

            float pump = FloatMath.Max(settings.MotorPumpByMotor.Evaluate(signals.MotorCelsius),
                settings.MotorPumpByInverter.Evaluate(signals.InverterCelsius));
            if (hvOn)
            {
                pump = FloatMath.Max(pump, settings.MotorPumpMinimumDutyHvOn);
            }

            if (afterRun)
            {
                pump = FloatMath.Max(pump, settings.AfterRunPumpDuty);
            }

            float fan = FloatMath.Max(settings.FanByMotor.Evaluate(signals.MotorCelsius),
                settings.FanByInverter.Evaluate(signals.InverterCelsius));
            MotorPumpDuty = pump;
            RadiatorFanDuty = FloatMath.Max(fan, engineFan);
        }

        private void ControlBatteryLoop(bool hvOn)
        {
            if (!hvOn)
            {
                BatteryPumpDuty = 0f;
                ChillerRequested = false;
                return;
            }

            if (BatteryLoopFallback)
            {
                BatteryPumpDuty = 1f;
                ChillerRequested = true;
                return;
            }

            float pump = FloatMath.Max(settings.BatteryPumpByMaxCell.Evaluate(signals.MaxCellCelsius), settings.BatteryPumpMinimumDutyHvOn);
            if (signals.MaxCellCelsius - signals.MinCellCelsius >= settings.CellSpreadPumpKelvin)
            {
                pump = FloatMath.Max(pump, settings.BatteryPumpByMaxCell.MinimumDuty);
            }

            BatteryPumpDuty = pump;
            ChillerRequested = settings.ChillerByMaxCell.Evaluate(signals.MaxCellCelsius) > 0f;
        }

        private void UpdateTorqueCap(bool loopActive)
        {
            float motorCap = 1f;
            float inverterCap = 1f;
            float cellCap = 1f;
            if (MotorLoopFallback)
            {
                motorCap = settings.SensorFallbackTorqueFraction;
            }
            else if (loopActive)
            {
                motorCap = DerateFraction(signals.MotorCelsius, settings.MotorDerateStartCelsius, settings.MotorDerateEndCelsius);
                inverterCap = DerateFraction(signals.InverterCelsius, settings.InverterDerateStartCelsius, settings.InverterDerateEndCelsius);
            }

            if (!BatteryLoopFallback && signals.BmsValid)
            {
                cellCap = DerateFraction(signals.MaxCellCelsius, settings.CellDerateStartCelsius, settings.CellDerateEndCelsius);
            }

            TorqueCapFraction = FloatMath.Min(motorCap, FloatMath.Min(inverterCap, cellCap));
            dtcs.ReportTestResult(VcuDtc.MotorOverTemperature, motorCap < 1f && !MotorLoopFallback);
            dtcs.ReportTestResult(VcuDtc.InverterOverTemperature, inverterCap < 1f);
            dtcs.ReportTestResult(VcuDtc.BatteryOverTemperature, cellCap < 1f);
            dtcs.ReportTestResult(VcuDtc.ThermalSensorFallback, MotorLoopFallback || BatteryLoopFallback);
        }

        private static float DerateFraction(float celsius, float startCelsius, float endCelsius)
        {
            return FloatMath.Clamp((endCelsius - celsius) / (endCelsius - startCelsius), 0f, 1f);
        }

        private bool IsPlausible(float celsius)
        {
            return FloatMath.IsFinite(celsius) && celsius >= settings.PlausibleMinimumCelsius && celsius <= settings.PlausibleMaximumCelsius;
        }
    }
}
