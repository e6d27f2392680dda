using System;

namespace Controllers.Firmware.Bms.Protection
{
    /// <summary>
    /// The three levels of one protected quantity. For an upper limit the thresholds rise from warning
    /// to derate to trip; for a lower limit they fall. The derate scale runs linearly from 1 at the
    /// derate threshold to 0 at the trip threshold, so derate and trip thresholds must differ.
    /// </summary>
    public sealed class ProtectionLimit
    {
        /// <summary>Creates a limit from its three levels.</summary>
        public ProtectionLimit(ProtectionThreshold warning, ProtectionThreshold derate, ProtectionThreshold trip)
        {
            Warning = warning;
            Derate = derate;
            Trip = trip;
        }

        /// <summary>First level: a flag.</summary>
        public ProtectionThreshold Warning { get; set; }

        /// <summary>Second level: scales the current limit of the direction that the quantity belongs to.</summary>
        public ProtectionThreshold Derate { get; set; }

        /// <summary>Third level: requests the contactors to open.</summary>
        public ProtectionThreshold Trip { get; set; }

        /// <summary>Returns the level's settings: <paramref name="level"/> must be Warning, Derate or Trip.</summary>
        public ProtectionThreshold GetLevel(ProtectionLevel level)
        {
            if (level == ProtectionLevel.Warning)
            {
                return Warning;
            }

            if (level == ProtectionLevel.Derate)
            {
                return Derate;
            }

            if (level == ProtectionLevel.Trip)
            {
                return Trip;
            }

            throw new ArgumentOutOfRangeException("level", "A limit has only the Warning, Derate and Trip levels.");
        }

        /// <summary>
        /// Throws <see cref="ArgumentException"/> naming the first value that is missing, out of
        /// [<paramref name="minimum"/>, <paramref name="maximum"/>] or out of order.
        /// </summary>
        public void Validate(string name, bool upperLimit, float minimum, float maximum)
        {
            if (Warning == null || Derate == null || Trip == null)
            {
                throw new ArgumentException(name + " needs Warning, Derate and Trip levels.", name);
            }

            float span = maximum - minimum;
            Warning.Validate(name + ".Warning", minimum, maximum, span);
            Derate.Validate(name + ".Derate", minimum, maximum, span);
            Trip.Validate(name + ".Trip", minimum, maximum, span);

            if (upperLimit)
            {
                if (!(Warning.Threshold <= Derate.Threshold && Derate.Threshold < Trip.Threshold))
                {
                    throw new ArgumentException(name + ": an upper limit needs Warning (" + Warning.Threshold.ToString() + ") <= Derate ("
                        + Derate.Threshold.ToString() + ") < Trip (" + Trip.Threshold.ToString() + "); reorder the thresholds.", name);
                }
            }
            else if (!(Warning.Threshold >= Derate.Threshold && Derate.Threshold > Trip.Threshold))
            {
                throw new ArgumentException(name + ": a lower limit needs Warning (" + Warning.Threshold.ToString() + ") >= Derate ("
                    + Derate.Threshold.ToString() + ") > Trip (" + Trip.Threshold.ToString() + "); reorder the thresholds.", name);
            }
        }
    }
}
