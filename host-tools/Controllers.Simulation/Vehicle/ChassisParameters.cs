using System;

namespace Controllers.Simulation.Vehicle;

/// <summary>Mass, tyres, driveline, drag and brakes of the vehicle body. SI units throughout.</summary>
public sealed class ChassisParameters
{
    /// <summary>Standard gravity, m/s² (ISO 80000-3).</summary>
    public const double GravityMetresPerSecondSquared = 9.80665;

    public double VehicleMassKilograms { get; init; } = 450;

    public double RiderAndLoadMassKilograms { get; init; } = 100;

    /// <summary>
    /// Factor on the mass for the inertia of wheels, axles and motor rotor during acceleration
    /// (effective mass = factor × mass); 1 leaves rotating inertia out.
    /// </summary>
    public double RotatingMassFactor { get; init; } = 1.05;

    public double WheelRadiusMetres { get; init; } = 0.30;

    /// <summary>Motor revolutions per wheel revolution.</summary>
    public double FinalDriveRatio { get; init; } = 10;

    /// <summary>Gear and chain efficiency, applied in both power-flow directions.</summary>
    public double DrivelineEfficiency { get; init; } = 0.95;

    public double DragCoefficient { get; init; } = 0.9;

    public double FrontalAreaSquareMetres { get; init; } = 1.2;

    public double AirDensityKilogramsPerCubicMetre { get; init; } = 1.204;

    /// <summary>Share of the weight on driven wheels: 1 for four-wheel drive, about 0.6 for rear drive.</summary>
    public double DrivenLoadFraction { get; init; } = 1.0;

    /// <summary>Friction brake force at full brake pedal, newtons at the road.</summary>
    public double MaxBrakeForceNewtons { get; init; } = 6000;

    /// <summary>Rolling resistance and friction per terrain, indexed by <see cref="Terrain"/>.</summary>
    public TerrainProperties[] Terrains { get; init; } = Array.Empty<TerrainProperties>();

    public double TotalMassKilograms => VehicleMassKilograms + RiderAndLoadMassKilograms;

    /// <summary>Aerodynamic drag force over speed squared, ½·ρ·Cd·A, in N/(m/s)².</summary>
    public double DragFactor => 0.5 * AirDensityKilogramsPerCubicMetre * DragCoefficient * FrontalAreaSquareMetres;

    public TerrainProperties GetTerrain(Terrain terrain) => Terrains[(int)terrain];

    /// <summary>Throws <see cref="ArgumentException"/> naming the first value out of range.</summary>
    public void Validate()
    {
        ParameterCheck.Range(VehicleMassKilograms, 50, 5000, nameof(VehicleMassKilograms));
        ParameterCheck.Range(RiderAndLoadMassKilograms, 0, 2000, nameof(RiderAndLoadMassKilograms));
        ParameterCheck.Range(RotatingMassFactor, 1, 2, nameof(RotatingMassFactor));
        ParameterCheck.Range(WheelRadiusMetres, 0.1, 1.5, nameof(WheelRadiusMetres));
        ParameterCheck.Range(FinalDriveRatio, 0.5, 50, nameof(FinalDriveRatio));
        ParameterCheck.Range(DrivelineEfficiency, 0.5, 1, nameof(DrivelineEfficiency));
        ParameterCheck.Range(DragCoefficient, 0, 3, nameof(DragCoefficient));
        ParameterCheck.Range(FrontalAreaSquareMetres, 0, 10, nameof(FrontalAreaSquareMetres));
        ParameterCheck.Range(AirDensityKilogramsPerCubicMetre, 0.5, 1.5, nameof(AirDensityKilogramsPerCubicMetre));
        ParameterCheck.Range(DrivenLoadFraction, 0.1, 1, nameof(DrivenLoadFraction));
        ParameterCheck.Range(MaxBrakeForceNewtons, 0, 100000, nameof(MaxBrakeForceNewtons));
        int terrainCount = Enum.GetValues<Terrain>().Length;
        if (Terrains.Length != terrainCount)
        {
            throw new ArgumentException($"{nameof(Terrains)} must have one entry per terrain ({terrainCount}).", nameof(Terrains));
        }

        foreach (var terrain in Terrains)
        {
            ParameterCheck.Range(terrain.RollingResistanceCoefficient, 0, 0.5, nameof(TerrainProperties.RollingResistanceCoefficient));
            ParameterCheck.Range(terrain.FrictionCoefficient, 0.05, 1.5, nameof(TerrainProperties.FrictionCoefficient));
        }
    }
}
