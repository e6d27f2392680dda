using System;
using Controllers.Firmware.Bms.Sensing;
using Controllers.Simulation.Plant;
using Xunit;
using Xunit.Abstractions;

namespace Controllers.Simulation.Tests.Plant;

// The firmware converter reads the simulated divider; the expected temperature is the one the model was
// set to. The component errors are the corners of the error budget in docs/temperature-measurement.md.
public class NtcDividerAccuracyTests
{
    private readonly ITestOutputHelper output;

    public NtcDividerAccuracyTests(ITestOutputHelper output)
    {
        this.output = output;
    }

    private static NtcTemperatureConverter CreateConverter() =>
        new(MurataNcp18xh103.CreateTable(), new NtcDividerSettings { PullUpOhms = 10000f, HarnessOhms = 1f });

    private static double WorstErrorCelsius(NtcTemperatureConverter converter, NtcDividerModel model, out double worstAt)
    {
        double worst = 0;
        worstAt = double.NaN;
        // Steps of 0.13 °C fall between the 0.1 °C output steps, so rounding shows in the error too.
        for (int centi = -4000; centi <= 8500; centi += 13)
        {
            double celsius = centi / 100.0;
            NtcStatus status = converter.Convert((float)model.GpioVolts(celsius), (float)model.MeasuredReferenceVolts, out int deciCelsius);

            // At -40 °C a reading a little colder lies past the table end and is clamped to -40 °C.
            bool clampedAtEdge = centi == -4000 && status == NtcStatus.BelowTableRange;
            Assert.True(status == NtcStatus.Valid || clampedAtEdge, $"{celsius} °C: {status}");

            double error = Math.Abs(deciCelsius / 10.0 - celsius);
            if (error > worst)
            {
                worst = error;
                worstAt = celsius;
            }
        }

        return worst;
    }

    [Fact]
    public void Chain_WithinHalfDegreeAtBudgetCorners()
    {
        // Corners: pull-up 10 kΩ ± 0.1 %, harness 0 or 1 Ω (the firmware subtracts 1 Ω), VREF2 3.0 V ± 1 %,
        // ADC step 100 µV, thermistor on its centre curve.
        NtcTemperatureConverter converter = CreateConverter();
        double overall = 0;
        foreach (double pullUp in new[] { 9990.0, 10010.0 })
        {
            foreach (double harness in new[] { 0.0, 1.0 })
            {
                foreach (double reference in new[] { 2.97, 3.03 })
                {
                    var model = new NtcDividerModel(MurataNcp18xh103.CreateTable(), new NtcDividerModelSettings
                    {
                        PullUpOhms = pullUp,
                        HarnessOhms = harness,
                        ReferenceVolts = reference,
                        AdcStepVolts = 100e-6,
                    });

                    double worst = WorstErrorCelsius(converter, model, out double at);
                    output.WriteLine($"pull-up {pullUp} Ω, harness {harness} Ω, VREF2 {reference} V: max error {worst:F2} °C at {at} °C");
                    Assert.True(worst <= 0.5, $"max error {worst:F2} °C at {at} °C");
                    overall = Math.Max(overall, worst);
                }
            }
        }

        output.WriteLine($"worst over all corners: {overall:F2} °C");
    }

    [Fact]
    public void Chain_NominalWithinRoundingStep()
    {
        // Nominal parts and a 1 Ω harness: only ADC steps (0.013 °C), interpolation (0.03 °C) and rounding to
        // 0.1 °C (0.05 °C) remain.
        var model = new NtcDividerModel(MurataNcp18xh103.CreateTable(), new NtcDividerModelSettings());

        double worst = WorstErrorCelsius(CreateConverter(), model, out double at);

        output.WriteLine($"nominal: max error {worst:F3} °C at {at} °C");
        Assert.True(worst <= 0.1, $"max error {worst:F3} °C at {at} °C");
    }

    [Fact]
    public void Chain_ResolvesTenthDegreeThroughAdc()
    {
        // One ADC step (100 µV of 3 V) is 0.011 °C at 85 °C and 0.013 °C at -40 °C. So each 0.1 °C step of
        // the model must change the reading by exactly 0.1 °C at both ends of the range.
        NtcTemperatureConverter converter = CreateConverter();
        var model = new NtcDividerModel(MurataNcp18xh103.CreateTable(), new NtcDividerModelSettings());
        foreach (int start in new[] { -400, 840 })
        {
            for (int deci = start; deci <= start + 10; deci++)
            {
                converter.Convert((float)model.GpioVolts(deci / 10.0), (float)model.MeasuredReferenceVolts, out int deciCelsius);

                Assert.Equal(deci, deciCelsius);
            }
        }
    }

    [Fact]
    public void ThermistorToleranceStatedSeparately()
    {
        // A part 1 % high at 85 °C (the F grade's R25 tolerance, B-constant error ignored) reads colder by
        // ln(1.01) / (dlnR/dT). From the table, dlnR/dT = ln(1669 / 1452) / 5 K = 0.0279 /K around 85 °C,
        // so the error is 0.00995 / 0.0279 = 0.36 °C, outside what the electronics contribute.
        var model = new NtcDividerModel(MurataNcp18xh103.CreateTable(), new NtcDividerModelSettings
        {
            ThermistorResistanceFactor = 1.01,
            AdcStepVolts = 0,
        });

        CreateConverter().Convert((float)model.GpioVolts(85.0), (float)model.MeasuredReferenceVolts, out int deciCelsius);

        Assert.InRange(deciCelsius, 846, 847);
    }

    [Fact]
    public void OpenAndShortedThermistorAreFaults()
    {
        NtcTemperatureConverter converter = CreateConverter();

        // Open: the GPIO sits at the reference. Shorted: only the 1 Ω harness below 10 kΩ, 0.3 mV.
        Assert.Equal(NtcStatus.OpenCircuit, converter.Convert(3.0f, 3.0f, out _));
        Assert.Equal(NtcStatus.ShortCircuit, converter.Convert(3.0f * 1f / 10001f, 3.0f, out _));
    }
}
