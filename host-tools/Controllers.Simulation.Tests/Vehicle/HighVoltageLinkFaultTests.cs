using Controllers.Simulation.Vehicle;
using Xunit;

namespace Controllers.Simulation.Tests.Vehicle;

// Fault injections of the link of boards/vcu-atv.yaml: contactors close 25 ms and open 10 ms after their coils.
public class HighVoltageLinkFaultTests
{
    private static HighVoltageLink CreateLink()
    {
        var definition = VehicleFiles.LoadAtv();
        return new HighVoltageLink(definition.HighVoltage, definition.Cell.Parameters);
    }

    private static void Run(HighVoltageLink link, int milliseconds)
    {
        for (int i = 0; i < milliseconds; i++)
        {
            link.Step(0.001, 0);
        }
    }

    [Fact]
    public void OpenPrechargeResistor_LinkStaysAtZero()
    {
        var link = CreateLink();
        link.PrechargeResistorOpen = true;
        link.SetCoil(HighVoltageContactor.Negative, true);
        link.SetCoil(HighVoltageContactor.Precharge, true);
        Run(link, 500);

        Assert.True(link.IsClosed(HighVoltageContactor.Precharge));
        Assert.Equal(0, link.LinkVolts, 6);
        Assert.Equal(0, link.PackDischargeAmperes, 6);
    }

    [Fact]
    public void WeldedContactor_StaysClosedWhenReleased()
    {
        var link = CreateLink();
        link.SetCoil(HighVoltageContactor.Negative, true);
        link.SetCoil(HighVoltageContactor.Precharge, true);
        Run(link, 300);
        link.SetCoil(HighVoltageContactor.Positive, true);
        Run(link, 30);
        link.SetWelded(HighVoltageContactor.Positive, true);

        link.SetCoil(HighVoltageContactor.Positive, false);
        link.SetCoil(HighVoltageContactor.Precharge, false);
        Run(link, 50);

        Assert.True(link.IsClosed(HighVoltageContactor.Positive));
        Assert.False(link.IsCoilEnergised(HighVoltageContactor.Positive));
        Assert.False(link.IsClosed(HighVoltageContactor.Precharge));

        // Clearing the weld lets the contacts follow the released coil after the 10 ms release time.
        link.SetWelded(HighVoltageContactor.Positive, false);
        Run(link, 1);
        Assert.False(link.IsClosed(HighVoltageContactor.Positive));
    }

    [Fact]
    public void WeldedContactor_StillClosesWithCoil()
    {
        var link = CreateLink();
        link.SetWelded(HighVoltageContactor.Negative, true);
        Run(link, 50);
        Assert.False(link.IsClosed(HighVoltageContactor.Negative));

        link.SetCoil(HighVoltageContactor.Negative, true);
        Run(link, 25);
        Assert.True(link.IsClosed(HighVoltageContactor.Negative));
    }
}
