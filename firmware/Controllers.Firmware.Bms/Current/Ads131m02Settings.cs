using System;

namespace Controllers.Firmware.Bms.Current
{
    /// <summary>
    /// Configuration of an ADS131M02 that measures the voltage across a shunt in the negative pack lead.
    /// Call <see cref="Validate"/> before use; the driver constructor does.
    /// </summary>
    public sealed class Ads131m02Settings
    {
        /// <summary>Nominal shunt resistance in ohms; 100 µΩ by default. Valid range 1 µΩ to 1 Ω.</summary>
        public float ShuntResistanceOhms = 100e-6f;

        /// <summary>
        /// PGA gain: 1, 2, 4, 8, 16, 32, 64 or 128 (SBAS853A Section 8.3.3). Full scale is ±1.2 V / gain, so the
        /// default 32 gives ±37.5 mV, which is ±375 A on the default shunt.
        /// </summary>
        public int Gain = 32;

        /// <summary>
        /// CLOCK.OSR[2:0], 0 to 7 (OSR 128 to 16256). The default 7 gives 8.192 MHz / 2 / 16256 = 252 samples/s,
        /// so each conversion's sinc3 window (3 × 3.97 ms) covers the 10 ms between two reads.
        /// </summary>
        public int OversamplingCode = 7;

        /// <summary>ADC channel wired to the shunt, 0 or 1.</summary>
        public int Channel;

        /// <summary>
        /// False when AINxP is wired to the battery-side shunt terminal and AINxN to the load side, so that a
        /// charging current gives a positive input voltage. True reverses the sign for the opposite wiring.
        /// </summary>
        public bool InvertPolarity;

        /// <summary>
        /// Consecutive reads without a new conversion (DRDY clear) after which a read fails; 1 to 100. The default
        /// 3 allows for a read that arrives just before the conversion finishes.
        /// </summary>
        public int MaxStaleReads = 3;

        /// <summary>Throws when a value is outside its documented range.</summary>
        public void Validate()
        {
            if (!(ShuntResistanceOhms >= 1e-6f && ShuntResistanceOhms <= 1f))
            {
                throw new ArgumentOutOfRangeException("ShuntResistanceOhms",
                    "The shunt resistance must be between 1e-6 and 1 ohm; set the nominal value of the fitted shunt.");
            }

            if (GainCode(Gain) < 0)
            {
                throw new ArgumentOutOfRangeException("Gain",
                    "The ADS131M02 PGA gain must be 1, 2, 4, 8, 16, 32, 64 or 128.");
            }

            if (OversamplingCode < 0 || OversamplingCode > 7)
            {
                throw new ArgumentOutOfRangeException("OversamplingCode",
                    "The oversampling code must be 0 to 7 (OSR 128 to 16256).");
            }

            if (Channel < 0 || Channel > 1)
            {
                throw new ArgumentOutOfRangeException("Channel", "The ADS131M02 channel must be 0 or 1.");
            }

            if (MaxStaleReads < 1 || MaxStaleReads > 100)
            {
                throw new ArgumentOutOfRangeException("MaxStaleReads",
                    "The number of reads without new data must be 1 to 100.");
            }
        }

        /// <summary>Returns the PGAGAIN field value for <paramref name="gain"/>, or -1 when the PGA lacks that gain.</summary>
        public static int GainCode(int gain)
        {
            int code = 0;
            for (int value = 1; value <= 128; value *= 2)
            {
                if (value == gain)
                {
                    return code;
                }

                code++;
            }

            return -1;
        }
    }
}
