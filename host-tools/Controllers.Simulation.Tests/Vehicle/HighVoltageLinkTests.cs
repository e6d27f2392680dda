using System;
using Controllers.Simulation.Vehicle;
using Xunit;

namespace Controllers.Simulation.Tests.Vehicle;

// Link figures from boards/vcu-atv.yaml: 1 mF, 47 Ω precharge, 200 Ω active discharge, 100 kΩ bleed,
// contactors close 25 ms after their coils.
public class HighVoltageLinkTests
{
    private static HighVoltageLink CreateLink()
    {
        var definition = VehicleFiles.LoadAtv();
        return new HighVoltageLink(definition.HighVoltage, definition.Cell.Parameters);
    }

    [Fact]
    public void PrechargeFollowsRcCurve()
    {
        // Once the contacts close the link charges with τ = 47 Ω × 1 mF = 47 ms (the 100 kΩ bleed moves the
        // end point by 0.05 %): after 47 ms it is at 1 − e⁻¹ = 63.2 % of the pack voltage, after 3τ = 141 ms at
        // 95.0 %. The pack sags by about 1 % under the 7 A inrush, which the tolerance covers.
        var link = CreateLink();
        double pack = link.Pack.PackVolts;
        link.SetCoil(HighVoltageContactor.Negative, true);
        link.SetCoil(HighVoltageContactor.Precharge, true);
        int operateSteps = 0;
        while (!link.IsClosed(HighVoltageContactor.Precharge))
        {
            link.Step(0.001, 0);
            operateSteps++;
        }

        // The step in which the contacts close already charges the link for 1 ms.
        Assert.Equal(25, operateSteps);
        for (int i = 0; i < 46; i++)
        {
            link.Step(0.001, 0);
        }

        Assert.Equal(0.632, link.LinkVolts / pack, 0.006);

        for (int i = 0; i < 94; i++)
        {
            link.Step(0.001, 0);
        }

        Assert.Equal(0.950, link.LinkVolts / pack, 0.006);
        Assert.False(link.IsConnected);
    }

    [Fact]
    public void ConnectedLinkSagsWithLoad()
    {
        var link = CreateLink();
        Precharge(link);
        link.SetCoil(HighVoltageContactor.Positive, true);
        for (int i = 0; i < 30; i++)
        {
            link.Step(0.001, 0);
        }

        Assert.True(link.IsConnected);
        double rest = link.LinkVolts;
        link.Step(0.001, 20000);
        link.Step(0.001, 20000);

        // 20 kW at about 350 V draws about 57 A; the pack's ohmic resistance alone (96 × 0.014 Ω / 4 = 0.34 Ω)
        // drops close to 20 V.
        Assert.InRange(link.PackDischargeAmperes, 50, 65);
        Assert.InRange(rest - link.LinkVolts, 10, 40);
    }

    [Fact]
    public void ActiveDischargeFollowsRcCurve()
    {
        // Disconnected link with 200 Ω ∥ 100 kΩ across 1 mF: τ = 199.6 Ω × 1 mF = 0.1996 s, so after 0.2 s the
        // link is at e^(−0.2/0.1996) = 36.7 % of its start.
        var link = CreateLink();
        Precharge(link);
        link.SetCoil(HighVoltageContactor.Negative, false);
        link.SetCoil(HighVoltageContactor.Precharge, false);
        for (int i = 0; i < 10; i++)
        {
            link.Step(0.001, 0);
        }

        double start = link.LinkVolts;
        link.ActiveDischargeOn = true;
        for (int i = 0; i < 200; i++)
        {
            link.Step(0.001, 0);
        }

        Assert.Equal(Math.Exp(-0.2 / 0.1996), link.LinkVolts / start, 0.002);
    }

    [Fact]
    public void OpeningUnderLoadCountsBreak()
    {
        var link = CreateLink();
        Precharge(link);
        link.SetCoil(HighVoltageContactor.Positive, true);
        for (int i = 0; i < 30; i++)
        {
            link.Step(0.001, 0);
        }

        // 10 kW at about 350 V: about 29 A.
        for (int i = 0; i < 30; i++)
        {
            link.Step(0.001, 10000);
        }

        link.SetCoil(HighVoltageContactor.Positive, false);
        for (int i = 0; i < 20; i++)
        {
            link.Step(0.001, 10000);
        }

        Assert.False(link.IsConnected);
        Assert.Equal(1, link.BreaksUnderLoad);
        Assert.InRange(link.LargestBreakAmperes, 25, 35);
    }

    private static void Precharge(HighVoltageLink link)
    {
        link.SetCoil(HighVoltageContactor.Negative, true);
        link.SetCoil(HighVoltageContactor.Precharge, true);
        for (int i = 0; i < 500; i++)
        {
            link.Step(0.001, 0);
        }
    }
}

// 12 V figures from boards/vcu-atv.yaml: battery open-circuit voltage 11.8 + 0.8 × 0.9 = 12.52 V at 80 % SOC,
// 15 mΩ; converter 14.0 V behind 20 mΩ, 60 A limit.
public class LowVoltageSupplyTests
{
    private static LowVoltageSupply CreateSupply() => new(VehicleFiles.LoadAtv().LowVoltage);

    [Fact]
    public void ConverterAndBatteryShareLoad()
    {
        // Node: V = (14/0.02 + 12.52/0.015 − 20) / (1/0.02 + 1/0.015) = 1514.67 / 116.667 = 12.983 V;
        // converter current (14 − 12.983) / 0.02 = 50.86 A.
        var supply = CreateSupply();
        supply.ConverterEnabled = true;
        supply.LoadAmperes = 20;
        supply.Step(0.01, 350);

        Assert.Equal(12.983, supply.BusVolts, 0.001);
        Assert.Equal(50.86, supply.ConverterOutputAmperes, 0.01);
    }

    [Fact]
    public void BusSagsWhenConverterSaturates()
    {
        // 100 A load: unlimited, the converter would give 85.1 A, so it limits at 60 A and the battery supplies
        // 40 A: V = 12.52 − 40 × 0.015 = 11.92 V.
        var supply = CreateSupply();
        supply.ConverterEnabled = true;
        supply.LoadAmperes = 100;
        supply.Step(0.01, 350);

        Assert.Equal(11.92, supply.BusVolts, 0.001);
        Assert.Equal(60, supply.ConverterOutputAmperes, 1e-9);
    }

    [Fact]
    public void ConverterStopsBelowMinimumInput()
    {
        // Link at 150 V, under the 200 V minimum: battery alone, 12.52 − 10 × 0.015 = 12.37 V.
        var supply = CreateSupply();
        supply.ConverterEnabled = true;
        supply.LoadAmperes = 10;
        supply.Step(0.01, 150);

        Assert.Equal(12.37, supply.BusVolts, 0.001);
        Assert.Equal(0, supply.ConverterInputWatts);
    }
}
