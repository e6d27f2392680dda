using System;
using Controllers.Firmware.Common.Numerics;

namespace Controllers.Firmware.Bms.Sensing
{
    /// <summary>
    /// Resistance–temperature table of one NTC thermistor type, with temperature interpolated linearly in
    /// ln(R) between points. Over a 5 °C step this follows the thermistor curve to within 0.03 °C, because
    /// 1/T is nearly linear in ln(R) (Steinhart–Hart), whereas interpolation linear in R would not.
    /// </summary>
    public sealed class NtcThermistorTable
    {
        private readonly float[] temperaturesCelsius;
        private readonly float[] resistancesOhms;

        // ln(R) in ascending order, so that Interpolation.FindSegment can search it. The temperatures
        // are stored in the same order, which makes them descend.
        private readonly float[] logResistancesAscending;
        private readonly float[] temperaturesByLogResistance;

        /// <summary>
        /// Creates a table from points with strictly ascending temperatures and strictly descending,
        /// positive resistances. The arrays are copied.
        /// </summary>
        public NtcThermistorTable(float[] temperaturesCelsius, float[] resistancesOhms)
        {
            if (temperaturesCelsius == null || resistancesOhms == null)
            {
                throw new ArgumentException("The thermistor table needs a temperature array and a resistance array.");
            }

            if (temperaturesCelsius.Length < 2 || temperaturesCelsius.Length != resistancesOhms.Length)
            {
                throw new ArgumentException("The thermistor table needs at least 2 points and one resistance per temperature; found "
                    + temperaturesCelsius.Length.ToString() + " temperatures and " + resistancesOhms.Length.ToString() + " resistances.");
            }

            int count = temperaturesCelsius.Length;
            this.temperaturesCelsius = new float[count];
            this.resistancesOhms = new float[count];
            logResistancesAscending = new float[count];
            temperaturesByLogResistance = new float[count];
            for (int i = 0; i < count; i++)
            {
                if (!(resistancesOhms[i] > 0f) || !FloatMath.IsFinite(resistancesOhms[i]) || !FloatMath.IsFinite(temperaturesCelsius[i]))
                {
                    throw new ArgumentException("Thermistor table point " + i.ToString() + " is invalid: resistances must be positive and finite, temperatures finite.");
                }

                if (i > 0 && !(temperaturesCelsius[i] > temperaturesCelsius[i - 1] && resistancesOhms[i] < resistancesOhms[i - 1]))
                {
                    throw new ArgumentException("Thermistor table point " + i.ToString() + " breaks the order: temperatures must rise and resistances fall from point to point.");
                }

                this.temperaturesCelsius[i] = temperaturesCelsius[i];
                this.resistancesOhms[i] = resistancesOhms[i];
                logResistancesAscending[count - 1 - i] = FloatMath.Log(resistancesOhms[i]);
                temperaturesByLogResistance[count - 1 - i] = temperaturesCelsius[i];
            }
        }

        /// <summary>Number of points.</summary>
        public int Count
        {
            get { return temperaturesCelsius.Length; }
        }

        /// <summary>Lowest table temperature in °C, where the resistance is highest.</summary>
        public float MinimumTemperatureCelsius
        {
            get { return temperaturesCelsius[0]; }
        }

        /// <summary>Highest table temperature in °C, where the resistance is lowest.</summary>
        public float MaximumTemperatureCelsius
        {
            get { return temperaturesCelsius[temperaturesCelsius.Length - 1]; }
        }

        /// <summary>Resistance at the lowest table temperature, in ohms.</summary>
        public float MaximumResistanceOhms
        {
            get { return resistancesOhms[0]; }
        }

        /// <summary>Resistance at the highest table temperature, in ohms.</summary>
        public float MinimumResistanceOhms
        {
            get { return resistancesOhms[resistancesOhms.Length - 1]; }
        }

        /// <summary>Temperature of point <paramref name="index"/> in °C.</summary>
        public float TemperatureCelsiusAt(int index)
        {
            return temperaturesCelsius[index];
        }

        /// <summary>Resistance of point <paramref name="index"/> in ohms.</summary>
        public float ResistanceOhmsAt(int index)
        {
            return resistancesOhms[index];
        }

        /// <summary>
        /// Interpolates the temperature in °C for a resistance, linearly in ln(R). Outside the table the
        /// result is clamped to its end temperatures, so callers check the range with
        /// <see cref="MinimumResistanceOhms"/> and <see cref="MaximumResistanceOhms"/>.
        /// </summary>
        public float InterpolateCelsius(float resistanceOhms)
        {
            float logResistance = FloatMath.Log(resistanceOhms);
            float fraction;
            int segment = Interpolation.FindSegment(logResistancesAscending, logResistance, out fraction);
            float lower = temperaturesByLogResistance[segment];
            float upper = temperaturesByLogResistance[segment + 1];
            return lower + (upper - lower) * fraction;
        }
    }
}
