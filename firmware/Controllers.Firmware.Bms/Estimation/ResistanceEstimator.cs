using System;
using Controllers.Firmware.Common.Numerics;

namespace Controllers.Firmware.Bms.Estimation
{
    /// <summary>
    /// Estimates the ohmic resistance R0 of a cell from current steps. When the current changes by at
    /// least the configured step between two consecutive samples, the RC branch voltages of the cell
    /// model can barely move within one sample, so ΔV / ΔI measures R0. A scalar Kalman filter with a
    /// random walk averages these measurements and reports its variance.
    /// </summary>
    /// <remarks>
    /// A measurement r = ΔV / ΔI has the variance (2 σV² + r² 2 σI²) / ΔI² to first order, because each
    /// difference contains two independent samples. Over one sample of length dt an RC branch with
    /// resistance R and time constant τ adds about R (1 − exp(−dt / τ)) to r, so long sample periods
    /// overestimate R0. NOTE: that bias is not corrected here; keep dt well below the fastest time constant.
    /// Nothing is allocated after construction.
    /// </remarks>
    public sealed class ResistanceEstimator
    {
        // A measured ΔV / ΔI outside 0 to 100 times the nominal resistance is a disturbance (a contactor
        // event, a sensor fault), not a resistance.
        private const float MaximumRatioToNominal = 100f;

        private readonly ResistanceEstimatorSettings settings;

        private bool hasPreviousSample;
        private float previousVoltageVolts;
        private float previousCurrentAmperes;
        private float resistanceOhms;
        private float varianceOhmsSquared;
        private float lastMeasurementOhms;
        private long acceptedStepCount;
        private long rejectedStepCount;

        /// <summary>Creates an estimator at the nominal resistance. Throws <see cref="ArgumentException"/> for invalid settings.</summary>
        public ResistanceEstimator(ResistanceEstimatorSettings settings)
        {
            if (settings == null)
            {
                throw new ArgumentException("The resistance estimator settings are missing.", "settings");
            }

            settings.Validate();
            this.settings = settings;
            Reset();
        }

        /// <summary>Filtered R0 estimate, in ohms.</summary>
        public float ResistanceOhms
        {
            get { return resistanceOhms; }
        }

        /// <summary>Variance of <see cref="ResistanceOhms"/>, in ohms squared.</summary>
        public float ResistanceVarianceOhmsSquared
        {
            get { return varianceOhmsSquared; }
        }

        /// <summary>Standard deviation of <see cref="ResistanceOhms"/>, in ohms.</summary>
        public float ResistanceStandardDeviationOhms
        {
            get { return FloatMath.Sqrt(varianceOhmsSquared); }
        }

        /// <summary>Resistance state of health: nominal R0 divided by the estimate (1 for a new cell, falling with age).</summary>
        public float StateOfHealth
        {
            get { return settings.NominalResistanceOhms / resistanceOhms; }
        }

        /// <summary>Nominal R0 from the settings, in ohms.</summary>
        public float NominalResistanceOhms
        {
            get { return settings.NominalResistanceOhms; }
        }

        /// <summary>Unfiltered ΔV / ΔI of the last accepted step, in ohms, or NaN before the first step.</summary>
        public float LastMeasurementOhms
        {
            get { return lastMeasurementOhms; }
        }

        /// <summary>Steps that updated the estimate since the last reset.</summary>
        public long AcceptedStepCount
        {
            get { return acceptedStepCount; }
        }

        /// <summary>Steps rejected because ΔV / ΔI was outside 0 to 100 times the nominal resistance.</summary>
        public long RejectedStepCount
        {
            get { return rejectedStepCount; }
        }

        /// <summary>Restores the nominal resistance and its initial variance and discards the previous sample.</summary>
        public void Reset()
        {
            hasPreviousSample = false;
            resistanceOhms = settings.NominalResistanceOhms;
            varianceOhmsSquared = settings.InitialResistanceStandardDeviationOhms * settings.InitialResistanceStandardDeviationOhms;
            lastMeasurementOhms = float.NaN;
            acceptedStepCount = 0;
            rejectedStepCount = 0;
        }

        /// <summary>
        /// Starts from a stored estimate, for example one saved before a power cycle: the filter takes
        /// <paramref name="resistanceOhms"/> with the variance <paramref name="standardDeviationOhms"/> squared,
        /// so the next step weighs the stored value by that confidence. <paramref name="acceptedStepCount"/>
        /// restores the count of steps behind it. Returns false and starts from the nominal resistance, as
        /// <see cref="Reset"/> does, when the resistance is not finite or outside 0 to 100 times the nominal
        /// resistance (the range of accepted measurements), the deviation is not finite and positive, or
        /// the count is negative.
        /// </summary>
        public bool Seed(float resistanceOhms, float standardDeviationOhms, long acceptedStepCount)
        {
            Reset();
            bool valid = FloatMath.IsFinite(resistanceOhms) && resistanceOhms > 0f
                && resistanceOhms < settings.NominalResistanceOhms * MaximumRatioToNominal
                && FloatMath.IsFinite(standardDeviationOhms) && standardDeviationOhms > 0f && acceptedStepCount >= 0;
            if (!valid)
            {
                return false;
            }

            this.resistanceOhms = resistanceOhms;
            varianceOhmsSquared = standardDeviationOhms * standardDeviationOhms;
            this.acceptedStepCount = acceptedStepCount;
            return true;
        }

        /// <summary>
        /// Discards the previous sample, so the next <see cref="AddSample"/> cannot form a step with it. Call
        /// after a gap in sampling.
        /// </summary>
        public void Restart()
        {
            hasPreviousSample = false;
        }

        /// <summary>
        /// Takes one simultaneous cell-voltage and current sample (current positive when charging) and
        /// updates the estimate when the current stepped since the previous sample. Returns true when the
        /// sample completed an accepted step. Non-finite samples are skipped and break the sequence.
        /// </summary>
        public bool AddSample(float voltageVolts, float currentAmperes)
        {
            if (!FloatMath.IsFinite(voltageVolts) || !FloatMath.IsFinite(currentAmperes))
            {
                hasPreviousSample = false;
                return false;
            }

            bool hadPrevious = hasPreviousSample;
            float currentStep = currentAmperes - previousCurrentAmperes;
            float voltageStep = voltageVolts - previousVoltageVolts;
            hasPreviousSample = true;
            previousVoltageVolts = voltageVolts;
            previousCurrentAmperes = currentAmperes;
            if (!hadPrevious || FloatMath.Abs(currentStep) < settings.MinimumCurrentStepAmperes)
            {
                return false;
            }

            float measurement = voltageStep / currentStep;
            if (!(measurement > 0f && measurement < settings.NominalResistanceOhms * MaximumRatioToNominal))
            {
                rejectedStepCount++;
                return false;
            }

            // Predict with the random walk, then update with the measurement and its variance.
            float voltageNoise = settings.VoltageNoiseVolts;
            float currentNoise = settings.CurrentNoiseAmperes;
            float measurementVariance = 2f * (voltageNoise * voltageNoise + measurement * measurement * currentNoise * currentNoise) / (currentStep * currentStep);
            float predictedVariance = varianceOhmsSquared + settings.ResistanceRandomWalkOhms * settings.ResistanceRandomWalkOhms;
            float totalVariance = predictedVariance + measurementVariance;
            float gain = totalVariance > 0f ? predictedVariance / totalVariance : 0f;

            resistanceOhms += gain * (measurement - resistanceOhms);
            varianceOhmsSquared = (1f - gain) * predictedVariance;
            lastMeasurementOhms = measurement;
            acceptedStepCount++;
            return true;
        }
    }
}
