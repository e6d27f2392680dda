using System;
using Controllers.Firmware.Common.Numerics;

namespace Controllers.Firmware.Bms.Estimation
{
    /// <summary>
    /// State-of-power estimator: the largest constant charge and discharge current a cell can carry for
    /// each horizon Δt without leaving its voltage window or SOC range, and the power at that current.
    /// <para>
    /// Current I is positive when charging, as everywhere in the firmware. Held for Δt from the present
    /// state, the model of <see cref="CellModel"/> predicts the terminal voltage at the end as
    /// V(Δt) = OCV(SOC + η·I·Δt / (3600·C)) + I·R0 + Σk [Vk·e^(−Δt/τk) + I·Rk·(1 − e^(−Δt/τk))],
    /// with C the capacity in ampere-hours, η the charge efficiency (1 when discharging), Vk the present
    /// RC branch voltages, and R0, Rk, τk taken at the present SOC and temperature. R0 follows the sign of
    /// I (<see cref="CellModel.GetOhmicResistanceOhms"/>), so charge limits use the charge R0.
    /// </para>
    /// <para>
    /// V(Δt) rises strictly with I because the OCV tables rise with SOC and the ohmic drop I·R0(I) rises
    /// with I (the charge-to-discharge R0 ratio is bounded, see <see cref="CellParameters"/>). The charge
    /// limit is therefore the largest I ≥ 0 with V(Δt) ≤ MaximumVoltageVolts, and the discharge limit the
    /// largest |I| with I ≤ 0 and V(Δt) ≥ MinimumVoltageVolts. Both are searched between zero and a bound
    /// set by the derated current rating and by the charge left before SOC reaches 1 or 0. The search
    /// is the Illinois variant of false position. It keeps a bracket [feasible, infeasible], stops
    /// after at most 20 steps and returns the feasible end, so the limit never exceeds the true root by
    /// more than float rounding. With a piecewise-linear OCV it usually converges in two to four steps.
    /// </para>
    /// <para>
    /// For N cells in series the pack current limit is the smallest cell limit, and the pack power is
    /// that current times the sum of the predicted cell voltages at it. Every array is allocated in the
    /// constructor, so the calculation methods allocate nothing.
    /// </para>
    /// </summary>
    public sealed class PowerLimitEstimator
    {
        private const float SecondsPerHour = 3600f;

        // Bound on solver steps, so one call has a fixed worst-case cost.
        private const int MaximumIterations = 20;

        // The search stops once the feasible end lies within this voltage of the limit (10 µV, about
        // twenty float steps at 4 V) or the bracket is narrower than the current tolerance.
        private const float VoltageToleranceVolts = 1e-5f;
        private const float CurrentToleranceAmperes = 1e-4f;

        private readonly CellModel model;
        private readonly float capacityAmpereSeconds;
        private readonly float chargeEfficiency;
        private readonly float minimumVoltage;
        private readonly float maximumVoltage;
        private readonly float maximumChargeCurrent;
        private readonly float maximumDischargeCurrent;
        private readonly float[] deratingTemperatures;
        private readonly float[] chargeDerating;
        private readonly float[] dischargeDerating;
        private readonly float[] horizons;
        private readonly int cellCount;

        // Operating point of each cell for the call in progress. Decay factors are stored per cell and
        // horizon at index cell * horizonCount + horizon.
        private readonly float[] cellSoc;
        private readonly float[] cellFastBranch;
        private readonly float[] cellSlowBranch;
        private readonly float[] cellTemperature;
        private readonly float[] cellChargeRating;
        private readonly float[] cellDischargeRating;
        private readonly bool[] cellValid;
        private readonly ImpedanceValues[] cellImpedance;
        private readonly float[] fastDecay;
        private readonly float[] slowDecay;

        /// <summary>
        /// Creates an estimator for strings of up to <paramref name="cellCount"/> series cells. Throws
        /// <see cref="ArgumentException"/> when a parameter or setting is invalid.
        /// </summary>
        public PowerLimitEstimator(CellParameters parameters, PowerLimitSettings settings, int cellCount)
        {
            if (parameters == null)
            {
                throw new ArgumentNullException("parameters");
            }

            if (settings == null)
            {
                throw new ArgumentNullException("settings");
            }

            if (cellCount < 1 || cellCount > 1024)
            {
                throw new ArgumentOutOfRangeException("cellCount", "cellCount = " + cellCount + " is outside 1 to 1024 series cells.");
            }

            settings.Validate();
            model = new CellModel(parameters);
            capacityAmpereSeconds = SecondsPerHour * parameters.CapacityAmpereHours;
            chargeEfficiency = parameters.ChargeEfficiency;
            minimumVoltage = parameters.MinimumVoltageVolts;
            maximumVoltage = parameters.MaximumVoltageVolts;
            maximumChargeCurrent = settings.MaximumChargeCurrentAmperes;
            maximumDischargeCurrent = settings.MaximumDischargeCurrentAmperes;

            // Copies, so a later change to the settings object cannot take effect half-way through a call.
            deratingTemperatures = Copy(settings.DeratingTemperaturesCelsius);
            chargeDerating = Copy(settings.ChargeDeratingFactors);
            dischargeDerating = Copy(settings.DischargeDeratingFactors);
            horizons = Copy(settings.HorizonsSeconds);

            this.cellCount = cellCount;
            cellSoc = new float[cellCount];
            cellFastBranch = new float[cellCount];
            cellSlowBranch = new float[cellCount];
            cellTemperature = new float[cellCount];
            cellChargeRating = new float[cellCount];
            cellDischargeRating = new float[cellCount];
            cellValid = new bool[cellCount];
            cellImpedance = new ImpedanceValues[cellCount];
            for (int i = 0; i < cellCount; i++)
            {
                cellImpedance[i] = new ImpedanceValues();
            }

            fastDecay = new float[cellCount * horizons.Length];
            slowDecay = new float[cellCount * horizons.Length];
        }

        /// <summary>Largest number of series cells that <see cref="CalculatePack"/> accepts.</summary>
        public int CellCount
        {
            get { return cellCount; }
        }

        /// <summary>Number of prediction horizons, the length of every array in <see cref="PowerLimits"/>.</summary>
        public int HorizonCount
        {
            get { return horizons.Length; }
        }

        /// <summary>Returns the horizon at <paramref name="index"/>, in seconds.</summary>
        public float GetHorizonSeconds(int index)
        {
            return horizons[index];
        }

        /// <summary>
        /// Fills <paramref name="result"/> with the limits of one cell. SOC is a fraction and is clamped to
        /// 0 to 1, and the branch voltages are those of <see cref="SocEstimator"/>. A NaN or infinite input
        /// gives zero limits in both directions.
        /// </summary>
        public void CalculateCell(float soc, float fastBranchVolts, float slowBranchVolts, float temperatureCelsius, PowerLimits result)
        {
            CheckResult(result);

            LoadCell(0, soc, fastBranchVolts, slowBranchVolts, temperatureCelsius);

            for (int h = 0; h < horizons.Length; h++)
            {
                float charge = SolveCellLimit(0, h, 1f);
                float discharge = SolveCellLimit(0, h, -1f);
                StoreLimits(result, h, charge, 0, discharge, 0, 1);
            }
        }

        /// <summary>
        /// Fills <paramref name="result"/> with the limits of <paramref name="count"/> series cells: the
        /// smallest cell current limit per direction and horizon, and that current times the sum of the
        /// predicted cell voltages. Index i of each array is cell i. A cell with a NaN or infinite input
        /// sets both limits to zero.
        /// </summary>
        public void CalculatePack(float[] socs, float[] fastBranchVolts, float[] slowBranchVolts, float[] temperaturesCelsius, int count, PowerLimits result)
        {
            if (count < 1 || count > cellCount)
            {
                throw new ArgumentOutOfRangeException("count", "count = " + count + " is outside 1 to CellCount (" + cellCount + "); create the estimator with a larger cellCount.");
            }

            CheckCellArray(socs, "socs", count);
            CheckCellArray(fastBranchVolts, "fastBranchVolts", count);
            CheckCellArray(slowBranchVolts, "slowBranchVolts", count);
            CheckCellArray(temperaturesCelsius, "temperaturesCelsius", count);
            CheckResult(result);

            for (int c = 0; c < count; c++)
            {
                LoadCell(c, socs[c], fastBranchVolts[c], slowBranchVolts[c], temperaturesCelsius[c]);
            }

            for (int h = 0; h < horizons.Length; h++)
            {
                int chargeCell = 0;
                float charge = SolveCellLimit(0, h, 1f);
                int dischargeCell = 0;
                float discharge = SolveCellLimit(0, h, -1f);
                for (int c = 1; c < count; c++)
                {
                    float cellCharge = SolveCellLimit(c, h, 1f);
                    if (cellCharge < charge)
                    {
                        charge = cellCharge;
                        chargeCell = c;
                    }

                    float cellDischarge = SolveCellLimit(c, h, -1f);
                    if (cellDischarge < discharge)
                    {
                        discharge = cellDischarge;
                        dischargeCell = c;
                    }
                }

                StoreLimits(result, h, charge, chargeCell, discharge, dischargeCell, count);
            }
        }

        /// <summary>
        /// Predicts the terminal voltage of cell <paramref name="cell"/> at the end of horizon
        /// <paramref name="horizon"/> under a constant <paramref name="currentAmperes"/> (positive when
        /// charging), from the operating point that <see cref="LoadCell"/> stored.
        /// </summary>
        private float PredictVoltage(int cell, int horizon, float currentAmperes)
        {
            // NOTE: R0, Rk and τk stay at the present SOC and temperature for the whole horizon, so a pulse
            // into a region of rising resistance, or one that heats the cell, gets a slightly optimistic limit.
            float efficiency = currentAmperes > 0f ? chargeEfficiency : 1f;
            float socAtEnd = cellSoc[cell] + efficiency * currentAmperes * horizons[horizon] / capacityAmpereSeconds;

            ImpedanceValues impedance = cellImpedance[cell];
            int index = cell * horizons.Length + horizon;
            float fast = fastDecay[index];
            float slow = slowDecay[index];

            float voltage = model.GetOpenCircuitVoltage(socAtEnd, cellTemperature[cell]);
            voltage += currentAmperes * model.GetOhmicResistanceOhms(impedance, currentAmperes);
            voltage += cellFastBranch[cell] * fast + currentAmperes * impedance.FastBranchResistanceOhms * (1f - fast);
            voltage += cellSlowBranch[cell] * slow + currentAmperes * impedance.SlowBranchResistanceOhms * (1f - slow);
            return voltage;
        }

        private void LoadCell(int cell, float soc, float fastBranchVolts, float slowBranchVolts, float temperatureCelsius)
        {
            bool valid = FloatMath.IsFinite(soc) && FloatMath.IsFinite(fastBranchVolts)
                && FloatMath.IsFinite(slowBranchVolts) && FloatMath.IsFinite(temperatureCelsius);
            cellValid[cell] = valid;
            if (!valid)
            {
                return;
            }

            float clampedSoc = FloatMath.Clamp(soc, 0f, 1f);
            cellSoc[cell] = clampedSoc;
            cellFastBranch[cell] = fastBranchVolts;
            cellSlowBranch[cell] = slowBranchVolts;
            cellTemperature[cell] = temperatureCelsius;

            ImpedanceValues impedance = cellImpedance[cell];
            model.GetImpedance(clampedSoc, temperatureCelsius, impedance);
            for (int h = 0; h < horizons.Length; h++)
            {
                int index = cell * horizons.Length + h;
                fastDecay[index] = CellModel.GetBranchDecay(horizons[h], impedance.FastBranchTimeConstantSeconds);
                slowDecay[index] = CellModel.GetBranchDecay(horizons[h], impedance.SlowBranchTimeConstantSeconds);
            }

            // Derating factors interpolate linearly between table temperatures and hold the end values outside.
            float fraction;
            int segment = Interpolation.FindSegment(deratingTemperatures, temperatureCelsius, out fraction);
            cellChargeRating[cell] = maximumChargeCurrent * Lerp(chargeDerating, segment, fraction);
            cellDischargeRating[cell] = maximumDischargeCurrent * Lerp(dischargeDerating, segment, fraction);
        }

        /// <summary>
        /// Solves for the current magnitude limit of one cell for one horizon. <paramref name="direction"/>
        /// is +1 for charge and −1 for discharge.
        /// </summary>
        private float SolveCellLimit(int cell, int horizon, float direction)
        {
            if (!cellValid[cell])
            {
                return 0f;
            }

            // Upper bound: the derated rating, and the current that brings SOC to exactly 1 or 0 at the
            // end of the horizon.
            float horizonSeconds = horizons[horizon];
            float bound;
            float voltageLimit;
            if (direction > 0f)
            {
                float socRoom = (1f - cellSoc[cell]) * capacityAmpereSeconds / (chargeEfficiency * horizonSeconds);
                bound = FloatMath.Min(cellChargeRating[cell], socRoom);
                voltageLimit = maximumVoltage;
            }
            else
            {
                float socRoom = cellSoc[cell] * capacityAmpereSeconds / horizonSeconds;
                bound = FloatMath.Min(cellDischargeRating[cell], socRoom);
                voltageLimit = minimumVoltage;
            }

            if (!(bound > 0f))
            {
                return 0f;
            }

            // Margin(x) = direction * (limit - V(direction * x)) falls strictly with the magnitude x and is
            // non-negative where x is allowed.
            float feasible = 0f;
            float feasibleMargin = Margin(cell, horizon, direction, 0f, voltageLimit);
            if (feasibleMargin < 0f)
            {
                // The relaxing branches alone take the cell past the limit, so no current is allowed.
                return 0f;
            }

            float infeasible = bound;
            float infeasibleMargin = Margin(cell, horizon, direction, bound, voltageLimit);
            if (infeasibleMargin >= 0f)
            {
                return bound;
            }

            // Illinois false position: after two updates on the same side, halve the margin kept for the
            // other end, so the bracket shrinks from both sides instead of creeping in from one.
            int lastSide = 0;
            for (int i = 0; i < MaximumIterations; i++)
            {
                float trial = feasible + (infeasible - feasible) * feasibleMargin / (feasibleMargin - infeasibleMargin);
                if (!(trial > feasible && trial < infeasible))
                {
                    trial = 0.5f * (feasible + infeasible);
                }

                float margin = Margin(cell, horizon, direction, trial, voltageLimit);
                if (margin >= 0f)
                {
                    feasible = trial;
                    feasibleMargin = margin;
                    if (lastSide > 0)
                    {
                        infeasibleMargin *= 0.5f;
                    }

                    lastSide = 1;
                    if (margin <= VoltageToleranceVolts)
                    {
                        break;
                    }
                }
                else
                {
                    infeasible = trial;
                    infeasibleMargin = margin;
                    if (lastSide < 0)
                    {
                        feasibleMargin *= 0.5f;
                    }

                    lastSide = -1;
                }

                if (infeasible - feasible <= CurrentToleranceAmperes)
                {
                    break;
                }
            }

            return feasible;
        }

        private float Margin(int cell, int horizon, float direction, float magnitude, float voltageLimit)
        {
            return direction * (voltageLimit - PredictVoltage(cell, horizon, direction * magnitude));
        }

        private void StoreLimits(PowerLimits result, int horizon, float charge, int chargeCell, float discharge, int dischargeCell, int count)
        {
            float chargeVoltage = 0f;
            float dischargeVoltage = 0f;
            if (charge > 0f)
            {
                for (int c = 0; c < count; c++)
                {
                    chargeVoltage += PredictVoltage(c, horizon, charge);
                }
            }

            if (discharge > 0f)
            {
                for (int c = 0; c < count; c++)
                {
                    dischargeVoltage += PredictVoltage(c, horizon, -discharge);
                }
            }

            result.ChargeCurrentAmperes[horizon] = charge;
            result.ChargePowerWatts[horizon] = charge * chargeVoltage;
            result.ChargeLimitingCell[horizon] = chargeCell;
            result.DischargeCurrentAmperes[horizon] = discharge;
            result.DischargePowerWatts[horizon] = discharge * dischargeVoltage;
            result.DischargeLimitingCell[horizon] = dischargeCell;
        }

        private void CheckResult(PowerLimits result)
        {
            if (result == null)
            {
                throw new ArgumentNullException("result");
            }

            if (result.HorizonCount != horizons.Length)
            {
                throw new ArgumentException("result has " + result.HorizonCount + " horizons but HorizonsSeconds has " + horizons.Length + "; create it with new PowerLimits(HorizonCount).", "result");
            }
        }

        private static void CheckCellArray(float[] values, string name, int count)
        {
            if (values == null)
            {
                throw new ArgumentNullException(name);
            }

            if (values.Length < count)
            {
                throw new ArgumentException(name + " has " + values.Length + " values but count is " + count + ".", name);
            }
        }

        private static float Lerp(float[] table, int segment, float fraction)
        {
            if (table.Length == 1)
            {
                return table[0];
            }

            return table[segment] + fraction * (table[segment + 1] - table[segment]);
        }

        private static float[] Copy(float[] source)
        {
            float[] copy = new float[source.Length];
            for (int i = 0; i < source.Length; i++)
            {
                copy[i] = source[i];
            }

            return copy;
        }
    }
}
