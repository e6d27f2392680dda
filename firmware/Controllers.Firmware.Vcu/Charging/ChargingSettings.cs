using System;
using Controllers.Firmware.Common.Numerics;

namespace Controllers.Firmware.Vcu.Charging
{
    /// <summary>
    /// Calibration of charging management for the 96S4P LG INR18650HG2 pack of boards/vcu-atv.yaml;
    /// <see cref="Validate"/> runs when the manager is built.
    /// </summary>
    public sealed class ChargingSettings
    {
        /// <summary>Cells in series; the voltage request is this times <see cref="CellVoltageLimitVolts"/>.</summary>
        public int SeriesCells = 96;

        /// <summary>Highest cell voltage while charging, V: the cell definition's maximum (boards/cells/lg-18650hg2.yaml).</summary>
        public float CellVoltageLimitVolts = 4.20f;

        /// <summary>
        /// Width of the taper below <see cref="CellVoltageLimitVolts"/>, V: the current request falls linearly
        /// from the constant current at limit minus this width to zero at the limit.
        /// </summary>
        public float TaperWindowVolts = 0.05f;

        /// <summary>Constant charge current the VCU requests at most, A (this project's choice, about C/1.1 of the 11.1 Ah pack).</summary>
        public float MaxChargeCurrentAmperes = 10f;

        /// <summary>
        /// Charge ends when the charger output current stays below this, A: C/20 of the pack,
        /// 4 × 2.78 Ah / 20 = 0.556 A.
        /// </summary>
        public float TerminationCurrentAmperes = 0.556f;

        /// <summary>Time the current must stay below the termination current, µs.</summary>
        public long TerminationHoldMicroseconds = 10000000;

        /// <summary>Hottest cell temperature that stops charging, °C (this project's choice).</summary>
        public float MaxCellCelsius = 45f;

        /// <summary>Below this coldest cell temperature no current is requested, °C; lithium plating risk.</summary>
        public float MinCellCelsius = 0f;

        /// <summary>Charger temperature that stops charging, °C (this project's choice).</summary>
        public float MaxChargerCelsius = 85f;

        /// <summary>Time allowed from plug-in to the first valid OBC_Status, µs.</summary>
        public long ChargerWaitTimeoutMicroseconds = 2000000;

        /// <summary>Time allowed for the contactors to close in charge mode, µs.</summary>
        public long HvConnectTimeoutMicroseconds = 5000000;

        /// <summary>Checks every value and throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid one.</summary>
        public void Validate()
        {
            if (SeriesCells < 1 || SeriesCells > 240)
            {
                throw new ArgumentOutOfRangeException("SeriesCells", "The series cell count must be 1 to 240 (the voltage request is limited to 1000 V).");
            }

            CheckPositive(CellVoltageLimitVolts, 5f, "CellVoltageLimitVolts", "The cell voltage limit must be above 0 and at most 5 V.");
            CheckPositive(TaperWindowVolts, CellVoltageLimitVolts, "TaperWindowVolts", "The taper window must be above 0 V and below the cell voltage limit.");
            CheckPositive(MaxChargeCurrentAmperes, 200f, "MaxChargeCurrentAmperes", "The charge current must be above 0 and at most 200 A (the VCU_ChargerRequest range).");
            CheckPositive(TerminationCurrentAmperes, MaxChargeCurrentAmperes, "TerminationCurrentAmperes", "The termination current must be above 0 A and below the charge current.");
            if (TerminationHoldMicroseconds < 0)
            {
                throw new ArgumentOutOfRangeException("TerminationHoldMicroseconds", "The termination hold time must not be negative.");
            }

            if (!FloatMath.IsFinite(MaxCellCelsius) || !FloatMath.IsFinite(MinCellCelsius) || MinCellCelsius >= MaxCellCelsius)
            {
                throw new ArgumentOutOfRangeException("MinCellCelsius", "The cell temperature window needs MinCellCelsius below MaxCellCelsius.");
            }

            if (!FloatMath.IsFinite(MaxChargerCelsius))
            {
                throw new ArgumentOutOfRangeException("MaxChargerCelsius", "The charger temperature limit must be a finite number of °C.");
            }

            if (ChargerWaitTimeoutMicroseconds <= 0 || HvConnectTimeoutMicroseconds <= 0)
            {
                throw new ArgumentOutOfRangeException("HvConnectTimeoutMicroseconds", "The charger wait and HV connect timeouts must be positive.");
            }
        }

        private static void CheckPositive(float value, float maximum, string name, string message)
        {
            if (!FloatMath.IsFinite(value) || value <= 0f || value > maximum)
            {
                throw new ArgumentOutOfRangeException(name, message);
            }
        }
    }
}
