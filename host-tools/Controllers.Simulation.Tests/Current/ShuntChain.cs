using Controllers.Firmware.Bms.Current;
using Controllers.Simulation.Chips;

namespace Controllers.Simulation.Tests.Current;

/// <summary>
/// The shunt measurement chain as fitted on a board: emulated ADS131M02 with the errors of
/// <see cref="Errors"/>, the firmware driver and the calibrated sensor, read every 10 ms in simulated time.
/// </summary>
internal sealed class ShuntChain
{
    /// <summary>
    /// Errors of one fitted board: shunt +0.4 % off nominal with 10 ppm/K, ADC gain error -0.3 %, ADC offset
    /// 20 µV (0.2 A on 100 µΩ) and 0.3 µV RMS noise per conversion.
    /// </summary>
    public static readonly Ads131m02EmulatorSettings Errors = new()
    {
        ShuntToleranceFraction = 0.004,
        ShuntTemperatureCoefficientPerKelvin = 10e-6,
        AdcGainError = -0.003,
        AdcOffsetVolts = 20e-6,
        NoiseVoltsRms = 0.3e-6,
        Seed = 7,
    };

    public ShuntChain(OffsetTrackingSettings tracking)
    {
        Chip = new Ads131m02Emulator(Clock, () => CurrentAmperes, Errors);
        Driver = new Ads131m02CurrentSensor(Chip, new Ads131m02Settings());
        Driver.Initialize();
        Sensor = new CalibratedCurrentSensor(Driver, Calibration, tracking, Clock);
    }

    public SimulatedClock Clock { get; } = new();

    public Ads131m02Emulator Chip { get; }

    public Ads131m02CurrentSensor Driver { get; }

    public CurrentCalibration Calibration { get; } = new();

    public CalibratedCurrentSensor Sensor { get; }

    /// <summary>True current through the shunt in amperes, positive when charging.</summary>
    public double CurrentAmperes { get; set; }

    /// <summary>Advances 10 ms and reads the calibrated sensor.</summary>
    public float ReadNext()
    {
        Clock.Advance(10_000);
        if (!Sensor.TryReadAmperes(out float amperes))
        {
            throw new System.InvalidOperationException("The shunt chain read failed in a test without injected faults.");
        }

        return amperes;
    }

    /// <summary>Advances 10 ms and reads the raw driver value, <paramref name="count"/> times, and returns the mean.</summary>
    public double AverageRaw(int count)
    {
        double sum = 0;
        for (int i = 0; i < count; i++)
        {
            Clock.Advance(10_000);
            Driver.TryReadAmperes(out float amperes);
            sum += amperes;
        }

        return sum / count;
    }
}
