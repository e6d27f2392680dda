using System;
using Controllers.Firmware.Common.Diagnostics;
using Controllers.Firmware.Common.Numerics;

namespace Controllers.Firmware.Bms.Protection
{
    /// <summary>
    /// Evaluates every protection of the pack from the latest samples, debounces each level, reports each
    /// DTC's test result to <see cref="DtcMemory"/> and derives the reactions: flags, charge and discharge
    /// current limit scales, and a latched contactor open request. Call <see cref="EvaluateCurrent"/> on
    /// each current sample, <see cref="EvaluateCells"/> on each cell voltage sample and
    /// <see cref="EvaluateTemperatures"/> on each temperature sample. The Evaluate methods do not allocate.
    /// </summary>
    public sealed class ProtectionMonitor
    {
        private const int SingleFaultCount = (int)ProtectionFault.CurrentSensorLoss - BmsDtcTable.GradedFaultCount + 1;

        private bool reportedOpenWire;
        private readonly ProtectionSettings settings;
        private readonly DtcMemory dtcMemory;
        private readonly Debouncer[] levelDebouncers;
        private readonly uint[] levelDtcs;
        private readonly bool[] upperLimits;
        private readonly float[] latestValues;
        private readonly Debouncer[] singleDebouncers;
        private readonly uint[] singleDtcs;
        private float latestCurrentAmperes;
        private bool currentValid;
        private float chargeScale = 1f;
        private float dischargeScale = 1f;
        private ProtectionLevel highestLevel;
        private ContactorOpenRequest openRequest;
        private int activeDtcCount;
        private uint mostSevereDtc;

        /// <summary>
        /// Validates <paramref name="settings"/> (throwing <see cref="ArgumentException"/> that names the bad
        /// value) and registers the protection DTCs in <paramref name="dtcMemory"/>.
        /// </summary>
        public ProtectionMonitor(ProtectionSettings settings, DtcMemory dtcMemory)
        {
            if (settings == null)
            {
                throw new ArgumentNullException("settings");
            }

            if (dtcMemory == null)
            {
                throw new ArgumentNullException("dtcMemory");
            }

            settings.Validate();
            this.settings = settings;
            this.dtcMemory = dtcMemory;
            BmsDtcTable.Register(dtcMemory, ProtectionFault.CellOvervoltage, ProtectionFault.CurrentSensorLoss);

            int graded = BmsDtcTable.GradedFaultCount;
            levelDebouncers = new Debouncer[graded * 3];
            levelDtcs = new uint[graded * 3];
            upperLimits = new bool[graded];
            latestValues = new float[graded];
            for (int f = 0; f < graded; f++)
            {
                ProtectionLimit limit = settings.GetLimit((ProtectionFault)f);
                upperLimits[f] = limit.Trip.Threshold > limit.Derate.Threshold;
                for (int level = 1; level <= 3; level++)
                {
                    ProtectionThreshold threshold = limit.GetLevel((ProtectionLevel)level);
                    levelDebouncers[f * 3 + level - 1] = new Debouncer(threshold.SetDebounceMilliseconds, threshold.ClearDebounceMilliseconds);
                    levelDtcs[f * 3 + level - 1] = BmsDtcTable.GetDtc((ProtectionFault)f, (ProtectionLevel)level);
                }
            }

            singleDebouncers = new Debouncer[SingleFaultCount];
            singleDtcs = new uint[SingleFaultCount];
            singleDebouncers[Single(ProtectionFault.PackVoltagePlausibility)] = NewDebouncer(settings.PackVoltagePlausibility);
            singleDebouncers[Single(ProtectionFault.CurrentPlausibility)] = NewDebouncer(settings.CurrentPlausibility);
            singleDebouncers[Single(ProtectionFault.OpenSenseWire)] = NewDebouncer(settings.OpenSenseWire);
            singleDebouncers[Single(ProtectionFault.TemperatureSensorFault)] = NewDebouncer(settings.TemperatureSensorFault);
            singleDebouncers[Single(ProtectionFault.AfeCommunicationLoss)] = NewDebouncer(settings.AfeCommunicationLoss);
            singleDebouncers[Single(ProtectionFault.CurrentSensorLoss)] = NewDebouncer(settings.CurrentSensorLoss);
            for (int i = 0; i < SingleFaultCount; i++)
            {
                ProtectionFault fault = (ProtectionFault)(i + graded);
                singleDtcs[i] = BmsDtcTable.GetDtc(fault, BmsDtcTable.GetSingleLevel(fault));
            }
        }

        /// <summary>
        /// Open sense wire reported by the AFE's own check (on a slave, the heartbeat's open-wire flag). An open wire
        /// does not always pull a cell reading below the threshold, because the input filter keeps the last voltage,
        /// so <see cref="EvaluateCells"/> treats this flag like a low reading.
        /// </summary>
        public bool ReportedOpenWire
        {
            get { return reportedOpenWire; }
            set { reportedOpenWire = value; }
        }

        /// <summary>Charge current limit scale from 0 to 1, the minimum over every active derate and trip.</summary>
        public float ChargeCurrentScale
        {
            get { return chargeScale; }
        }

        /// <summary>Discharge current limit scale from 0 to 1.</summary>
        public float DischargeCurrentScale
        {
            get { return dischargeScale; }
        }

        /// <summary>Highest active level of any fault, for the FaultLevel signal of BMS_FaultSummary.</summary>
        public ProtectionLevel HighestLevel
        {
            get { return highestLevel; }
        }

        /// <summary>
        /// Latched contactor open request. A trip sets it and an emergency trip raises it to Emergency; it
        /// stays set after the trip clears until <see cref="ResetTrip"/>.
        /// </summary>
        public ContactorOpenRequest OpenRequest
        {
            get { return openRequest; }
        }

        /// <summary>Active protection DTCs, counting each active level of a graded fault.</summary>
        public int ActiveDtcCount
        {
            get { return activeDtcCount; }
        }

        /// <summary>DTC of the active fault with the highest level (emergencies first), or 0 when none is active.</summary>
        public uint MostSevereDtc
        {
            get { return mostSevereDtc; }
        }

        /// <summary>Pack current used by the latest current evaluation, in amperes, positive when charging.</summary>
        public float LatestCurrentAmperes
        {
            get { return latestCurrentAmperes; }
        }

        /// <summary>Returns the highest active level of <paramref name="fault"/> (a protection fault, not a contactor fault).</summary>
        public ProtectionLevel GetLevel(ProtectionFault fault)
        {
            int index = (int)fault;
            if (index < 0 || index > (int)ProtectionFault.CurrentSensorLoss)
            {
                throw new ArgumentOutOfRangeException("fault", "The protection monitor evaluates only faults up to CurrentSensorLoss; the contactor controller reports the others.");
            }

            if (index < BmsDtcTable.GradedFaultCount)
            {
                return GradedLevel(index);
            }

            return singleDebouncers[index - BmsDtcTable.GradedFaultCount].IsActive ? BmsDtcTable.GetSingleLevel(fault) : ProtectionLevel.None;
        }

        /// <summary>
        /// Clears the latched open request when no trip is active, and returns whether it did. Call it when
        /// the operator or the vehicle acknowledges the trip.
        /// </summary>
        public bool ResetTrip()
        {
            if (TripRequest() != ContactorOpenRequest.None)
            {
                return false;
            }

            openRequest = ContactorOpenRequest.None;
            return true;
        }

        /// <summary>
        /// Evaluates current sensor loss, current plausibility and both overcurrent limits from the shunt and
        /// the CAN current sensor (amperes, positive when charging). The shunt is used while it is valid.
        /// </summary>
        public void EvaluateCurrent(long nowMicroseconds, bool shuntValid, float shuntAmperes, bool sensorValid, float sensorAmperes)
        {
            shuntValid = shuntValid && FloatMath.IsFinite(shuntAmperes);
            sensorValid = sensorValid && FloatMath.IsFinite(sensorAmperes);

            UpdateSingle(ProtectionFault.CurrentSensorLoss, nowMicroseconds, !shuntValid && !sensorValid, shuntValid || sensorValid);
            if (!shuntValid && !sensorValid)
            {
                currentValid = false;
                Refresh();
                return;
            }

            // Both sources compare against the tolerance; a single source means the redundancy is lost,
            // which counts as implausible.
            if (shuntValid && sensorValid)
            {
                ProtectionThreshold tolerance = settings.CurrentPlausibility;
                float difference = FloatMath.Abs(shuntAmperes - sensorAmperes);
                UpdateSingle(ProtectionFault.CurrentPlausibility, nowMicroseconds, difference > tolerance.Threshold, difference < tolerance.Threshold - tolerance.Hysteresis);
            }
            else
            {
                UpdateSingle(ProtectionFault.CurrentPlausibility, nowMicroseconds, true, false);
            }

            float current = shuntValid ? shuntAmperes : sensorAmperes;
            latestCurrentAmperes = current;
            currentValid = true;
            UpdateGraded(ProtectionFault.ChargeOvercurrent, nowMicroseconds, current);
            UpdateGraded(ProtectionFault.DischargeOvercurrent, nowMicroseconds, -current);

            Refresh();
        }

        /// <summary>
        /// Evaluates AFE communication, open sense wires, cell over- and undervoltage and the pack voltage
        /// plausibility from the first <paramref name="cellCount"/> cell voltages (volts).
        /// <paramref name="cellsValid"/> is false when the AFE delivered no valid sample; the voltage checks
        /// then hold their state. <paramref name="packVoltageValid"/> false skips the plausibility check.
        /// </summary>
        public void EvaluateCells(long nowMicroseconds, bool cellsValid, float[] cellVoltagesVolts, int cellCount, bool packVoltageValid, float packVoltageVolts)
        {
            if (cellsValid && (cellVoltagesVolts == null || cellCount < 1 || cellCount > cellVoltagesVolts.Length))
            {
                throw new ArgumentException("cellCount must be between 1 and the length of cellVoltagesVolts.", "cellCount");
            }

            UpdateSingle(ProtectionFault.AfeCommunicationLoss, nowMicroseconds, !cellsValid, cellsValid);
            if (!cellsValid)
            {
                Refresh();
                return;
            }

            float minimum = float.MaxValue;
            float maximum = -float.MaxValue;
            float sum = 0f;
            for (int i = 0; i < cellCount; i++)
            {
                float voltage = cellVoltagesVolts[i];
                sum += voltage;
                if (voltage < minimum)
                {
                    minimum = voltage;
                }

                if (voltage > maximum)
                {
                    maximum = voltage;
                }
            }

            // A broken sense wire leaves the AFE input floating or pulled to the neighbour, so one cell
            // reads near zero and undervoltage must not be trusted for it.
            ProtectionThreshold openWire = settings.OpenSenseWire;
            bool openSet = minimum < openWire.Threshold || reportedOpenWire;
            bool openClear = minimum > openWire.Threshold + openWire.Hysteresis && !reportedOpenWire;
            UpdateSingle(ProtectionFault.OpenSenseWire, nowMicroseconds, openSet, openClear);

            UpdateGraded(ProtectionFault.CellOvervoltage, nowMicroseconds, maximum);
            UpdateGraded(ProtectionFault.CellUndervoltage, nowMicroseconds, minimum);

            if (packVoltageValid && FloatMath.IsFinite(packVoltageVolts))
            {
                ProtectionThreshold tolerance = settings.PackVoltagePlausibility;
                float difference = FloatMath.Abs(sum - packVoltageVolts);
                UpdateSingle(ProtectionFault.PackVoltagePlausibility, nowMicroseconds, difference > tolerance.Threshold, difference < tolerance.Threshold - tolerance.Hysteresis);
            }

            Refresh();
        }

        /// <summary>
        /// Evaluates the temperature sensors and the four temperature limits from the first
        /// <paramref name="channelCount"/> channels (°C). Channels whose <paramref name="channelValid"/> entry is
        /// false raise the sensor fault and are left out of the limits.
        /// </summary>
        public void EvaluateTemperatures(long nowMicroseconds, float[] temperaturesCelsius, bool[] channelValid, int channelCount)
        {
            if (temperaturesCelsius == null || channelValid == null || channelCount < 1
                || channelCount > temperaturesCelsius.Length || channelCount > channelValid.Length)
            {
                throw new ArgumentException("channelCount must be between 1 and the length of both arrays.", "channelCount");
            }

            float minimum = float.MaxValue;
            float maximum = -float.MaxValue;
            bool anyInvalid = false;
            bool anyValid = false;
            for (int i = 0; i < channelCount; i++)
            {
                float temperature = temperaturesCelsius[i];
                if (!channelValid[i] || !FloatMath.IsFinite(temperature))
                {
                    anyInvalid = true;
                    continue;
                }

                anyValid = true;
                if (temperature < minimum)
                {
                    minimum = temperature;
                }

                if (temperature > maximum)
                {
                    maximum = temperature;
                }
            }

            UpdateSingle(ProtectionFault.TemperatureSensorFault, nowMicroseconds, anyInvalid, !anyInvalid);

            // NOTE: with every channel failed the limits hold their last state; only the sensor fault
            // (a derate) reacts. A pack that must stop in that case needs TemperatureSensorFault at Trip.
            if (anyValid)
            {
                UpdateGraded(ProtectionFault.ChargeOvertemperature, nowMicroseconds, maximum);
                UpdateGraded(ProtectionFault.DischargeOvertemperature, nowMicroseconds, maximum);
                UpdateGraded(ProtectionFault.ChargeUndertemperature, nowMicroseconds, minimum);
                UpdateGraded(ProtectionFault.DischargeUndertemperature, nowMicroseconds, minimum);
            }

            Refresh();
        }

        private void UpdateGraded(ProtectionFault fault, long nowMicroseconds, float value)
        {
            int f = (int)fault;
            latestValues[f] = value;
            ProtectionLimit limit = settings.GetLimit(fault);
            for (int level = 1; level <= 3; level++)
            {
                ProtectionThreshold threshold = limit.GetLevel((ProtectionLevel)level);
                bool set;
                bool clear;
                if (upperLimits[f])
                {
                    set = value > threshold.Threshold;
                    clear = value < threshold.Threshold - threshold.Hysteresis;
                }
                else
                {
                    set = value < threshold.Threshold;
                    clear = value > threshold.Threshold + threshold.Hysteresis;
                }

                int index = f * 3 + level - 1;
                bool active = levelDebouncers[index].Update(nowMicroseconds, set, clear);
                dtcMemory.ReportTestResult(levelDtcs[index], active);
            }
        }

        private void UpdateSingle(ProtectionFault fault, long nowMicroseconds, bool set, bool clear)
        {
            int index = Single(fault);
            bool active = singleDebouncers[index].Update(nowMicroseconds, set, clear);
            dtcMemory.ReportTestResult(singleDtcs[index], active);
        }

        private ProtectionLevel GradedLevel(int f)
        {
            for (int level = 3; level >= 1; level--)
            {
                if (levelDebouncers[f * 3 + level - 1].IsActive)
                {
                    return (ProtectionLevel)level;
                }
            }

            return ProtectionLevel.None;
        }

        private void Refresh()
        {
            float charge = 1f;
            float discharge = 1f;
            ProtectionLevel highest = ProtectionLevel.None;
            int count = 0;
            uint severe = 0;
            bool severeIsEmergency = false;

            for (int f = 0; f < BmsDtcTable.GradedFaultCount; f++)
            {
                ProtectionLevel level = GradedLevel(f);
                if (level == ProtectionLevel.None)
                {
                    continue;
                }

                for (int l = 1; l <= 3; l++)
                {
                    if (levelDebouncers[f * 3 + l - 1].IsActive)
                    {
                        count++;
                    }
                }

                ProtectionFault fault = (ProtectionFault)f;
                float scale = 1f;
                if (level == ProtectionLevel.Trip)
                {
                    scale = 0f;
                }
                else if (level == ProtectionLevel.Derate)
                {
                    scale = DerateScale(f);
                }

                ApplyScale(fault, scale, ref charge, ref discharge);
                bool emergency = level == ProtectionLevel.Trip && BmsDtcTable.IsEmergency(fault);
                if (level > highest || (level == highest && emergency && !severeIsEmergency))
                {
                    highest = level;
                    severe = levelDtcs[f * 3 + (int)level - 1];
                    severeIsEmergency = emergency;
                }
            }

            for (int i = 0; i < SingleFaultCount; i++)
            {
                if (!singleDebouncers[i].IsActive)
                {
                    continue;
                }

                count++;
                ProtectionFault fault = (ProtectionFault)(i + BmsDtcTable.GradedFaultCount);
                ProtectionLevel level = BmsDtcTable.GetSingleLevel(fault);
                float scale = level == ProtectionLevel.Trip ? 0f : (level == ProtectionLevel.Derate ? settings.FaultDerateScale : 1f);
                ApplyScale(fault, scale, ref charge, ref discharge);
                if (level > highest)
                {
                    highest = level;
                    severe = singleDtcs[i];
                    severeIsEmergency = false;
                }
            }

            chargeScale = charge;
            dischargeScale = discharge;
            highestLevel = highest;
            activeDtcCount = count;
            mostSevereDtc = severe;

            ContactorOpenRequest request = TripRequest();
            if (request > openRequest)
            {
                openRequest = request;
            }
        }

        // The open request that the trips active now call for, before latching.
        private ContactorOpenRequest TripRequest()
        {
            ContactorOpenRequest request = ContactorOpenRequest.None;
            bool charging = currentValid && latestCurrentAmperes > settings.ChargingDetectionAmperes;
            for (int f = 0; f < BmsDtcTable.GradedFaultCount; f++)
            {
                if (!levelDebouncers[f * 3 + 2].IsActive)
                {
                    continue;
                }

                // The charge temperature window only forbids charging: outside it the charge limit is zero, and
                // the contactors open only if charge current flows anyway.
                ProtectionFault fault = (ProtectionFault)f;
                bool chargeWindow = fault == ProtectionFault.ChargeOvertemperature || fault == ProtectionFault.ChargeUndertemperature;
                if (chargeWindow && !charging)
                {
                    continue;
                }

                ContactorOpenRequest needed = BmsDtcTable.IsEmergency(fault) ? ContactorOpenRequest.Emergency : ContactorOpenRequest.Normal;
                if (needed > request)
                {
                    request = needed;
                }
            }

            for (int i = 0; i < SingleFaultCount; i++)
            {
                ProtectionFault fault = (ProtectionFault)(i + BmsDtcTable.GradedFaultCount);
                if (singleDebouncers[i].IsActive && BmsDtcTable.GetSingleLevel(fault) == ProtectionLevel.Trip && request == ContactorOpenRequest.None)
                {
                    request = ContactorOpenRequest.Normal;
                }
            }

            return request;
        }

        // Linear from 1 at the derate threshold to 0 at the trip threshold, from the latest value.
        private float DerateScale(int f)
        {
            ProtectionLimit limit = settings.GetLimit((ProtectionFault)f);
            float derate = limit.Derate.Threshold;
            float trip = limit.Trip.Threshold;
            float scale = (trip - latestValues[f]) / (trip - derate);
            return FloatMath.Clamp(scale, 0f, 1f);
        }

        private static void ApplyScale(ProtectionFault fault, float scale, ref float charge, ref float discharge)
        {
            CurrentDirection direction = BmsDtcTable.GetDirection(fault);
            if (direction != CurrentDirection.Discharge && scale < charge)
            {
                charge = scale;
            }

            if (direction != CurrentDirection.Charge && scale < discharge)
            {
                discharge = scale;
            }
        }

        private static Debouncer NewDebouncer(ProtectionThreshold threshold)
        {
            return new Debouncer(threshold.SetDebounceMilliseconds, threshold.ClearDebounceMilliseconds);
        }

        private static Debouncer NewDebouncer(FaultDebounce debounce)
        {
            return new Debouncer(debounce.SetDebounceMilliseconds, debounce.ClearDebounceMilliseconds);
        }

        private static int Single(ProtectionFault fault)
        {
            return (int)fault - BmsDtcTable.GradedFaultCount;
        }
    }
}
