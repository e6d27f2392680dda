using System;
using Controllers.Firmware.Common.Hal;

namespace Controllers.Simulation.Replay;

/// <summary>
/// The board's acquisition channels in simulation: each read takes the plant's value at the current
/// simulated time and applies gain error, offset and Gaussian noise from <see cref="SensorErrorSettings"/>.
/// The current channel saturates at its full scale, as a converter does.
/// </summary>
public sealed class SimulatedSensors : ICellVoltageSensor, ICurrentSensor, ITemperatureSensor
{
    private readonly ReplayPlant plant;
    private readonly SimulatedClock clock;
    private readonly SensorErrorSettings errors;
    private readonly Random random;
    private readonly double currentFullScaleAmperes;

    /// <param name="currentFullScaleAmperes">Magnitude at which current readings saturate.</param>
    public SimulatedSensors(ReplayPlant plant, SimulatedClock clock, SensorErrorSettings errors,
        double currentFullScaleAmperes = double.PositiveInfinity)
    {
        if (!(currentFullScaleAmperes > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(currentFullScaleAmperes), currentFullScaleAmperes,
                "The current full scale must be positive.");
        }

        this.plant = plant;
        this.clock = clock;
        this.errors = errors;
        this.currentFullScaleAmperes = currentFullScaleAmperes;
        random = new Random(errors.Seed);
    }

    public int CellCount => 1;

    public int ChannelCount => 1;

    public bool TryRead(float[] cellVoltagesVolts)
    {
        Sync();
        double volts = plant.VoltageVolts;
        cellVoltagesVolts[0] = (float)(volts * (1 + errors.VoltageGainError) + errors.VoltageOffsetVolts +
            NextGaussian() * errors.VoltageNoiseFraction * volts);
        return true;
    }

    public bool TryReadAmperes(out float currentAmperes)
    {
        Sync();
        double amperes = plant.CurrentAmperes;
        double reading = amperes * (1 + errors.CurrentGainError) + errors.CurrentOffsetAmperes +
            NextGaussian() * errors.CurrentNoiseAmperes;
        currentAmperes = (float)Math.Clamp(reading, -currentFullScaleAmperes, currentFullScaleAmperes);
        return true;
    }

    public bool TryReadCelsius(int channel, out float temperatureCelsius)
    {
        Sync();
        temperatureCelsius = (float)(plant.TemperatureCelsius + errors.TemperatureOffsetCelsius +
            NextGaussian() * errors.TemperatureNoiseCelsius);
        return true;
    }

    private void Sync() => plant.AdvanceTo(clock.NowMicroseconds * 1e-6);

    // Box–Muller transform; one of the pair is discarded to keep the stream simple.
    private double NextGaussian()
    {
        double u1 = 1.0 - random.NextDouble();
        double u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
