using System;
using System.IO;
using Controllers.Firmware.Common.Can;
using Controllers.Firmware.Common.Can.Generated.Vcu;
using Controllers.Simulation.Network;
using Controllers.Simulation.Vehicle;
using Controllers.Simulation.Vehicle.Nodes;

namespace Controllers.Firmware.Vcu.Tests.HighVoltage;

/// <summary>
/// The HV side of the ATV (boards/vcu-atv.yaml) for tests whose subject is elsewhere: the plant's link and BMS node
/// on a simulated 500 kbit/s bus. BMS frames reach the VCU through its real receive path
/// (<see cref="VcuCore.Receive"/>); the bench sends VCU_HvRequest every 20 ms from the VCU's outputs with counter
/// and CRC, and copies the link voltage into the signals every 10 ms as MCU_Feedback would. So the VCU powers up
/// through its real HV sequence.
/// </summary>
internal sealed class BmsBench
{
    private const long RequestPeriodMicroseconds = 20000;
    private const long FeedbackPeriodMicroseconds = 10000;

    public readonly SimulatedCanNetwork Network = new(500000);
    public readonly HighVoltageLink Link;
    public readonly BmsNode Bms;

    private readonly VcuCore core;
    private readonly ICanTransmitter vcu;
    private readonly CanFrame sendFrame = new();
    private readonly VCU_HvRequest request = new();
    private int requestCounter;

    public BmsBench(VcuCore core)
    {
        this.core = core;
        var definition = VehicleDefinitionFile.Load(Path.Combine(FindRoot(), "boards", "vcu-atv.yaml"));
        Link = new VehiclePlant(definition).HighVoltage;
        vcu = Network.Attach("VCU", (frame, time) => core.Receive(frame, time));
        Bms = new BmsNode(Link, Network);
    }

    /// <summary>Advances the HV side to <paramref name="nowMicroseconds"/> by <paramref name="dtSeconds"/> with <paramref name="loadWatts"/> on the link.</summary>
    public void Step(long nowMicroseconds, double dtSeconds, double loadWatts)
    {
        Link.ActiveDischargeOn = core.Outputs.MotorMode == VCU_TorqueCommand.MotorModeActiveDischarge;
        Link.Step(dtSeconds, loadWatts);
        Network.AdvanceTo(nowMicroseconds);
        Bms.Step(nowMicroseconds);
        if (nowMicroseconds % FeedbackPeriodMicroseconds == FeedbackPeriodMicroseconds / 2)
        {
            core.Signals.DcLinkVolts = (float)Link.LinkVolts;
        }

        if (nowMicroseconds % RequestPeriodMicroseconds == 0)
        {
            SendRequest();
        }
    }

    private void SendRequest()
    {
        var outputs = core.Outputs;
        request.HvConnectRequest = outputs.HvConnectRequest;
        request.ChargeModeRequest = outputs.ChargeModeRequest ? 1 : 0;
        request.CrashDetected = outputs.CrashDetected ? 1 : 0;
        request.HvilClosed = outputs.HvilClosed ? 1 : 0;
        request.HvRequestAliveCounter = requestCounter;
        request.HvRequestCrc = 0;
        request.Encode(sendFrame);
        sendFrame.Data[VCU_HvRequest.Length - 1] = Crc8SaeJ1850.Compute(sendFrame.Data, 0, VCU_HvRequest.Length - 1);
        vcu.TrySend(sendFrame);
        requestCounter = (requestCounter + 1) & 0xF;
    }

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder != null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Controllers.sln")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException("Controllers.sln not found above " + AppContext.BaseDirectory);
    }
}
