using Controllers.Firmware.Common.Numerics;

namespace Controllers.Firmware.Bms.Estimation
{
    /// <summary>
    /// Second-order equivalent-circuit model of a cell: terminal voltage =
    /// OCV(SOC, T) + h + R0 * I + V1 + V2, with h the hysteresis voltage (zero unless the parameters define it), where each RC branch voltage obeys dV/dt = -V / tau + R * I / tau
    /// and current I is positive when charging. R0 follows the current direction when the parameters carry a
    /// charge table (see <see cref="GetOhmicResistanceOhms"/>). Lookups allocate nothing.
    /// </summary>
    public sealed class CellModel
    {
        // Half-width of the central difference for the OCV slope, as SOC. It spans at least one table
        // segment, so the Kalman gain does not jump at every breakpoint.
        private const float SlopeHalfWidth = 0.01f;

        // Half-width of the current-direction dead band as a C-rate (C/100), see DirectionDeadBandAmperes.
        private const float DeadBandCRate = 0.01f;

        private readonly CellParameters parameters;

        /// <summary>Creates a model; throws <see cref="System.ArgumentException"/> when the parameters are invalid.</summary>
        public CellModel(CellParameters parameters)
        {
            parameters.Validate();
            this.parameters = parameters;
        }

        /// <summary>The parameter record this model reads.</summary>
        public CellParameters Parameters
        {
            get { return parameters; }
        }

        /// <summary>Open-circuit voltage in volts at <paramref name="soc"/> (fraction) and temperature.</summary>
        public float GetOpenCircuitVoltage(float soc, float temperatureCelsius)
        {
            return Interpolation.Bilinear(parameters.OcvTemperaturesCelsius, parameters.SocBreakpoints, parameters.OcvVolts, temperatureCelsius, soc);
        }

        /// <summary>Slope of the OCV curve in volts per unit SOC, by central difference over ±1 % SOC.</summary>
        public float GetOpenCircuitVoltageSlope(float soc, float temperatureCelsius)
        {
            float low = FloatMath.Max(soc - SlopeHalfWidth, 0f);
            float high = FloatMath.Min(soc + SlopeHalfWidth, 1f);
            if (high <= low)
            {
                return 0f;
            }

            return (GetOpenCircuitVoltage(high, temperatureCelsius) - GetOpenCircuitVoltage(low, temperatureCelsius)) / (high - low);
        }

        /// <summary>
        /// Capacity that sets the SOC scale at <paramref name="temperatureCelsius"/>, in ampere-hours: the
        /// capacity table interpolated and clamped at its ends, or <see cref="CellParameters.CapacityAmpereHours"/>
        /// when the table is empty.
        /// </summary>
        public float GetCapacityAmpereHours(float temperatureCelsius)
        {
            if (parameters.CapacityTemperaturesCelsius.Length == 0)
            {
                return parameters.CapacityAmpereHours;
            }

            return InterpolateOverTemperature(parameters.CapacityTemperaturesCelsius, parameters.CapacityByTemperatureAmpereHours, temperatureCelsius);
        }

        /// <summary>True when the parameters define hysteresis.</summary>
        public bool HasHysteresis
        {
            get { return parameters.HysteresisTemperaturesCelsius.Length > 0; }
        }

        /// <summary>Hysteresis magnitude at <paramref name="temperatureCelsius"/> in volts, 0 without hysteresis.</summary>
        public float GetHysteresisMagnitudeVolts(float temperatureCelsius)
        {
            return InterpolateOverTemperature(parameters.HysteresisTemperaturesCelsius, parameters.HysteresisMagnitudeVolts, temperatureCelsius);
        }

        /// <summary>Hysteresis rate at <paramref name="temperatureCelsius"/> in 1/SOC, 0 without hysteresis.</summary>
        public float GetHysteresisRatePerSoc(float temperatureCelsius)
        {
            return InterpolateOverTemperature(parameters.HysteresisTemperaturesCelsius, parameters.HysteresisRatePerSoc, temperatureCelsius);
        }

        /// <summary>
        /// Steps the hysteresis voltage over a SOC change: it moves toward +M while charging and −M while
        /// discharging, h ← a h + (1 − a) M sign(ΔSOC) with a = exp(−rate |ΔSOC|), and stays put at rest.
        /// </summary>
        public float StepHysteresis(float hysteresisVolts, float socChange, float temperatureCelsius)
        {
            if (socChange == 0f || !HasHysteresis)
            {
                return hysteresisVolts;
            }

            float magnitude = GetHysteresisMagnitudeVolts(temperatureCelsius);
            float rate = GetHysteresisRatePerSoc(temperatureCelsius);
            float moved = socChange > 0f ? socChange : -socChange;
            float decay = FloatMath.Exp(-rate * moved);
            float target = socChange > 0f ? magnitude : -magnitude;
            return decay * hysteresisVolts + (1f - decay) * target;
        }

        private static float InterpolateOverTemperature(float[] temperatures, float[] values, float temperatureCelsius)
        {
            if (temperatures.Length == 0)
            {
                return 0f;
            }

            float fraction;
            int segment = Interpolation.FindSegment(temperatures, temperatureCelsius, out fraction);
            if (segment + 1 >= values.Length)
            {
                return values[segment];
            }

            return values[segment] + fraction * (values[segment + 1] - values[segment]);
        }

        /// <summary>Fills <paramref name="result"/> with the impedance at <paramref name="soc"/> and temperature.</summary>
        public void GetImpedance(float soc, float temperatureCelsius, ImpedanceValues result)
        {
            float[] temperatures = parameters.ImpedanceTemperaturesCelsius;
            float[] socAxis = parameters.SocBreakpoints;
            float rowFraction;
            int row = Interpolation.FindSegment(temperatures, temperatureCelsius, out rowFraction);
            float columnFraction;
            int column = Interpolation.FindSegment(socAxis, soc, out columnFraction);
            int columns = socAxis.Length;
            int rows = temperatures.Length;

            result.OhmicResistanceOhms = Interpolation.Bilinear(parameters.OhmicResistanceOhms, columns, rows, row, rowFraction, column, columnFraction);
            result.ChargeOhmicResistanceOhms = parameters.ChargeOhmicResistanceOhms.Length == 0
                ? result.OhmicResistanceOhms
                : Interpolation.Bilinear(parameters.ChargeOhmicResistanceOhms, columns, rows, row, rowFraction, column, columnFraction);
            result.FastBranchResistanceOhms = Interpolation.Bilinear(parameters.FastBranchResistanceOhms, columns, rows, row, rowFraction, column, columnFraction);
            result.FastBranchTimeConstantSeconds = Interpolation.Bilinear(parameters.FastBranchTimeConstantSeconds, columns, rows, row, rowFraction, column, columnFraction);
            result.SlowBranchResistanceOhms = Interpolation.Bilinear(parameters.SlowBranchResistanceOhms, columns, rows, row, rowFraction, column, columnFraction);
            result.SlowBranchTimeConstantSeconds = Interpolation.Bilinear(parameters.SlowBranchTimeConstantSeconds, columns, rows, row, rowFraction, column, columnFraction);
        }

        /// <summary>
        /// Half-width of the current-direction dead band, in amperes: 1 % of the nominal capacity per hour
        /// (C/100). Outside it R0 is the charge (I &gt; 0) or discharge value. Inside it R0 moves linearly
        /// from one to the other, so the ohmic drop I R0(I) and its derivative stay continuous at I = 0.
        /// </summary>
        public float DirectionDeadBandAmperes
        {
            get { return DeadBandCRate * parameters.CapacityAmpereHours; }
        }

        /// <summary>
        /// Returns the ohmic resistance R0 for <paramref name="currentAmperes"/> (positive when charging)
        /// from an impedance that <see cref="GetImpedance"/> filled.
        /// </summary>
        public float GetOhmicResistanceOhms(ImpedanceValues impedance, float currentAmperes)
        {
            float deadBand = DirectionDeadBandAmperes;
            if (currentAmperes >= deadBand)
            {
                return impedance.ChargeOhmicResistanceOhms;
            }

            if (currentAmperes <= -deadBand)
            {
                return impedance.OhmicResistanceOhms;
            }

            float chargeWeight = (currentAmperes + deadBand) / (2f * deadBand);
            return impedance.OhmicResistanceOhms + chargeWeight * (impedance.ChargeOhmicResistanceOhms - impedance.OhmicResistanceOhms);
        }

        /// <summary>
        /// Returns d(I R0(I)) / dI in ohms, the sensitivity of the ohmic drop to the current: R0 outside the
        /// dead band, and R0(I) + I dR0/dI inside it.
        /// </summary>
        public float GetIncrementalOhmicResistanceOhms(ImpedanceValues impedance, float currentAmperes)
        {
            float resistance = GetOhmicResistanceOhms(impedance, currentAmperes);
            float deadBand = DirectionDeadBandAmperes;
            if (currentAmperes >= deadBand || currentAmperes <= -deadBand)
            {
                return resistance;
            }

            float slope = (impedance.ChargeOhmicResistanceOhms - impedance.OhmicResistanceOhms) / (2f * deadBand);
            return resistance + currentAmperes * slope;
        }

        /// <summary>
        /// Decay factor exp(-dt / tau) of an RC branch over <paramref name="dtSeconds"/>; with a zero-order
        /// hold on current, V(t + dt) = a V(t) + R (1 - a) I exactly.
        /// </summary>
        public static float GetBranchDecay(float dtSeconds, float timeConstantSeconds)
        {
            return FloatMath.Exp(-dtSeconds / timeConstantSeconds);
        }
    }
}
