using System;
using System.Collections.Generic;
using Controllers.Firmware.Common.Can;
using Controllers.Firmware.Common.Can.Generated.Vcu;
using Controllers.Simulation.Network;
using Controllers.Simulation.Vehicle;
using Controllers.Simulation.Vehicle.Nodes;
using Xunit;

namespace Controllers.Simulation.Tests.Vehicle;

/// <summary>
/// The simulated on-board charger against the ATV pack (96S4P LG INR18650HG2, boards/vcu-atv.yaml), driven by
/// VCU_ChargerRequest frames over the simulated 500 kbit/s bus in 10 ms steps. Charger figures: 3.3 kW, 16 A,
/// 20 A/s slew, 300 ms request timeout.
/// </summary>
public class ChargerNodeTests
{
    private const long StepMicroseconds = 10_000;

    private readonly SimulatedCanNetwork network = new(500_000);
    private readonly HighVoltageLink link;
    private readonly ChargerNode charger;
    private readonly ICanTransmitter vcu;
    private readonly List<OBC_Status> statuses = [];
    private readonly VCU_ChargerRequest request = new();
    private readonly CanFrame frame = new();
    private long now;
    private int counter;

    public ChargerNodeTests()
    {
        var definition = VehicleFiles.LoadAtv();
        link = new HighVoltageLink(definition.HighVoltage, definition.Cell.Parameters);
        charger = new ChargerNode(link, network);
        vcu = network.Attach("VCU", (received, _) =>
        {
            var status = new OBC_Status();
            if (status.TryDecode(received))
            {
                statuses.Add(status);
            }
        });
        link.SetCoil(HighVoltageContactor.Negative, true);
        link.SetCoil(HighVoltageContactor.Positive, true);
        for (int i = 0; i < 5; i++)
        {
            link.Step(0.01, 0);
        }
    }

    /// <summary>Requests <paramref name="amperes"/> at <paramref name="volts"/>; sendRequests false models a silent VCU.</summary>
    private void Run(double seconds, double volts, double amperes, bool enable = true, bool sendRequests = true)
    {
        long end = now + (long)Math.Round(seconds * 1e6);
        while (now < end)
        {
            if (sendRequests && now % 100_000 == 0)
            {
                SendRequest(volts, amperes, enable, counter);
                counter = (counter + 1) & 0xF;
            }

            now += StepMicroseconds;
            network.AdvanceTo(now);
            charger.Step(now);
            link.Step(StepMicroseconds / 1e6, -charger.OutputWatts);
        }
    }

    private void SendRequest(double volts, double amperes, bool enable, int aliveCounter)
    {
        request.ChargeVoltageRequest = (float)volts;
        request.ChargeCurrentRequest = (float)amperes;
        request.ChargerEnable = enable ? 1 : 0;
        request.ChargerRequestAliveCounter = aliveCounter;
        request.Encode(frame);
        vcu.TrySend(frame);
    }

    [Fact]
    public void Output_LimitedByRatedPower()
    {
        // 16 A at about 350 V would be 5.6 kW; the 3.3 kW rating caps it at 3300 / 350 = 9.4 A.
        Run(2.0, 403.2, 16);

        Assert.Equal(3300, charger.OutputWatts, 5);
        Assert.Equal(OBC_Status.ChargerStateDerating, statuses[^1].ChargerState);
    }

    [Fact]
    public void Output_FollowsCurrentRequest()
    {
        Run(2.0, 403.2, 5);

        Assert.Equal(5, charger.OutputAmperes, 3);
        Assert.Equal(OBC_Status.ChargerStateCharging, statuses[^1].ChargerState);
        Assert.Equal(5, statuses[^1].ChargerOutputCurrent, 1);
    }

    [Fact]
    public void Output_RampsAtSlewLimit()
    {
        // The first request arrives within the first step; 20 A/s for at most 0.1 s allows 2 A.
        Run(0.1, 403.2, 10);

        Assert.True(charger.OutputAmperes <= 2.0 + 1e-9, $"{charger.OutputAmperes} A after 100 ms");
        Assert.True(charger.OutputAmperes >= 1.6, $"{charger.OutputAmperes} A after 100 ms");
    }

    [Fact]
    public void ChargeDelivered_RaisesSoc()
    {
        Run(0.5, 403.2, 5);
        double startSoc = link.Pack.MeanSoc;
        double startCharge = charger.DeliveredAmpereSeconds;

        Run(60, 403.2, 5);

        // 5 A for 60 s = 300 A·s into 4 parallel cells of 2.78074 Ah (10 010.7 A·s each):
        // 300 / (4 × 10 010.7) = 0.00749 SOC. The plant spreads cell capacities by ±3 %, so the mean over the
        // 96 series elements is checked within 2 %.
        double delivered = charger.DeliveredAmpereSeconds - startCharge;
        Assert.Equal(300, delivered, 0.5);
        Assert.Equal(0.00749, link.Pack.MeanSoc - startSoc, 0.00015);
    }

    [Fact]
    public void VoltageLoop_HoldsRequestedVoltage()
    {
        Run(1.0, 0, 0, enable: false);
        double target = link.LinkVolts + 2.0;

        Run(30, target, 10);

        // The pack's ohmic drop at 10 A is about 10 A × 96 × 0.024 Ω / 4 = 5.8 V, more than the 2 V margin, so
        // the loop must hold the link at the request with less than 10 A.
        Assert.Equal(target, link.LinkVolts, 0.1);
        Assert.True(charger.OutputAmperes < 10, $"{charger.OutputAmperes} A");
    }

    [Fact]
    public void RequestTimeout_StopsOutput()
    {
        Run(1.0, 403.2, 5);

        Run(1.0, 403.2, 5, sendRequests: false);

        // Last request at 0.9 s; timed out 300 ms later; 5 A ramps down at 20 A/s in 0.25 s.
        Assert.Equal(0, charger.OutputAmperes);
        Assert.Equal(1, charger.RequestTimeouts);
    }

    [Fact]
    public void AliveCounterJump_Rejected()
    {
        Run(0.5, 403.2, 5);
        counter = (counter + 2) & 0xF;

        Run(0.1, 403.2, 0, enable: false);

        Assert.Equal(1, charger.CounterErrors);
        Assert.True(charger.OutputAmperes > 4.9, "the frame with the skipped counter must be ignored");
    }

    [Fact]
    public void AcLoss_StopsOutput()
    {
        Run(1.0, 403.2, 5);
        charger.AcPresent = false;

        Run(0.5, 403.2, 5);

        Assert.Equal(0, charger.OutputAmperes);
        Assert.Equal(OBC_Status.AcInputPresentInactive, statuses[^1].AcInputPresent);
        Assert.Equal(OBC_Status.ChargerStateIdle, statuses[^1].ChargerState);
    }

    [Fact]
    public void InjectedFault_Reported()
    {
        Run(1.0, 403.2, 5);
        charger.InjectFault(0x21);

        Run(0.5, 403.2, 5);

        Assert.Equal(0, charger.OutputAmperes);
        Assert.Equal(OBC_Status.ChargerStateFault, statuses[^1].ChargerState);
        Assert.Equal(0x21, statuses[^1].ChargerFaultCode);
    }

    [Fact]
    public void Status_Every100Milliseconds()
    {
        Run(1.0, 403.2, 0, enable: false);

        Assert.Equal(10, statuses.Count);
    }

    [Fact]
    public void Temperature_RisesWithLosses()
    {
        // 3.3 kW at 94 % efficiency loses 3300 × (1 / 0.94 − 1) = 210.6 W; 0.1 K/W settles 21.1 K above 25 °C.
        // After one time constant (300 s) the rise is 1 − e⁻¹ = 63.2 % of that: 13.3 K.
        Run(300, 403.2, 16);

        Assert.Equal(25 + 13.3, charger.TemperatureCelsius, 0.3);
    }

    [Fact]
    public void InvalidSettings_Rejected()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            new ChargerNode(link, network, new ChargerNodeSettings { RatedPowerWatts = 0 }));

        Assert.Contains("RatedPowerWatts", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => charger.InjectFault(0));
    }
}
