using System;
using Controllers.Firmware.Common.Hal;

namespace Controllers.Firmware.Bms.Tests;

/// <summary>
/// Board sensors for the tests: each read stores the clock time when it started in a preallocated array
/// and then advances the clock by a conversion time, as a real converter blocks the loop. Values follow
/// a fixed profile of simulated time. Reads allocate nothing.
/// </summary>
internal sealed class RecordingSensors : ICellVoltageSensor, ICurrentSensor, ITemperatureSensor
{
    // Conversion times chosen near those of a shunt ADC, a multi-cell AFE and an NTC scan.
    public const long CurrentConversionMicroseconds = 50;
    public const long CellVoltageConversionMicroseconds = 2_000;
    public const long TemperatureConversionMicroseconds = 1_000;

    private readonly TestClock clock;

    public RecordingSensors(TestClock clock, int cellCount, int channelCount, int capacity)
    {
        this.clock = clock;
        CellCount = cellCount;
        ChannelCount = channelCount;
        CurrentReadTimes = new long[capacity];
        CellVoltageReadTimes = new long[capacity];
        TemperatureReadTimes = new long[capacity];
    }

    public int CellCount { get; }

    public int ChannelCount { get; }

    public long[] CurrentReadTimes { get; }

    public int CurrentReadCount { get; private set; }

    public long[] CellVoltageReadTimes { get; }

    public int CellVoltageReadCount { get; private set; }

    /// <summary>Start times of the reads of channel 0, one per temperature activation.</summary>
    public long[] TemperatureReadTimes { get; }

    public int TemperatureReadCount { get; private set; }

    public bool TryReadAmperes(out float currentAmperes)
    {
        CurrentReadTimes[CurrentReadCount % CurrentReadTimes.Length] = clock.NowMicroseconds;
        CurrentReadCount++;
        currentAmperes = CurrentAt(clock.NowMicroseconds);
        clock.Advance(CurrentConversionMicroseconds);
        return true;
    }

    public bool TryRead(float[] cellVoltagesVolts)
    {
        CellVoltageReadTimes[CellVoltageReadCount % CellVoltageReadTimes.Length] = clock.NowMicroseconds;
        CellVoltageReadCount++;
        float current = CurrentAt(clock.NowMicroseconds);
        for (int i = 0; i < CellCount; i++)
        {
            cellVoltagesVolts[i] = 3.7f + 0.015f * current + 0.001f * i;
        }

        clock.Advance(CellVoltageConversionMicroseconds);
        return true;
    }

    public bool TryReadCelsius(int channel, out float temperatureCelsius)
    {
        if (channel == 0)
        {
            TemperatureReadTimes[TemperatureReadCount % TemperatureReadTimes.Length] = clock.NowMicroseconds;
            TemperatureReadCount++;
        }

        temperatureCelsius = 25f + channel;
        clock.Advance(TemperatureConversionMicroseconds);
        return true;
    }

    // Discharge at 2 A with a 6 A pulse in the first 10 s of every 30 s.
    private static float CurrentAt(long timeMicroseconds) =>
        timeMicroseconds % 30_000_000 < 10_000_000 ? -6f : -2f;
}
