using System;
using Controllers.Firmware.Common.Numerics;

namespace Controllers.Firmware.Vcu.Intention
{
    /// <summary>
    /// Pedal maps by drive mode: the fraction of the motor's peak torque requested for a pedal position and
    /// a vehicle speed, interpolated bilinearly. Rows are pedal positions, columns speeds. The default
    /// values are this project's calibration for a light vehicle and are meant to be tuned on the vehicle.
    /// </summary>
    public sealed class PedalMap
    {
        private readonly float[] pedalAxis;
        private readonly float[] speedAxisKmh;
        private readonly float[][] tables;

        /// <summary>
        /// Creates the maps. <paramref name="tables"/> has one flat table per <see cref="DriveMode"/> value,
        /// each with pedalAxis.Length rows of speedAxisKmh.Length fractions from 0 to 1.
        /// </summary>
        public PedalMap(float[] pedalAxis, float[] speedAxisKmh, float[][] tables)
        {
            if (pedalAxis == null || speedAxisKmh == null || tables == null)
            {
                throw new ArgumentNullException("pedalAxis");
            }

            CheckAscending(pedalAxis, "pedalAxis");
            CheckAscending(speedAxisKmh, "speedAxisKmh");
            if (tables.Length != 4)
            {
                throw new ArgumentException("One table per drive mode is needed (eco, normal, sport, tow); found " + tables.Length.ToString() + ".", "tables");
            }

            int cells = pedalAxis.Length * speedAxisKmh.Length;
            for (int mode = 0; mode < tables.Length; mode++)
            {
                float[] table = tables[mode];
                if (table == null || table.Length != cells)
                {
                    throw new ArgumentException("The table for drive mode " + mode.ToString() + " must have " + cells.ToString() + " cells (pedal points × speed points).", "tables");
                }

                for (int i = 0; i < cells; i++)
                {
                    if (!(table[i] >= 0f && table[i] <= 1f))
                    {
                        throw new ArgumentException("Cell " + i.ToString() + " of drive mode " + mode.ToString() + " is " + table[i].ToString() + "; map values are fractions from 0 to 1.", "tables");
                    }
                }
            }

            this.pedalAxis = pedalAxis;
            this.speedAxisKmh = speedAxisKmh;
            this.tables = tables;
        }

        /// <summary>Returns the requested fraction of peak torque; speed is taken as a magnitude.</summary>
        public float Lookup(DriveMode mode, float pedalPosition, float speedKmh)
        {
            return Interpolation.Bilinear(pedalAxis, speedAxisKmh, tables[(int)mode], pedalPosition, FloatMath.Abs(speedKmh));
        }

        /// <summary>Creates the default maps over pedal 0–100 % in 25 % steps and speed 0, 20, 40, 60 km/h.</summary>
        public static PedalMap CreateDefault()
        {
            float[] pedal = new float[] { 0f, 0.25f, 0.5f, 0.75f, 1f };
            float[] speed = new float[] { 0f, 20f, 40f, 60f };
            float[] eco = new float[]
            {
                0f, 0f, 0f, 0f,
                0.15f, 0.12f, 0.10f, 0.08f,
                0.35f, 0.30f, 0.25f, 0.20f,
                0.55f, 0.50f, 0.45f, 0.40f,
                0.75f, 0.70f, 0.65f, 0.60f
            };
            float[] normal = new float[]
            {
                0f, 0f, 0f, 0f,
                0.25f, 0.22f, 0.20f, 0.18f,
                0.50f, 0.47f, 0.45f, 0.42f,
                0.75f, 0.72f, 0.70f, 0.68f,
                1f, 1f, 1f, 1f
            };
            float[] sport = new float[]
            {
                0f, 0f, 0f, 0f,
                0.40f, 0.38f, 0.35f, 0.32f,
                0.70f, 0.68f, 0.65f, 0.62f,
                0.90f, 0.88f, 0.86f, 0.84f,
                1f, 1f, 1f, 1f
            };
            float[] tow = new float[]
            {
                0f, 0f, 0f, 0f,
                0.40f, 0.30f, 0.22f, 0.18f,
                0.75f, 0.60f, 0.48f, 0.42f,
                1f, 0.85f, 0.72f, 0.66f,
                1f, 1f, 1f, 1f
            };
            return new PedalMap(pedal, speed, new float[][] { eco, normal, sport, tow });
        }

        private static void CheckAscending(float[] axis, string name)
        {
            if (axis.Length < 2)
            {
                throw new ArgumentException(name + " needs at least two points.", name);
            }

            for (int i = 1; i < axis.Length; i++)
            {
                if (!(axis[i] > axis[i - 1]))
                {
                    throw new ArgumentException(name + " must rise strictly; point " + i.ToString() + " (" + axis[i].ToString() + ") is not above the one before.", name);
                }
            }
        }
    }
}
