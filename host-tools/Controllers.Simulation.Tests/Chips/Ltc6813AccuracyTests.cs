using System;
using Controllers.Firmware.Bms.Afe;
using Controllers.Simulation.Chips;
using Xunit;
using Xunit.Abstractions;

namespace Controllers.Simulation.Tests.Chips;

/// <summary>
/// Cell voltage accuracy of driver plus calibration: the error must stay within 0.2 % of the cell voltage
/// over 2.5–4.2 V. The board in this test adds its own per-channel gain (±0.4 %) and offset (±4 mV) between
/// cell and pin, on top of the emulator's chip errors, so the uncalibrated reading fails the limit.
/// </summary>
public class Ltc6813AccuracyTests
{
    private const float LimitFraction = 0.002f;

    private readonly ITestOutputHelper output;

    public Ltc6813AccuracyTests(ITestOutputHelper output)
    {
        this.output = output;
    }

    private sealed class BoardWithSenseErrors : ILtc6813AnalogInputs
    {
        private readonly float[] gains = new float[36];
        private readonly float[] offsets = new float[36];

        public BoardWithSenseErrors(int seed)
        {
            var random = new Random(seed);
            for (int i = 0; i < gains.Length; i++)
            {
                gains[i] = 1f + (float)(random.NextDouble() * 2 - 1) * 0.004f;
                offsets[i] = (float)(random.NextDouble() * 2 - 1) * 0.004f;
            }
        }

        public float[] TrueCellVolts { get; } = new float[36];

        public float CellInputVolts(int device, int cell)
        {
            int i = device * 18 + cell - 1;
            return TrueCellVolts[i] * gains[i] + offsets[i];
        }

        public float GpioVolts(int device, int gpio) => 0f;

        public bool IsSenseWireOpen(int device, int wire) => false;
    }

    [Fact]
    public void Calibrated_Within0p2PercentFrom2p5To4p2Volts()
    {
        var clock = new SimulatedClock();
        var board = new BoardWithSenseErrors(seed: 7);
        var chip = new Ltc6813Emulator(2, clock, board, seed: 11);
        var chain = new Ltc6813Chain(chip, clock, 2);
        chain.Configuration.SetReferenceOn(true);
        chain.WriteConfiguration();
        var sensor = new AfeCellVoltageSensor(chain, new[] { 15, 15 });
        var low = new float[30];
        var high = new float[30];
        var volts = new float[30];

        // Two-point calibration with every cell held at a reference voltage.
        Array.Fill(board.TrueCellVolts, 2.5f);
        Assert.True(sensor.TryRead(low));
        Array.Fill(board.TrueCellVolts, 4.2f);
        Assert.True(sensor.TryRead(high));
        for (int cell = 0; cell < 30; cell++)
        {
            Assert.True(AfeCellVoltageSensor.TryComputeTwoPointCalibration(low[cell], 2.5f, high[cell], 4.2f, out float gain, out float offset));
            sensor.SetCalibration(cell, gain, offset);
        }

        // Sweep 2.5-4.2 V in 10 mV steps, each cell at a different point of the range.
        float worstFraction = 0f;
        for (int step = 0; step <= 170; step++)
        {
            for (int cell = 0; cell < 30; cell++)
            {
                float truth = 2.5f + 0.01f * ((step + 7 * cell) % 171);
                board.TrueCellVolts[(cell / 15) * 18 + cell % 15] = truth;
            }

            clock.Advance(100_000);
            Assert.True(sensor.TryRead(volts));
            for (int cell = 0; cell < 30; cell++)
            {
                float truth = board.TrueCellVolts[(cell / 15) * 18 + cell % 15];
                float fraction = Math.Abs(volts[cell] - truth) / truth;
                worstFraction = Math.Max(worstFraction, fraction);
                Assert.True(fraction <= LimitFraction, $"cell {cell} at {truth} V read {volts[cell]} V");
            }
        }

        // Quantisation (50 µV) and float rounding remain, so the calibrated error is far inside the limit.
        output.WriteLine($"worst calibrated error over 2.5-4.2 V: {worstFraction:P4}");
        Assert.True(worstFraction < 0.0005f, $"worst error {worstFraction:P3}");
    }

    [Fact]
    public void Uncalibrated_ExceedsLimitOnThisBoard()
    {
        var clock = new SimulatedClock();
        var board = new BoardWithSenseErrors(seed: 7);
        var chip = new Ltc6813Emulator(2, clock, board, seed: 11);
        var chain = new Ltc6813Chain(chip, clock, 2);
        var sensor = new AfeCellVoltageSensor(chain, new[] { 15, 15 });
        var volts = new float[30];
        Array.Fill(board.TrueCellVolts, 2.5f);

        Assert.True(sensor.TryRead(volts));

        float worst = 0f;
        foreach (float v in volts)
        {
            worst = Math.Max(worst, Math.Abs(v - 2.5f) / 2.5f);
        }

        output.WriteLine($"worst uncalibrated error at 2.5 V: {worst:P4}");
        Assert.True(worst > LimitFraction, $"worst uncalibrated error {worst:P3}");
    }

    [Theory]
    [InlineData(2.5f, 2.5f, 4.2f, 4.2f, 1f, 0f)]
    [InlineData(2.49f, 2.5f, 4.19f, 4.2f, 1f, 0.01f)]
    [InlineData(2.49f, 2.5f, 4.1832f, 4.2f, 1.004f, 0f)]
    public void TwoPointCalibration_SolvesGainAndOffset(float measuredLow, float referenceLow, float measuredHigh, float referenceHigh,
        float expectedGain, float expectedOffset)
    {
        // Row 3: gain = (4.2 - 2.5) / (4.1832 - 2.49) = 1.7 / 1.6932 = 1.004016; offset = 2.5 - 1.004016 × 2.49 = 0.00000.
        Assert.True(AfeCellVoltageSensor.TryComputeTwoPointCalibration(measuredLow, referenceLow, measuredHigh, referenceHigh,
            out float gain, out float offset));

        Assert.Equal(expectedGain, gain, 3);
        Assert.Equal(expectedOffset, offset, 3);
    }

    [Fact]
    public void TwoPointCalibration_RejectsOutOfRangeGain()
    {
        // A 10 % gain error lies outside 0.95-1.05, which points to a wiring or reference fault.
        Assert.False(AfeCellVoltageSensor.TryComputeTwoPointCalibration(2.5f, 2.5f, 4.03f, 4.2f, out _, out _));
    }
}
