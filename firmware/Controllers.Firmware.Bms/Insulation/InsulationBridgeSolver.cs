using System;
using Controllers.Firmware.Common.Numerics;

namespace Controllers.Firmware.Bms.Insulation
{
    /// <summary>
    /// Computes the insulation resistance of each pole from the settled pole voltages of the two bridge
    /// states. Allocates nothing.
    /// </summary>
    /// <remarks>
    /// Circuit: pack voltage U between the poles P and N. From P to chassis C: insulation Rp, measurement
    /// divider Rmp, and in state 1 the bridge resistor R0p. From C to N: insulation Rn, divider Rmn, and in
    /// state 2 the bridge resistor R0n. Up is the voltage P–C, Un the voltage C–N. Write conductances
    /// gp = 1/Rp + 1/Rmp, gn = 1/Rn + 1/Rmn, g0p = 1/R0p, g0n = 1/R0n.
    ///
    /// Once the Y capacitances have settled, no current flows into them, so the current from P into C
    /// equals the current from C into N (Kirchhoff's current law at C):
    ///   state 1:  U1p (gp + g0p) = U1n gn        so  U1p gp - U1n gn = -U1p g0p
    ///   state 2:  U2p gp = U2n (gn + g0n)        so  U2p gp - U2n gn =  U2n g0n
    /// Two linear equations in gp and gn. Their determinant is
    ///   D = U1p (-U2n) - (-U1n) U2p = U1n U2p - U1p U2n
    /// and Cramer's rule gives
    ///   gp = [(-U1p g0p)(-U2n) - (-U1n)(U2n g0n)] / D = U2n (U1p g0p + U1n g0n) / D
    ///   gn = [U1p (U2n g0n) - U2p (-U1p g0p)] / D     = U1p (U2p g0p + U2n g0n) / D
    /// With a constant pack voltage U = U1p + U1n = U2p + U2n, D = U (U2p - U1p): closing the bridge on
    /// P pulls Up down, so U2p > U1p and D > 0 in every healthy circuit. The insulation alone is then
    /// 1/Rp = gp - 1/Rmp and 1/Rn = gn - 1/Rmn.
    ///
    /// Division by zero: D and the pole voltages are zero only when a pole is shorted to chassis. If Up is
    /// near zero in both states, P is shorted (Rp = 0) and Up, Un are pinned to 0 and U whatever Rn is,
    /// so Rn is not measurable. The same applies with the poles swapped. Those cases are decided before
    /// any division, and a non-positive D is reported as indeterminate.
    /// </remarks>
    public sealed class InsulationBridgeSolver
    {
        private float positiveBridgeSiemens;
        private float negativeBridgeSiemens;
        private float positiveMeasurementSiemens;
        private float negativeMeasurementSiemens;
        private readonly float rangeMaximumOhms;
        private readonly float shortedPoleFraction;

        private float positiveOhms;
        private float negativeOhms;
        private InsulationPoleStatus positiveStatus;
        private InsulationPoleStatus negativeStatus;

        /// <summary>Creates a solver for the circuit in <paramref name="settings"/>, which it validates.</summary>
        public InsulationBridgeSolver(InsulationMonitorSettings settings)
        {
            if (settings == null)
            {
                throw new ArgumentException("Insulation monitor settings are required.", "settings");
            }

            settings.Validate();
            SetResistances(settings.PositiveBridgeOhms, settings.NegativeBridgeOhms, settings.PositiveMeasurementOhms, settings.NegativeMeasurementOhms);
            rangeMaximumOhms = settings.RangeMaximumOhms;
            shortedPoleFraction = settings.ShortedPoleFraction;
        }

        /// <summary>
        /// Replaces the bridge and divider resistances, in ohms, for example with calibrated values. The next
        /// <see cref="Solve"/> uses them. Allocates nothing.
        /// </summary>
        public void SetResistances(float positiveBridgeOhms, float negativeBridgeOhms, float positiveMeasurementOhms, float negativeMeasurementOhms)
        {
            if (!IsPositiveFinite(positiveBridgeOhms) || !IsPositiveFinite(negativeBridgeOhms)
                || !IsPositiveFinite(positiveMeasurementOhms) || !IsPositiveFinite(negativeMeasurementOhms))
            {
                throw new ArgumentException("Bridge and divider resistances must be positive and finite.", "positiveBridgeOhms");
            }

            positiveBridgeSiemens = 1f / positiveBridgeOhms;
            negativeBridgeSiemens = 1f / negativeBridgeOhms;
            positiveMeasurementSiemens = 1f / positiveMeasurementOhms;
            negativeMeasurementSiemens = 1f / negativeMeasurementOhms;
        }

        /// <summary>Positive pole insulation in ohms from the last successful <see cref="Solve"/>, or NaN when not measurable.</summary>
        public float PositiveOhms
        {
            get { return positiveOhms; }
        }

        /// <summary>Negative pole insulation in ohms from the last successful <see cref="Solve"/>, or NaN when not measurable.</summary>
        public float NegativeOhms
        {
            get { return negativeOhms; }
        }

        /// <summary>How <see cref="PositiveOhms"/> was determined.</summary>
        public InsulationPoleStatus PositiveStatus
        {
            get { return positiveStatus; }
        }

        /// <summary>How <see cref="NegativeOhms"/> was determined.</summary>
        public InsulationPoleStatus NegativeStatus
        {
            get { return negativeStatus; }
        }

        /// <summary>
        /// Solves for both poles from state 1 (positive bridge closed) and state 2 (negative bridge closed)
        /// voltages in volts. Returns false when the voltages admit no solution (determinant not positive),
        /// and the results are then unchanged.
        /// </summary>
        public bool Solve(float state1PositiveVolts, float state1NegativeVolts, float state2PositiveVolts, float state2NegativeVolts)
        {
            float state1Pack = state1PositiveVolts + state1NegativeVolts;
            float state2Pack = state2PositiveVolts + state2NegativeVolts;
            if (!(state1Pack > 0f) || !(state2Pack > 0f))
            {
                return false;
            }

            // Shorted poles first, before anything divides by a pole voltage.
            bool positiveShorted = state1PositiveVolts <= shortedPoleFraction * state1Pack
                && state2PositiveVolts <= shortedPoleFraction * state2Pack;
            bool negativeShorted = state1NegativeVolts <= shortedPoleFraction * state1Pack
                && state2NegativeVolts <= shortedPoleFraction * state2Pack;
            if (positiveShorted || negativeShorted)
            {
                // Both cannot be near zero while they add up to a positive pack voltage.
                SetPole(true, positiveShorted ? InsulationPoleStatus.Shorted : InsulationPoleStatus.NotMeasurable, 0f);
                SetPole(false, negativeShorted ? InsulationPoleStatus.Shorted : InsulationPoleStatus.NotMeasurable, 0f);
                return true;
            }

            float determinant = state1NegativeVolts * state2PositiveVolts - state1PositiveVolts * state2NegativeVolts;
            if (!(determinant > 0f))
            {
                return false;
            }

            float positiveSiemens = state2NegativeVolts
                * (state1PositiveVolts * positiveBridgeSiemens + state1NegativeVolts * negativeBridgeSiemens) / determinant;
            float negativeSiemens = state1PositiveVolts
                * (state2PositiveVolts * positiveBridgeSiemens + state2NegativeVolts * negativeBridgeSiemens) / determinant;

            SetFromSiemens(true, positiveSiemens - positiveMeasurementSiemens);
            SetFromSiemens(false, negativeSiemens - negativeMeasurementSiemens);
            return true;
        }

        private static bool IsPositiveFinite(float value)
        {
            return value > 0f && FloatMath.IsFinite(value);
        }

        private void SetFromSiemens(bool positive, float insulationSiemens)
        {
            // Conductance at or below 1 / range maximum, including zero or slightly negative values that
            // measurement error gives for open insulation, is above range.
            if (!(insulationSiemens * rangeMaximumOhms > 1f))
            {
                SetPole(positive, InsulationPoleStatus.AboveRange, rangeMaximumOhms);
                return;
            }

            SetPole(positive, InsulationPoleStatus.InRange, 1f / insulationSiemens);
        }

        private void SetPole(bool positive, InsulationPoleStatus status, float ohms)
        {
            float value = status == InsulationPoleStatus.NotMeasurable ? float.NaN : ohms;
            if (positive)
            {
                positiveStatus = status;
                positiveOhms = value;
            }
            else
            {
                negativeStatus = status;
                negativeOhms = value;
            }
        }
    }
}
