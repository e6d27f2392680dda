using System;
using Controllers.Firmware.Common.Numerics;

namespace Controllers.Firmware.Bms.Sensing
{
    /// <summary>
    /// Converts a thermistor divider reading (GPIO voltage and the reference voltage measured in the same
    /// conversion cycle) to a temperature in 0.1 °C steps. The conversion is ratiometric, so a reference
    /// that is off nominal or an ADC gain error cancels. It allocates nothing.
    /// </summary>
    public sealed class NtcTemperatureConverter
    {
        private readonly NtcThermistorTable table;
        private readonly float pullUpOhms;
        private readonly float harnessOhms;
        private readonly float minimumReferenceVolts;
        private readonly float maximumReferenceVolts;
        private readonly float openCircuitRatio;
        private readonly float shortCircuitRatio;

        /// <summary>Creates a converter; validates <paramref name="settings"/> and copies its values.</summary>
        public NtcTemperatureConverter(NtcThermistorTable table, NtcDividerSettings settings)
        {
            if (table == null)
            {
                throw new ArgumentException("A thermistor table is required.", "table");
            }

            if (settings == null)
            {
                throw new ArgumentException("Divider settings are required.", "settings");
            }

            settings.Validate();
            this.table = table;
            pullUpOhms = settings.PullUpOhms;
            harnessOhms = settings.HarnessOhms;
            minimumReferenceVolts = settings.MinimumReferenceVolts;
            maximumReferenceVolts = settings.MaximumReferenceVolts;
            openCircuitRatio = settings.OpenCircuitRatio;
            shortCircuitRatio = settings.ShortCircuitRatio;
        }

        /// <summary>Thermistor table used for the conversion.</summary>
        public NtcThermistorTable Table
        {
            get { return table; }
        }

        /// <summary>
        /// Converts one reading. <paramref name="temperatureDeciCelsius"/> is the temperature in 0.1 °C
        /// when the result is <see cref="NtcStatus.Valid"/>, or clamped to the table end for
        /// <see cref="NtcStatus.BelowTableRange"/> and <see cref="NtcStatus.AboveTableRange"/>; for open,
        /// short and invalid reference it is 0 and must not be used.
        /// </summary>
        public NtcStatus Convert(float gpioVolts, float referenceVolts, out int temperatureDeciCelsius)
        {
            temperatureDeciCelsius = 0;
            if (!(referenceVolts >= minimumReferenceVolts && referenceVolts <= maximumReferenceVolts))
            {
                return NtcStatus.InvalidReference;
            }

            // NaN fails both comparisons below, so a NaN GPIO reading counts as open.
            float ratio = gpioVolts / referenceVolts;
            if (!(ratio < openCircuitRatio))
            {
                return NtcStatus.OpenCircuit;
            }

            if (ratio <= shortCircuitRatio)
            {
                return NtcStatus.ShortCircuit;
            }

            // V_gpio / V_ref = R / (R_pull-up + R) with R = thermistor plus harness, so
            // R = R_pull-up * ratio / (1 - ratio).
            float thermistorOhms = pullUpOhms * ratio / (1f - ratio) - harnessOhms;
            return ConvertResistance(thermistorOhms, out temperatureDeciCelsius);
        }

        /// <summary>
        /// Converts a thermistor resistance in ohms (harness already removed) to 0.1 °C, with the range
        /// handling of <see cref="Convert"/>. Zero or negative resistance counts as a short circuit.
        /// </summary>
        public NtcStatus ConvertResistance(float thermistorOhms, out int temperatureDeciCelsius)
        {
            temperatureDeciCelsius = 0;
            if (!(thermistorOhms > 0f))
            {
                return NtcStatus.ShortCircuit;
            }

            NtcStatus status = NtcStatus.Valid;
            float celsius;
            if (thermistorOhms > table.MaximumResistanceOhms)
            {
                status = NtcStatus.BelowTableRange;
                celsius = table.MinimumTemperatureCelsius;
            }
            else if (thermistorOhms < table.MinimumResistanceOhms)
            {
                status = NtcStatus.AboveTableRange;
                celsius = table.MaximumTemperatureCelsius;
            }
            else
            {
                celsius = table.InterpolateCelsius(thermistorOhms);
            }

            temperatureDeciCelsius = RoundToDeciCelsius(celsius);
            return status;
        }

        /// <summary>Rounds °C to the nearest 0.1 °C, halves away from zero.</summary>
        public static int RoundToDeciCelsius(float celsius)
        {
            float scaled = celsius * 10f;
            return (int)(scaled < 0f ? scaled - 0.5f : scaled + 0.5f);
        }
    }
}
