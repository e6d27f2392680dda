using System;

namespace Controllers.Simulation.Vehicle;

/// <summary>Range checks shared by the parameter classes; each throws <see cref="ArgumentException"/> with the name and the range.</summary>
internal static class ParameterCheck
{
    public static void Range(double value, double minimum, double maximum, string name)
    {
        if (!(value >= minimum && value <= maximum))
        {
            throw new ArgumentException($"{name} is {value}; it must be {minimum} to {maximum}.", name);
        }
    }

    public static void Positive(double value, string name)
    {
        if (!(value > 0) || double.IsInfinity(value))
        {
            throw new ArgumentException($"{name} is {value}; it must be a positive finite number.", name);
        }
    }

    public static void Below(double lower, double upper, string lowerName, string upperName)
    {
        if (!(lower < upper))
        {
            throw new ArgumentException($"{lowerName} ({lower}) must be below {upperName} ({upper}).", lowerName);
        }
    }
}
