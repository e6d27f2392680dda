using System;
using Controllers.Firmware.Common.Numerics;

namespace Controllers.Firmware.Bms.Estimation
{
    /// <summary>
    /// Total-capacity estimator by approximate weighted total least squares, a technique known under that name
    /// in the battery-management literature. The equations below were derived for this class, not taken from a
    /// publication. Each pair is
    /// x = SOC change between two moments when the SOC estimate is trusted and y = net charge between
    /// them in ampere-hours, related by y = Q x. Noise on x biases an ordinary least-squares fit of y on x
    /// low, so the total least-squares fit weighs the errors of both x and y.
    /// </summary>
    /// <remarks>
    /// The weighted total least-squares cost is J(Q) = Σ (y − Q x)² / (σy² + Q² σx²). Each term's weight is
    /// the parallel combination of 1/σy² and 1/(Q² σx²), and this class applies that combination to the
    /// two sums instead of to each term: J(Q) ≈ A B / (A + B) with A = Σ (y − Q x)² / σy² and
    /// B = Σ (y − Q x)² / (Q² σx²). The approximation is exact when σy / σx is the same for every pair, it
    /// needs only six running sums, and fading memory scales those sums. The minimum is found by a scan
    /// and a golden-section search over 0.1 to 2 times the nominal capacity, and the variance of the
    /// estimate is 2 / J''(Q) because J is a chi-square cost. Arithmetic is in double because the sums
    /// cancel near the minimum; it runs once per pair, minutes to hours apart, not in a periodic task.
    /// Nothing is allocated after construction.
    /// NOTE: the A B / (A + B) form is derived here from the exact cost and has not been compared with a
    /// published version of the method.
    /// </remarks>
    public sealed class CapacityEstimator
    {
        private const float MinimumSearchFraction = 0.1f;
        private const float MaximumSearchFraction = 2f;
        private const int ScanPoints = 64;
        private const int GoldenSectionIterations = 60;

        // Floors keep the weights finite when a sensor error is configured as zero. A standard deviation
        // of 1e-6 Ah is 3.6 mAs, and 1e-6 is below any SOC resolution.
        private const double MinimumChargeVariance = 1e-12;
        private const double MinimumSocVariance = 1e-12;

        private readonly CapacityEstimatorSettings settings;

        // Sums weighted by 1/σy²: x², x y, y². Sums weighted by 1/σx²: the same three.
        private double xxOverChargeVariance;
        private double xyOverChargeVariance;
        private double yyOverChargeVariance;
        private double xxOverSocVariance;
        private double xyOverSocVariance;
        private double yyOverSocVariance;

        private float capacityAmpereHours;
        private float capacityStandardDeviationAmpereHours;
        private float leastSquaresCapacityAmpereHours;
        private float leastSquaresStandardDeviationAmpereHours;
        private long acceptedPairCount;
        private long rejectedPairCount;

        /// <summary>Creates an estimator at the nominal capacity. Throws <see cref="ArgumentException"/> for invalid settings.</summary>
        public CapacityEstimator(CapacityEstimatorSettings settings)
        {
            if (settings == null)
            {
                throw new ArgumentException("The capacity estimator settings are missing.", "settings");
            }

            settings.Validate();
            this.settings = settings;
            Reset();
        }

        /// <summary>Total-capacity estimate by approximate weighted total least squares, in ampere-hours.</summary>
        public float CapacityAmpereHours
        {
            get { return capacityAmpereHours; }
        }

        /// <summary>Standard deviation of <see cref="CapacityAmpereHours"/>, in ampere-hours.</summary>
        public float CapacityStandardDeviationAmpereHours
        {
            get { return capacityStandardDeviationAmpereHours; }
        }

        /// <summary>
        /// Weighted least-squares estimate from the same pairs, which treats ΔSOC as exact, in ampere-hours.
        /// Kept for comparison: SOC noise biases it low.
        /// </summary>
        public float LeastSquaresCapacityAmpereHours
        {
            get { return leastSquaresCapacityAmpereHours; }
        }

        /// <summary>Standard deviation of <see cref="LeastSquaresCapacityAmpereHours"/> when ΔSOC is exact, in ampere-hours.</summary>
        public float LeastSquaresStandardDeviationAmpereHours
        {
            get { return leastSquaresStandardDeviationAmpereHours; }
        }

        /// <summary>Nominal capacity from the settings, in ampere-hours.</summary>
        public float NominalCapacityAmpereHours
        {
            get { return settings.NominalCapacityAmpereHours; }
        }

        /// <summary>Pairs that entered the fit since the last reset.</summary>
        public long AcceptedPairCount
        {
            get { return acceptedPairCount; }
        }

        /// <summary>Pairs rejected since the last reset: non-finite, too small a SOC change, or y and x of opposite sign.</summary>
        public long RejectedPairCount
        {
            get { return rejectedPairCount; }
        }

        /// <summary>Clears all pairs and starts again from the nominal capacity and its configured uncertainty.</summary>
        public void Reset()
        {
            xxOverChargeVariance = 0;
            xyOverChargeVariance = 0;
            yyOverChargeVariance = 0;
            xxOverSocVariance = 0;
            xyOverSocVariance = 0;
            yyOverSocVariance = 0;
            acceptedPairCount = 0;
            rejectedPairCount = 0;

            // The pseudo pair x = 1, y = Q_nominal with σy = σ/√2 and σx = σ/(√2 Q_nominal) has the
            // effective variance σy² + Q² σx² = σ² at Q = Q_nominal.
            double nominal = settings.NominalCapacityAmpereHours;
            double halfVariance = 0.5 * settings.InitialCapacityStandardDeviationAmpereHours * settings.InitialCapacityStandardDeviationAmpereHours;
            Accumulate(1.0, nominal, 1.0 / (nominal * nominal) * halfVariance, halfVariance);
            Solve();
        }

        /// <summary>
        /// Clears all pairs and starts from a stored estimate, for example one saved before a power cycle.
        /// The stored value enters the fit as one pseudo pair whose variance is
        /// <paramref name="standardDeviationAmpereHours"/> squared, so the next pairs move the estimate by
        /// their weight relative to that confidence. <paramref name="acceptedPairCount"/> restores the
        /// count of pairs behind the stored value. Returns false and starts from the nominal capacity, as
        /// <see cref="Reset"/> does, when the capacity is not finite or outside 0.1 to 2 times the nominal
        /// capacity, the deviation is not finite and positive, or the count is negative.
        /// </summary>
        public bool Seed(float capacityAmpereHours, float standardDeviationAmpereHours, long acceptedPairCount)
        {
            Reset();
            float nominal = settings.NominalCapacityAmpereHours;
            bool valid = FloatMath.IsFinite(capacityAmpereHours) && capacityAmpereHours >= nominal * MinimumSearchFraction
                && capacityAmpereHours <= nominal * MaximumSearchFraction
                && FloatMath.IsFinite(standardDeviationAmpereHours) && standardDeviationAmpereHours > 0f && acceptedPairCount >= 0;
            if (!valid)
            {
                return false;
            }

            xxOverChargeVariance = 0;
            xyOverChargeVariance = 0;
            yyOverChargeVariance = 0;
            xxOverSocVariance = 0;
            xyOverSocVariance = 0;
            yyOverSocVariance = 0;

            // The same pseudo pair as in Reset, at the stored capacity and with the stored deviation.
            double seed = capacityAmpereHours;
            double halfVariance = 0.5 * (double)standardDeviationAmpereHours * standardDeviationAmpereHours;
            Accumulate(1.0, seed, 1.0 / (seed * seed) * halfVariance, halfVariance);
            Solve();
            this.acceptedPairCount = acceptedPairCount;
            return true;
        }

        /// <summary>
        /// Adds one pair and updates both estimates. <paramref name="startSoc"/> and <paramref name="endSoc"/>
        /// are SOC fractions with the SOC estimator's standard deviations at those moments,
        /// <paramref name="chargeAmpereHours"/> is the net charge between them (positive when charging) and
        /// <paramref name="elapsedSeconds"/> the time between them, which sizes the charge error from the
        /// current offset. Returns false and counts the pair as rejected when it is unusable.
        /// </summary>
        /// <remarks>
        /// NOTE: the two SOC errors are treated as independent. Pairs that share an end point, or SOC
        /// estimates taken before the filter has settled, break that assumption and make the reported
        /// standard deviation too small.
        /// </remarks>
        public bool AddPair(float startSoc, float startSocStandardDeviation, float endSoc, float endSocStandardDeviation, float chargeAmpereHours, float elapsedSeconds)
        {
            bool finite = FloatMath.IsFinite(startSoc) && FloatMath.IsFinite(endSoc) && FloatMath.IsFinite(chargeAmpereHours)
                && FloatMath.IsFinite(startSocStandardDeviation) && FloatMath.IsFinite(endSocStandardDeviation) && FloatMath.IsFinite(elapsedSeconds);
            float socChange = endSoc - startSoc;
            if (!finite || startSocStandardDeviation < 0f || endSocStandardDeviation < 0f || elapsedSeconds < 0f
                || FloatMath.Abs(socChange) < settings.MinimumSocChange || chargeAmpereHours * socChange <= 0f)
            {
                rejectedPairCount++;
                return false;
            }

            double socVariance = (double)startSocStandardDeviation * startSocStandardDeviation + (double)endSocStandardDeviation * endSocStandardDeviation;

            // An offset error grows with time and a gain error with the charge moved.
            double offsetAmpereHours = settings.CurrentOffsetStandardDeviationAmperes * (double)elapsedSeconds / 3600.0;
            double gainAmpereHours = settings.CurrentGainStandardDeviation * (double)FloatMath.Abs(chargeAmpereHours);
            double chargeVariance = offsetAmpereHours * offsetAmpereHours + gainAmpereHours * gainAmpereHours;

            Fade();
            Accumulate(socChange, chargeAmpereHours, socVariance, chargeVariance);
            acceptedPairCount++;
            Solve();
            return true;
        }

        /// <summary>Computes the approximate weighted total least-squares cost at <paramref name="capacity"/> (ampere-hours).</summary>
        public double GetCost(double capacity)
        {
            double a = yyOverChargeVariance - 2.0 * capacity * xyOverChargeVariance + capacity * capacity * xxOverChargeVariance;
            double b = (yyOverSocVariance - 2.0 * capacity * xyOverSocVariance + capacity * capacity * xxOverSocVariance) / (capacity * capacity);
            double sum = a + b;
            if (!(sum > 0))
            {
                return 0;
            }

            return a * b / sum;
        }

        private void Fade()
        {
            double factor = settings.FadingFactor;
            xxOverChargeVariance *= factor;
            xyOverChargeVariance *= factor;
            yyOverChargeVariance *= factor;
            xxOverSocVariance *= factor;
            xyOverSocVariance *= factor;
            yyOverSocVariance *= factor;
        }

        private void Accumulate(double x, double y, double socVariance, double chargeVariance)
        {
            double chargeWeight = 1.0 / (chargeVariance > MinimumChargeVariance ? chargeVariance : MinimumChargeVariance);
            double socWeight = 1.0 / (socVariance > MinimumSocVariance ? socVariance : MinimumSocVariance);
            xxOverChargeVariance += chargeWeight * x * x;
            xyOverChargeVariance += chargeWeight * x * y;
            yyOverChargeVariance += chargeWeight * y * y;
            xxOverSocVariance += socWeight * x * x;
            xyOverSocVariance += socWeight * x * y;
            yyOverSocVariance += socWeight * y * y;
        }

        private void Solve()
        {
            double nominal = settings.NominalCapacityAmpereHours;
            double low = nominal * MinimumSearchFraction;
            double high = nominal * MaximumSearchFraction;

            // Weighted least squares: Q = Σ x y / σy² over Σ x² / σy², variance 1 / Σ x² / σy².
            leastSquaresCapacityAmpereHours = (float)(xyOverChargeVariance / xxOverChargeVariance);
            leastSquaresStandardDeviationAmpereHours = FloatMath.Sqrt((float)(1.0 / xxOverChargeVariance));

            // Scan for the lowest grid point, so a second local minimum elsewhere cannot capture the
            // golden-section search, then refine between its neighbours.
            double step = (high - low) / (ScanPoints - 1);
            int best = 0;
            double bestCost = double.MaxValue;
            for (int i = 0; i < ScanPoints; i++)
            {
                double cost = GetCost(low + i * step);
                if (cost < bestCost)
                {
                    bestCost = cost;
                    best = i;
                }
            }

            double capacity = MinimizeBetween(low + (best > 0 ? best - 1 : 0) * step, low + (best < ScanPoints - 1 ? best + 1 : best) * step);

            // Var(Q) = 2 / J''(Q) for a chi-square cost. J'' comes from a central difference with a relative step of 1e-4.
            double h = capacity * 1e-4;
            double curvature = (GetCost(capacity + h) - 2.0 * GetCost(capacity) + GetCost(capacity - h)) / (h * h);
            capacityAmpereHours = (float)capacity;
            capacityStandardDeviationAmpereHours = curvature > 0 ? FloatMath.Sqrt((float)(2.0 / curvature)) : (float)(high - low);
        }

        private double MinimizeBetween(double low, double high)
        {
            const double InverseGoldenRatio = 0.6180339887498949;
            double left = high - InverseGoldenRatio * (high - low);
            double right = low + InverseGoldenRatio * (high - low);
            double leftCost = GetCost(left);
            double rightCost = GetCost(right);
            for (int i = 0; i < GoldenSectionIterations; i++)
            {
                if (leftCost < rightCost)
                {
                    high = right;
                    right = left;
                    rightCost = leftCost;
                    left = high - InverseGoldenRatio * (high - low);
                    leftCost = GetCost(left);
                }
                else
                {
                    low = left;
                    left = right;
                    leftCost = rightCost;
                    right = low + InverseGoldenRatio * (high - low);
                    rightCost = GetCost(right);
                }
            }

            return 0.5 * (low + high);
        }
    }
}
