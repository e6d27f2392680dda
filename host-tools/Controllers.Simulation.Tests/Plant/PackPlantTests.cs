using System;
using Controllers.Firmware.Bms.Estimation;
using Controllers.Simulation.Plant;
using Xunit;

namespace Controllers.Simulation.Tests.Plant;

public class PackPlantTests
{
    // A linear cell for hand calculation: OCV 3.0 V at SOC 0 to 4.0 V at SOC 1, 2 Ah, R0 = 10 mΩ,
    // R1 = 5 mΩ with tau1 = 10 s, R2 = 10 mΩ with tau2 = 100 s, at every SOC and temperature.
    private static CellParameters LinearCell() => new()
    {
        CapacityAmpereHours = 2f,
        ChargeEfficiency = 1f,
        MinimumVoltageVolts = 2.5f,
        MaximumVoltageVolts = 4.2f,
        SocBreakpoints = [0f, 1f],
        OcvTemperaturesCelsius = [25f],
        OcvVolts = [3.0f, 4.0f],
        ImpedanceTemperaturesCelsius = [25f],
        OhmicResistanceOhms = [0.01f, 0.01f],
        FastBranchResistanceOhms = [0.005f, 0.005f],
        FastBranchTimeConstantSeconds = [10f, 10f],
        SlowBranchResistanceOhms = [0.01f, 0.01f],
        SlowBranchTimeConstantSeconds = [100f, 100f],
    };

    private static PackPlantSettings NoSpread(int cells) => new()
    {
        CellCount = cells,
        InitialSoc = 0.5,
        InitialSocSpread = 0,
        CapacitySpreadFraction = 0,
        ResistanceSpreadFraction = 0,
        TemperatureSpreadCelsius = 0,
    };

    [Fact]
    public void AtRest_TerminalVoltageIsOcv()
    {
        var plant = new PackPlant(LinearCell(), NoSpread(4));

        Assert.Equal(3.5, plant.GetCellVolts(0), 6);
        Assert.Equal(14.0, plant.PackVolts, 5);
    }

    [Fact]
    public void OneSecondAtTwoAmperes_MatchesHandCalculation()
    {
        var plant = new PackPlant(LinearCell(), NoSpread(1));

        plant.Step(1.0, 2.0);

        // SOC rises by 2 A · 1 s / 7200 As. The branches charge by R (1 − e^(−dt/tau)) I.
        double soc = 0.5 + 2.0 / 7200.0;
        double v1 = 0.005 * (1 - Math.Exp(-0.1)) * 2.0;
        double v2 = 0.01 * (1 - Math.Exp(-0.01)) * 2.0;
        double expected = 3.0 + soc + 0.01 * 2.0 + v1 + v2;
        Assert.Equal(soc, plant.GetSoc(0), 9);
        Assert.Equal(expected, plant.GetCellVolts(0), 5);
    }

    [Fact]
    public void HeatingFromAmbient_MatchesEnergyBalance()
    {
        var plant = new PackPlant(LinearCell(), NoSpread(1));

        plant.Step(1.0, 10.0);

        // Heat over the step: I²R0 plus I times the branch voltages at the end of the step, over C = 45 J/K.
        double v1 = 0.005 * (1 - Math.Exp(-0.1)) * 10.0;
        double v2 = 0.01 * (1 - Math.Exp(-0.01)) * 10.0;
        double watts = 100 * 0.01 + 10 * (v1 + v2);
        Assert.Equal(25 + watts / 45.0, plant.GetTemperatureCelsius(0), 6);
    }

    [Fact]
    public void Spread_StaysWithinSettings()
    {
        var settings = new PackPlantSettings { CellCount = 30, CapacitySpreadFraction = 0.05, InitialSoc = 0.5, InitialSocSpread = 0.1 };
        var plant = new PackPlant(LinearCell(), settings);
        for (int i = 0; i < 30; i++)
        {
            Assert.InRange(plant.GetCapacityAmpereHours(i), 1.9, 2.1);
            Assert.InRange(plant.GetSoc(i), 0.4, 0.6);
        }
    }

    [Fact]
    public void InvalidSettings_NameTheValue()
    {
        var error = Assert.Throws<ArgumentException>(() => new PackPlant(LinearCell(), new PackPlantSettings { CellCount = 0 }));
        Assert.Contains("CellCount", error.Message);
    }

    [Fact]
    public void NonFiniteCurrent_Rejected()
    {
        var plant = new PackPlant(LinearCell(), NoSpread(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => plant.Step(0.01, double.NaN));
    }

    [Fact]
    public void ParallelGroup_MatchesOneCell()
    {
        var single = new PackPlant(LinearCell(), NoSpread(1));
        var group = new PackPlant(LinearCell(), new PackPlantSettings
        {
            CellCount = 1, ParallelCells = 4, InitialSoc = 0.5, InitialSocSpread = 0, CapacitySpreadFraction = 0,
            ResistanceSpreadFraction = 0, TemperatureSpreadCelsius = 0,
        });

        single.Step(1.0, 2.0);
        group.Step(1.0, 8.0);

        // Four cells at 8 A carry 2 A each, so voltage, SOC and temperature match one cell at 2 A.
        Assert.Equal(single.GetCellVolts(0), group.GetCellVolts(0), 9);
        Assert.Equal(single.GetSoc(0), group.GetSoc(0), 12);
        Assert.Equal(single.GetTemperatureCelsius(0), group.GetTemperatureCelsius(0), 9);
        Assert.Equal(8.0, group.GetCapacityAmpereHours(0), 9);
    }
}
