using System;
using Controllers.Firmware.Bms.Sensing;
using Xunit;

namespace Controllers.Firmware.Bms.Tests;

public class NtcTemperatureConverterTests
{
    private const double KelvinOffset = 273.15;

    // Murata NCP18XH103F03RB centre values, catalogue R44E "Temperature Characteristics (Center Value)",
    // resistance code XH103, kΩ to three decimals: entered again here so that a change to the firmware's
    // table fails these tests.
    private static readonly int[] DatasheetCelsius =
    {
        -40, -35, -30, -25, -20, -15, -10, -5, 0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70,
        75, 80, 85, 90, 95, 100, 105, 110, 115, 120, 125,
    };

    private static readonly double[] DatasheetOhms =
    {
        195652, 148171, 113347, 87559, 68237, 53650, 42506, 33892, 27219, 22021, 17926, 14674, 12081, 10000,
        8315, 6948, 5834, 4917, 4161, 3535, 3014, 2586, 2228, 1925, 1669, 1452, 1268, 1110, 974, 858, 758,
        672, 596, 531,
    };

    private static NtcTemperatureConverter CreateConverter(float harnessOhms = 1f)
    {
        return new NtcTemperatureConverter(MurataNcp18xh103.CreateTable(), new NtcDividerSettings { HarnessOhms = harnessOhms });
    }

    // Resistance at a temperature between two datasheet points with β taken from those two points:
    // R(T) = R0 exp(β (1/T - 1/T0)), β = ln(R0/R1) / (1/T0 - 1/T1). Independent of the firmware's
    // interpolation, which is linear in ln R against T rather than against 1/T.
    private static double SegmentBetaOhms(double celsius)
    {
        int segment = 0;
        while (segment < DatasheetCelsius.Length - 2 && celsius > DatasheetCelsius[segment + 1])
        {
            segment++;
        }

        double t0 = DatasheetCelsius[segment] + KelvinOffset;
        double t1 = DatasheetCelsius[segment + 1] + KelvinOffset;
        double beta = Math.Log(DatasheetOhms[segment] / DatasheetOhms[segment + 1]) / (1 / t0 - 1 / t1);
        return DatasheetOhms[segment] * Math.Exp(beta * (1 / (celsius + KelvinOffset) - 1 / t0));
    }

    [Fact]
    public void Table_MatchesDatasheetPoints()
    {
        NtcThermistorTable table = MurataNcp18xh103.CreateTable();

        Assert.Equal(DatasheetCelsius.Length, table.Count);
        for (int i = 0; i < DatasheetCelsius.Length; i++)
        {
            Assert.Equal(DatasheetCelsius[i], table.TemperatureCelsiusAt(i));
            Assert.Equal(DatasheetOhms[i], table.ResistanceOhmsAt(i));
        }
    }

    [Fact]
    public void Table_AgreesWithSteinhartHartFit()
    {
        // Steinhart–Hart 1/T = a + b ln R + c (ln R)^3 solved exactly through -40, 25 and 85 °C
        // (Cramer's rule below). Every other datasheet point must lie within 0.25 °C of the curve; a mistyped
        // digit in the table would move a point by far more.
        double[] fitCelsius = { -40, 25, 85 };
        double[] fitOhms = { 195652, 10000, 1452 };
        double[][] matrix = new double[3][];
        double[] inverseKelvin = new double[3];
        for (int i = 0; i < 3; i++)
        {
            double x = Math.Log(fitOhms[i]);
            matrix[i] = new[] { 1, x, x * x * x };
            inverseKelvin[i] = 1 / (fitCelsius[i] + KelvinOffset);
        }

        double[] coefficients = SolveByCramer(matrix, inverseKelvin);
        for (int i = 0; i < DatasheetCelsius.Length; i++)
        {
            double x = Math.Log(DatasheetOhms[i]);
            double fitted = 1 / (coefficients[0] + coefficients[1] * x + coefficients[2] * x * x * x) - KelvinOffset;
            Assert.True(Math.Abs(fitted - DatasheetCelsius[i]) < 0.25, $"{DatasheetCelsius[i]} °C: Steinhart–Hart gives {fitted:F3} °C");
        }
    }

    [Fact]
    public void ConvertResistance_ReturnsDatasheetTemperatureAtEveryPoint()
    {
        NtcTemperatureConverter converter = CreateConverter();

        for (int i = 0; i < DatasheetCelsius.Length; i++)
        {
            NtcStatus status = converter.ConvertResistance((float)DatasheetOhms[i], out int deciCelsius);

            Assert.Equal(NtcStatus.Valid, status);
            Assert.Equal(DatasheetCelsius[i] * 10, deciCelsius);
        }
    }

    [Fact]
    public void ConvertResistance_MidpointsWithinSegmentBeta()
    {
        // At each midpoint (for example -37.5 °C) the firmware interpolates linearly in ln R. The
        // per-segment β curve differs from that by at most 0.027 °C, and rounding to 0.1 °C adds 0.05 °C.
        // So the result lies within 0.08 °C of the midpoint.
        NtcTemperatureConverter converter = CreateConverter();

        for (int i = 0; i < DatasheetCelsius.Length - 1; i++)
        {
            double midpoint = DatasheetCelsius[i] + 2.5;
            NtcStatus status = converter.ConvertResistance((float)SegmentBetaOhms(midpoint), out int deciCelsius);

            Assert.Equal(NtcStatus.Valid, status);
            Assert.True(Math.Abs(deciCelsius / 10.0 - midpoint) <= 0.08, $"{midpoint} °C read as {deciCelsius / 10.0} °C");
        }
    }

    [Fact]
    public void ConvertResistance_ResolvesEveryTenthDegree()
    {
        // Every 0.1 °C step from -40 to 85 °C must read as itself: interpolation error (< 0.03 °C) is
        // below half a step, so rounding lands on the exact tenth.
        NtcTemperatureConverter converter = CreateConverter();

        for (int deci = -400; deci <= 850; deci++)
        {
            NtcStatus status = converter.ConvertResistance((float)SegmentBetaOhms(deci / 10.0), out int deciCelsius);

            Assert.Equal(NtcStatus.Valid, status);
            Assert.Equal(deci, deciCelsius);
        }
    }

    [Fact]
    public void Convert_DividerAt25DegreesHandWorked()
    {
        // 25 °C: thermistor 10 000 Ω + 1 Ω harness below a 10 000 Ω pull-up from 3.0 V:
        // V_gpio = 3.0 * 10 001 / 20 001 = 1.500075 V. The converter removes the 1 Ω again.
        NtcTemperatureConverter converter = CreateConverter();

        NtcStatus status = converter.Convert(1.500075f, 3.0f, out int deciCelsius);

        Assert.Equal(NtcStatus.Valid, status);
        Assert.Equal(250, deciCelsius);
    }

    [Fact]
    public void Convert_RatiometricWithReference()
    {
        // The same ratio 10 001 / 20 001 with a reference 2 % high, 3.06 V: V_gpio = 1.5300765 V.
        NtcTemperatureConverter converter = CreateConverter();

        NtcStatus status = converter.Convert(1.5300765f, 3.06f, out int deciCelsius);

        Assert.Equal(NtcStatus.Valid, status);
        Assert.Equal(250, deciCelsius);
    }

    [Fact]
    public void Convert_DividerAt85DegreesHandWorked()
    {
        // 85 °C: 1452 Ω + 1 Ω: V_gpio = 3.0 * 1453 / 11 453 = 0.380599 V.
        NtcTemperatureConverter converter = CreateConverter();

        NtcStatus status = converter.Convert(0.380599f, 3.0f, out int deciCelsius);

        Assert.Equal(NtcStatus.Valid, status);
        Assert.Equal(850, deciCelsius);
    }

    [Theory]
    [InlineData(3.0f, 3.0f)] // ratio 1: thermistor open
    [InlineData(2.95f, 3.0f)] // ratio 0.983, above the 0.98 limit (490 kΩ)
    [InlineData(float.NaN, 3.0f)]
    public void Convert_OpenCircuitIsFault(float gpioVolts, float referenceVolts)
    {
        NtcStatus status = CreateConverter().Convert(gpioVolts, referenceVolts, out _);

        Assert.Equal(NtcStatus.OpenCircuit, status);
    }

    [Theory]
    [InlineData(0f, 3.0f)] // ratio 0: thermistor shorted
    [InlineData(0.05f, 3.0f)] // ratio 0.0167, below the 0.02 limit (170 Ω)
    [InlineData(-0.001f, 3.0f)]
    public void Convert_ShortCircuitIsFault(float gpioVolts, float referenceVolts)
    {
        NtcStatus status = CreateConverter().Convert(gpioVolts, referenceVolts, out _);

        Assert.Equal(NtcStatus.ShortCircuit, status);
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(2.4f)]
    [InlineData(3.6f)]
    [InlineData(float.NaN)]
    public void Convert_ImplausibleReferenceIsFault(float referenceVolts)
    {
        NtcStatus status = CreateConverter().Convert(1.5f, referenceVolts, out _);

        Assert.Equal(NtcStatus.InvalidReference, status);
    }

    [Fact]
    public void Convert_ColderThanTableClampsToMinus40()
    {
        // 300 kΩ (about -50 °C): ratio 300 001 / 310 001 = 0.96774, below the open limit 0.98.
        NtcStatus status = CreateConverter().Convert(3.0f * 300001f / 310001f, 3.0f, out int deciCelsius);

        Assert.Equal(NtcStatus.BelowTableRange, status);
        Assert.Equal(-400, deciCelsius);
    }

    [Fact]
    public void Convert_HotterThanTableClampsTo125()
    {
        // 400 Ω (about 135 °C): ratio 401 / 10 401 = 0.03855, above the short limit 0.02.
        NtcStatus status = CreateConverter().Convert(3.0f * 401f / 10401f, 3.0f, out int deciCelsius);

        Assert.Equal(NtcStatus.AboveTableRange, status);
        Assert.Equal(1250, deciCelsius);
    }

    [Theory]
    [InlineData(0.04f, 0)]
    [InlineData(0.05f, 1)]
    [InlineData(-0.04f, 0)]
    [InlineData(-0.05f, -1)]
    [InlineData(-39.96f, -400)]
    [InlineData(84.95f, 850)]
    public void RoundToDeciCelsius_HalvesAwayFromZero(float celsius, int expected)
    {
        Assert.Equal(expected, NtcTemperatureConverter.RoundToDeciCelsius(celsius));
    }

    [Fact]
    public void Settings_RejectOutOfRangeValues()
    {
        ArgumentException pullUp = Assert.Throws<ArgumentException>(() => new NtcDividerSettings { PullUpOhms = 50f }.Validate());
        Assert.Contains("PullUpOhms", pullUp.Message);

        ArgumentException reference = Assert.Throws<ArgumentException>(
            () => new NtcDividerSettings { MinimumReferenceVolts = 3.2f, MaximumReferenceVolts = 3.1f }.Validate());
        Assert.Contains("MaximumReferenceVolts", reference.Message);
    }

    [Fact]
    public void Table_RejectsRisingResistance()
    {
        ArgumentException error = Assert.Throws<ArgumentException>(
            () => new NtcThermistorTable(new[] { 0f, 5f, 10f }, new[] { 27219f, 27300f, 17926f }));

        Assert.Contains("point 1", error.Message);
    }

    [Fact]
    public void Sensor_ReadsChannelsAndReportsFaults()
    {
        NtcTemperatureSensor sensor = new NtcTemperatureSensor(CreateConverter(), 3);
        Assert.False(sensor.TryReadCelsius(0, out _));

        // Channel 0 at 25 °C (hand-worked above), channel 1 open, channel 2 shorted.
        sensor.Update(new[] { 1.500075f, 3.0f, 0f }, 3.0f);

        Assert.True(sensor.TryReadCelsius(0, out float celsius));
        Assert.Equal(25.0f, celsius);
        Assert.Equal(NtcStatus.Valid, sensor.GetStatus(0));
        Assert.False(sensor.TryReadCelsius(1, out _));
        Assert.Equal(NtcStatus.OpenCircuit, sensor.GetStatus(1));
        Assert.False(sensor.TryReadCelsius(2, out _));
        Assert.Equal(NtcStatus.ShortCircuit, sensor.GetStatus(2));
    }

    [Fact]
    public void Sensor_ReadDoesNotAllocate()
    {
        NtcTemperatureSensor sensor = new NtcTemperatureSensor(CreateConverter(), 2);
        float[] readings = { 1.500075f, 0.380599f };
        sensor.Update(readings, 3.0f);
        sensor.TryReadCelsius(0, out _);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            sensor.Update(readings, 3.0f);
            sensor.TryReadCelsius(i & 1, out _);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static double[] SolveByCramer(double[][] matrix, double[] rightHandSide)
    {
        double determinant = Determinant3(matrix);
        double[] solution = new double[3];
        for (int column = 0; column < 3; column++)
        {
            double[][] replaced = new double[3][];
            for (int row = 0; row < 3; row++)
            {
                replaced[row] = (double[])matrix[row].Clone();
                replaced[row][column] = rightHandSide[row];
            }

            solution[column] = Determinant3(replaced) / determinant;
        }

        return solution;
    }

    private static double Determinant3(double[][] m)
    {
        return m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
            - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
            + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
    }
}
