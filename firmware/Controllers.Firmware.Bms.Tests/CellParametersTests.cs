using System;
using Controllers.Firmware.Bms.Estimation;
using Xunit;

namespace Controllers.Firmware.Bms.Tests;

public class CellParametersTests
{
    [Fact]
    public void Validate_AcceptsSmallTable()
    {
        TestCells.Small().Validate();
    }

    [Theory]
    [InlineData(2.5f)]    // typical cell
    [InlineData(0.1f)]    // minimum
    [InlineData(2000f)]   // maximum
    public void Capacity_AcceptedWithinLimits(float capacity)
    {
        var parameters = TestCells.Small();
        parameters.CapacityAmpereHours = capacity;

        parameters.Validate();
    }

    [Theory]
    [InlineData(0.0999f)]   // just below the minimum
    [InlineData(2000.5f)]   // just above the maximum
    [InlineData(0f)]        // the default of a new record
    [InlineData(-1f)]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void Capacity_RejectedOutsideLimits(float capacity)
    {
        var parameters = TestCells.Small();
        parameters.CapacityAmpereHours = capacity;

        var error = Assert.Throws<ArgumentException>(parameters.Validate);

        Assert.Equal("CapacityAmpereHours", error.ParamName);
    }

    [Fact]
    public void Capacity_RejectedWhenNeverSet()
    {
        var error = Assert.Throws<ArgumentException>(new CellParameters().Validate);

        Assert.Equal("CapacityAmpereHours", error.ParamName);
    }

    [Theory]
    [InlineData(0.89f)]
    [InlineData(1.01f)]
    public void ChargeEfficiency_RejectedOutsideLimits(float efficiency)
    {
        var parameters = TestCells.Small();
        parameters.ChargeEfficiency = efficiency;

        var error = Assert.Throws<ArgumentException>(parameters.Validate);

        Assert.Equal("ChargeEfficiency", error.ParamName);
    }

    [Theory]
    [InlineData(0f, 0.5f, 0.5f)]    // repeated value
    [InlineData(0f, 0.6f, 0.5f)]    // descending
    [InlineData(0f, 0.5f, 1.1f)]    // outside 0 to 1
    public void SocBreakpoints_RejectedWhenNotAscendingFractions(float a, float b, float c)
    {
        var parameters = TestCells.Small();
        parameters.SocBreakpoints = new[] { a, b, c };

        var error = Assert.Throws<ArgumentException>(parameters.Validate);

        Assert.Equal("SocBreakpoints", error.ParamName);
    }

    [Fact]
    public void SocBreakpoints_RejectedWhenEmpty()
    {
        var parameters = TestCells.Small();
        parameters.SocBreakpoints = Array.Empty<float>();

        var error = Assert.Throws<ArgumentException>(parameters.Validate);

        Assert.Equal("SocBreakpoints", error.ParamName);
    }

    [Fact]
    public void OcvTemperatures_RejectedWhenNotAscending()
    {
        var parameters = TestCells.Small();
        parameters.OcvTemperaturesCelsius = new[] { 20f, 0f };

        var error = Assert.Throws<ArgumentException>(parameters.Validate);

        Assert.Equal("OcvTemperaturesCelsius", error.ParamName);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(7)]
    [InlineData(3)]
    public void OcvVolts_RejectedWithWrongLength(int length)
    {
        // Two temperature rows times three SOC breakpoints need six values.
        var parameters = TestCells.Small();
        parameters.OcvVolts = new float[length];

        var error = Assert.Throws<ArgumentException>(parameters.Validate);

        Assert.Equal("OcvVolts", error.ParamName);
    }

    [Theory]
    [InlineData("OhmicResistanceOhms")]
    [InlineData("FastBranchResistanceOhms")]
    [InlineData("FastBranchTimeConstantSeconds")]
    [InlineData("SlowBranchResistanceOhms")]
    [InlineData("SlowBranchTimeConstantSeconds")]
    public void ImpedanceTable_RejectedWithWrongLength(string field)
    {
        var parameters = TestCells.Small();
        var property = typeof(CellParameters).GetProperty(field)!;
        property.SetValue(parameters, new[] { 0.01f, 0.01f, 0.01f });

        var error = Assert.Throws<ArgumentException>(parameters.Validate);

        Assert.Equal(field, error.ParamName);
    }

    [Fact]
    public void OcvVolts_RejectedWhenNotRising()
    {
        // The second row falls from 3.7 V to 3.65 V between SOC 0.5 and 1.
        var parameters = TestCells.Small();
        parameters.OcvVolts = new[] { 3.0f, 3.6f, 4.0f, 3.2f, 3.7f, 3.65f };

        var error = Assert.Throws<ArgumentException>(parameters.Validate);

        Assert.Equal("OcvVolts", error.ParamName);
    }

    [Fact]
    public void OcvVolts_RejectedWhenFlat()
    {
        var parameters = TestCells.Small();
        parameters.OcvVolts = new[] { 3.0f, 3.6f, 3.6f, 3.2f, 3.7f, 4.2f };

        var error = Assert.Throws<ArgumentException>(parameters.Validate);

        Assert.Equal("OcvVolts", error.ParamName);
    }

    [Theory]
    [InlineData(0.4f)]
    [InlineData(5.6f)]
    public void OcvVolts_RejectedOutsideVoltageRange(float volts)
    {
        var parameters = TestCells.Small();
        parameters.OcvVolts = new[] { 3.0f, 3.6f, 4.0f, 3.2f, 3.7f, 4.2f };
        parameters.OcvVolts[volts < 1f ? 0 : 5] = volts;

        var error = Assert.Throws<ArgumentException>(parameters.Validate);

        Assert.Equal("OcvVolts", error.ParamName);
    }

    [Fact]
    public void OhmicResistance_RejectedWhenZero()
    {
        var parameters = TestCells.Small();
        parameters.OhmicResistanceOhms[2] = 0f;

        var error = Assert.Throws<ArgumentException>(parameters.Validate);

        Assert.Equal("OhmicResistanceOhms", error.ParamName);
    }

    [Fact]
    public void TimeConstant_RejectedBelowMinimum()
    {
        var parameters = TestCells.Small();
        parameters.FastBranchTimeConstantSeconds[0] = 0.009f;

        var error = Assert.Throws<ArgumentException>(parameters.Validate);

        Assert.Equal("FastBranchTimeConstantSeconds", error.ParamName);
    }

    [Theory]
    [InlineData(4.2f, 2.5f)]   // swapped
    [InlineData(2.5f, 2.5f)]   // equal
    [InlineData(2.5f, 6f)]     // maximum at 6 V
    [InlineData(0f, 4.2f)]     // minimum not positive
    public void VoltageLimits_RejectedWhenInconsistent(float minimum, float maximum)
    {
        var parameters = TestCells.Small();
        parameters.MinimumVoltageVolts = minimum;
        parameters.MaximumVoltageVolts = maximum;

        var error = Assert.Throws<ArgumentException>(parameters.Validate);

        Assert.Equal("MaximumVoltageVolts", error.ParamName);
    }

    [Fact]
    public void CapacityTable_AcceptedWhenEmptyOrConsistent()
    {
        var parameters = TestCells.Small();
        parameters.Validate();

        parameters.CapacityTemperaturesCelsius = new[] { 0f, 25f };
        parameters.CapacityByTemperatureAmpereHours = new[] { 2.3f, 2.5f };
        parameters.Validate();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void CapacityTable_RejectedWithWrongLength(int length)
    {
        var parameters = TestCells.Small();
        parameters.CapacityTemperaturesCelsius = new[] { 0f, 25f };
        parameters.CapacityByTemperatureAmpereHours = new float[length];
        for (int i = 0; i < length; i++)
        {
            parameters.CapacityByTemperatureAmpereHours[i] = 2.5f;
        }

        var error = Assert.Throws<ArgumentException>(parameters.Validate);

        Assert.Equal("CapacityByTemperatureAmpereHours", error.ParamName);
    }

    [Fact]
    public void CapacityTable_RejectedWhenValuesWithoutAxis()
    {
        var parameters = TestCells.Small();
        parameters.CapacityByTemperatureAmpereHours = new[] { 2.5f };

        var error = Assert.Throws<ArgumentException>(parameters.Validate);

        Assert.Equal("CapacityTemperaturesCelsius", error.ParamName);
    }

    [Theory]
    [InlineData(0.09f)]
    [InlineData(2001f)]
    public void CapacityTable_RejectedOutsideLimits(float capacity)
    {
        var parameters = TestCells.Small();
        parameters.CapacityTemperaturesCelsius = new[] { 0f, 25f };
        parameters.CapacityByTemperatureAmpereHours = new[] { 2.5f, capacity };

        var error = Assert.Throws<ArgumentException>(parameters.Validate);

        Assert.Equal("CapacityByTemperatureAmpereHours", error.ParamName);
    }

    [Fact]
    public void CapacityTable_RejectedWhenTemperaturesNotAscending()
    {
        var parameters = TestCells.Small();
        parameters.CapacityTemperaturesCelsius = new[] { 25f, 0f };
        parameters.CapacityByTemperatureAmpereHours = new[] { 2.5f, 2.3f };

        var error = Assert.Throws<ArgumentException>(parameters.Validate);

        Assert.Equal("CapacityTemperaturesCelsius", error.ParamName);
    }

    [Fact]
    public void Hysteresis_AcceptedWhenConsistent()
    {
        var parameters = TestCells.Small();
        parameters.HysteresisTemperaturesCelsius = new[] { 0f, 25f };
        parameters.HysteresisMagnitudeVolts = new[] { 0.03f, 0.02f };
        parameters.HysteresisRatePerSoc = new[] { 40f, 30f };

        parameters.Validate();
    }

    [Fact]
    public void Hysteresis_RejectedWithWrongLength()
    {
        var parameters = TestCells.Small();
        parameters.HysteresisTemperaturesCelsius = new[] { 0f, 25f };
        parameters.HysteresisMagnitudeVolts = new[] { 0.03f };
        parameters.HysteresisRatePerSoc = new[] { 40f, 30f };

        var error = Assert.Throws<ArgumentException>(parameters.Validate);

        Assert.Equal("HysteresisMagnitudeVolts", error.ParamName);
    }

    [Theory]
    [InlineData(-0.01f, 30f, "HysteresisMagnitudeVolts")]
    [InlineData(0.51f, 30f, "HysteresisMagnitudeVolts")]
    [InlineData(0.02f, -1f, "HysteresisRatePerSoc")]
    [InlineData(0.02f, 10001f, "HysteresisRatePerSoc")]
    public void Hysteresis_RejectedOutsideLimits(float magnitude, float rate, string field)
    {
        var parameters = TestCells.Small();
        parameters.HysteresisTemperaturesCelsius = new[] { 25f };
        parameters.HysteresisMagnitudeVolts = new[] { magnitude };
        parameters.HysteresisRatePerSoc = new[] { rate };

        var error = Assert.Throws<ArgumentException>(parameters.Validate);

        Assert.Equal(field, error.ParamName);
    }
}
