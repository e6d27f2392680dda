using System;
using Controllers.Firmware.Common.Can;
using Controllers.Firmware.Common.Can.Generated.Vcu;
using Controllers.Simulation.Network;

namespace Controllers.Simulation.Vehicle.Nodes;

/// <summary>Step of the BMS node's contactor sequence.</summary>
public enum BmsContactorPhase
{
    Open,
    ClosingNegative,
    Precharging,
    ClosingPositive,
    OpeningPrecharge,
    Closed,

    /// <summary>Disconnect requested: waiting for the pack current to fall below the break limit.</summary>
    WaitingForZeroCurrent,
}

/// <summary>
/// The BMS master as the VCU receives it on the vehicle bus (boards/can/vcu.dbc): it takes <c>VCU_HvRequest</c>, runs the
/// BMS side of the contactor sequence on a <see cref="HighVoltageLink"/> and sends the pack, limit, contactor,
/// insulation and fault messages at their cycle times. Call <see cref="Step"/> after the network has delivered the
/// frames up to the same time; it acts on them and sends what is due.
/// </summary>
/// <remarks>
/// Sequence on Connect: negative contactor, then precharge, then positive once the link is within
/// <see cref="PrechargeTargetFraction"/> of the pack voltage, then the precharge contactor opens. Disconnect waits
/// until the pack current is below <see cref="BreakCurrentAmperes"/> or <see cref="ZeroCurrentTimeoutMicroseconds"/>
/// has passed; EmergencyOpen, CrashDetected and a request timeout open every contactor at once.
/// </remarks>
public sealed class BmsNode : ISimulatedCanNode
{
    private const int ContactorOpen = 0;
    private const int ContactorClosed = 1;
    private const int ContactorWelded = 2;

    private readonly HighVoltageLink link;
    private readonly ICanTransmitter transmitter;
    private readonly CanFrame frame = new();
    private readonly VCU_HvRequest request = new();
    private readonly BMS_PackStatus packStatus = new();
    private readonly BMS_PowerLimits limits2s = new();
    private readonly BMS_PowerLimits10s limits10s = new();
    private readonly BMS_PowerLimits30s limits30s = new();
    private readonly BMS_ContactorStatus contactorStatus = new();
    private readonly BMS_Insulation insulation = new();
    private readonly BMS_FaultSummary faultSummary = new();
    private readonly long[] weldSinceMicroseconds = { long.MaxValue, long.MaxValue, long.MaxValue };

    private bool requestSeen;
    private int lastCounter;
    private long lastRequestMicroseconds;
    private int connectRequest;
    private bool crashRequest;
    private int previousConnectRequest = -1;
    private long phaseSinceMicroseconds;
    private long contactorsOpeningSinceMicroseconds = -1;
    private int packStatusCounter;
    private long nextPackStatusMicroseconds;
    private long nextHundredMillisecondMicroseconds;
    private long nextInsulationMicroseconds;

    public BmsNode(HighVoltageLink link, SimulatedCanNetwork network, string name = "BMS")
    {
        ArgumentNullException.ThrowIfNull(link);
        ArgumentNullException.ThrowIfNull(network);
        this.link = link;
        transmitter = network.Attach(name, Receive);
    }

    /// <summary>Time without a valid <c>VCU_HvRequest</c> after which the contactors open, µs; 5 cycles of 20 ms.</summary>
    public long RequestTimeoutMicroseconds { get; init; } = 100_000;

    /// <summary>Link voltage over pack voltage at which the positive contactor closes.</summary>
    public double PrechargeTargetFraction { get; init; } = 0.95;

    /// <summary>
    /// Time from the precharge contactor's coil to the link reaching the target, µs, after which the BMS reports a
    /// failed precharge. 300 ms is the 25 ms contactor operate time plus about 6 time constants of the
    /// 47 Ω × 1 mF link of boards/vcu-atv.yaml (3τ = 141 ms reaches 95 %).
    /// </summary>
    public long PrechargeTimeoutMicroseconds { get; init; } = 300_000;

    /// <summary>Time a coil may take to close its auxiliary contact before the BMS gives up the sequence, µs.</summary>
    public long ContactorFeedbackTimeoutMicroseconds { get; init; } = 100_000;

    /// <summary>Pack current below which a Disconnect opens the contactors, A.</summary>
    public double BreakCurrentAmperes { get; init; } = 5;

    /// <summary>Time a Disconnect waits for the current to fall before opening anyway, µs.</summary>
    public long ZeroCurrentTimeoutMicroseconds { get; init; } = 1_000_000;

    /// <summary>Time between fault level ContactorsOpening and the contactors opening, µs; the DBC promises within 1 s.</summary>
    public long ContactorsOpeningDelayMicroseconds { get; init; } = 1_000_000;

    /// <summary>Time a released main contactor may still read closed before it is reported welded, µs.</summary>
    public long WeldDetectionMicroseconds { get; init; } = 50_000;

    /// <summary>
    /// Discharge current limit for 2, 10 and 30 s, A: 20 A per cell (the maximum continuous discharge of the
    /// LG INR18650HG2 datasheet) times 4 cells in parallel. The node sends constants, not an estimator's limits.
    /// </summary>
    public double MaxDischargeAmperes { get; init; } = 80;

    /// <summary>Charge current limit for 2, 10 and 30 s, A: 4 A per cell (LG INR18650HG2 datasheet maximum charge) times 4.</summary>
    public double MaxChargeAmperes { get; set; } = 16;

    /// <summary>
    /// The contactors have auxiliary contacts, so feedback follows the contacts and a weld is seen. Without them the
    /// feedback follows the coil commands and a weld goes unreported.
    /// </summary>
    public bool HasAuxiliaryContacts { get; init; } = true;

    /// <summary>Largest pack voltage in operation, V, for the insulation flag: 96 × 4.2 V for the ATV pack.</summary>
    public double MaxWorkingVolts { get; init; } = 403.2;

    /// <summary>Fault injection: insulation resistance that the monitor reports, kΩ (10 000 means 10 MΩ or more).</summary>
    public double InsulationKiloohms { get; set; } = 10000;

    /// <summary>Fault injection: InsulationState raw value, 1 Valid by default.</summary>
    public int InsulationState { get; set; } = BMS_Insulation.InsulationStateValid;

    /// <summary>Fault injection: fault level 0–3 of the BMS's other monitors; 3 opens the contactors after the delay.</summary>
    public int InjectedFaultLevel { get; set; }

    public BmsContactorPhase Phase { get; private set; }

    /// <summary>Latched after a precharge timeout; a Disconnect request clears it so the VCU may retry.</summary>
    public bool PrechargeFailed { get; private set; }

    /// <summary>The last valid request is older than <see cref="RequestTimeoutMicroseconds"/>, or none has arrived.</summary>
    public bool RequestTimedOut { get; private set; } = true;

    /// <summary><c>VCU_HvRequest</c> frames dropped for a wrong CRC or alive counter.</summary>
    public int RejectedRequests { get; private set; }

    /// <summary>Time at which the contactors last opened on an emergency, crash or timeout, µs; -1 before.</summary>
    public long LastEmergencyOpenMicroseconds { get; private set; } = -1;

    /// <summary>Feedback the BMS reports for a contactor: 0 Open, 1 Closed, 2 Welded.</summary>
    public int GetFeedback(HighVoltageContactor contactor)
    {
        if (!HasAuxiliaryContacts)
        {
            return link.IsCoilEnergised(contactor) ? ContactorClosed : ContactorOpen;
        }

        if (link.IsClosed(contactor) && !link.IsCoilEnergised(contactor) && weldSinceMicroseconds[(int)contactor] < 0)
        {
            return ContactorWelded;
        }

        return link.IsClosed(contactor) ? ContactorClosed : ContactorOpen;
    }

    /// <summary>Acts on the latest request at <paramref name="nowMicroseconds"/> and sends the frames that are due.</summary>
    public void Step(long nowMicroseconds)
    {
        UpdateWeldTimers(nowMicroseconds);
        RequestTimedOut = !requestSeen || nowMicroseconds - lastRequestMicroseconds > RequestTimeoutMicroseconds;
        int connect = RequestTimedOut ? VCU_HvRequest.HvConnectRequestDisconnect : connectRequest;
        if (connect == VCU_HvRequest.HvConnectRequestDisconnect && previousConnectRequest != connect)
        {
            PrechargeFailed = false;
        }

        previousConnectRequest = connect;
        if (RequestTimedOut || crashRequest || connect == VCU_HvRequest.HvConnectRequestEmergencyOpen)
        {
            if (Phase != BmsContactorPhase.Open)
            {
                LastEmergencyOpenMicroseconds = nowMicroseconds;
            }

            OpenAll(nowMicroseconds);
        }
        else
        {
            RunSequence(connect, nowMicroseconds);
        }

        SendDueFrames(nowMicroseconds);
    }

    private void RunSequence(int connect, long now)
    {
        if (InjectedFaultLevel >= BMS_FaultSummary.FaultLevelContactorsOpening)
        {
            if (contactorsOpeningSinceMicroseconds < 0)
            {
                contactorsOpeningSinceMicroseconds = now;
            }

            bool currentLow = Math.Abs(link.PackDischargeAmperes) < BreakCurrentAmperes;
            if (currentLow || now - contactorsOpeningSinceMicroseconds >= ContactorsOpeningDelayMicroseconds)
            {
                OpenAll(now);
            }

            return;
        }

        contactorsOpeningSinceMicroseconds = -1;
        if (connect == VCU_HvRequest.HvConnectRequestDisconnect)
        {
            Disconnect(now);
            return;
        }

        long inPhase = now - phaseSinceMicroseconds;
        switch (Phase)
        {
            case BmsContactorPhase.Open:
                if (!PrechargeFailed)
                {
                    link.SetCoil(HighVoltageContactor.Negative, true);
                    Enter(BmsContactorPhase.ClosingNegative, now);
                }

                break;

            case BmsContactorPhase.ClosingNegative:
                if (link.IsClosed(HighVoltageContactor.Negative))
                {
                    link.SetCoil(HighVoltageContactor.Precharge, true);
                    Enter(BmsContactorPhase.Precharging, now);
                }
                else if (inPhase > ContactorFeedbackTimeoutMicroseconds)
                {
                    OpenAll(now);
                }

                break;

            case BmsContactorPhase.Precharging:
                if (link.LinkVolts >= PrechargeTargetFraction * link.Pack.PackVolts)
                {
                    link.SetCoil(HighVoltageContactor.Positive, true);
                    Enter(BmsContactorPhase.ClosingPositive, now);
                }
                else if (inPhase > PrechargeTimeoutMicroseconds)
                {
                    PrechargeFailed = true;
                    OpenAll(now);
                }

                break;

            case BmsContactorPhase.ClosingPositive:
                if (link.IsClosed(HighVoltageContactor.Positive))
                {
                    link.SetCoil(HighVoltageContactor.Precharge, false);
                    Enter(BmsContactorPhase.OpeningPrecharge, now);
                }
                else if (inPhase > ContactorFeedbackTimeoutMicroseconds)
                {
                    OpenAll(now);
                }

                break;

            case BmsContactorPhase.OpeningPrecharge:
                if (!link.IsClosed(HighVoltageContactor.Precharge))
                {
                    Enter(BmsContactorPhase.Closed, now);
                }

                break;

            case BmsContactorPhase.WaitingForZeroCurrent:
                // Connect again before the contactors opened: stay connected.
                Enter(BmsContactorPhase.Closed, now);
                break;
        }
    }

    private void Disconnect(long now)
    {
        if (Phase == BmsContactorPhase.Closed)
        {
            Enter(BmsContactorPhase.WaitingForZeroCurrent, now);
        }

        if (Phase != BmsContactorPhase.WaitingForZeroCurrent)
        {
            // Mid-sequence only the precharge path can carry current, so the contacts open at once.
            OpenAll(now);
            return;
        }

        bool currentLow = Math.Abs(link.PackDischargeAmperes) < BreakCurrentAmperes;
        if (currentLow || now - phaseSinceMicroseconds >= ZeroCurrentTimeoutMicroseconds)
        {
            OpenAll(now);
        }
    }

    private void OpenAll(long now)
    {
        link.SetCoil(HighVoltageContactor.Positive, false);
        link.SetCoil(HighVoltageContactor.Precharge, false);
        link.SetCoil(HighVoltageContactor.Negative, false);
        if (Phase != BmsContactorPhase.Open)
        {
            Enter(BmsContactorPhase.Open, now);
        }
    }

    private void Enter(BmsContactorPhase phase, long now)
    {
        Phase = phase;
        phaseSinceMicroseconds = now;
    }

    private void UpdateWeldTimers(long now)
    {
        // A value of -1 marks a contactor whose contacts stayed closed past the detection time with the coil off.
        for (int i = 0; i < weldSinceMicroseconds.Length; i++)
        {
            var contactor = (HighVoltageContactor)i;
            bool suspect = link.IsClosed(contactor) && !link.IsCoilEnergised(contactor);
            if (!suspect)
            {
                weldSinceMicroseconds[i] = long.MaxValue;
            }
            else if (weldSinceMicroseconds[i] == long.MaxValue)
            {
                weldSinceMicroseconds[i] = now;
            }
            else if (weldSinceMicroseconds[i] >= 0 && now - weldSinceMicroseconds[i] > WeldDetectionMicroseconds)
            {
                weldSinceMicroseconds[i] = -1;
            }
        }
    }

    private void Receive(CanFrame received, long timeMicroseconds)
    {
        if (!request.TryDecode(received))
        {
            return;
        }

        byte crc = Crc8SaeJ1850.Compute(received.Data, 0, VCU_HvRequest.Length - 1);
        int counter = (int)request.HvRequestAliveCounter;
        bool counterOk = !requestSeen || counter == ((lastCounter + 1) & 0xF);
        if (crc != received.Data[VCU_HvRequest.Length - 1] || !counterOk)
        {
            // A rejected frame still moves the expected counter on, so one bad frame costs one frame.
            lastCounter = counter;
            RejectedRequests++;
            return;
        }

        requestSeen = true;
        lastCounter = counter;
        lastRequestMicroseconds = timeMicroseconds;
        connectRequest = (int)request.HvConnectRequest;
        crashRequest = request.CrashDetected >= 1;
    }

    private void SendDueFrames(long now)
    {
        if (now >= nextPackStatusMicroseconds)
        {
            nextPackStatusMicroseconds = now + BMS_PackStatus.CycleTimeMilliseconds * 1000L;
            SendPackStatus();
        }

        if (now >= nextHundredMillisecondMicroseconds)
        {
            nextHundredMillisecondMicroseconds = now + BMS_ContactorStatus.CycleTimeMilliseconds * 1000L;
            SendLimits();
            SendContactorStatus();
            SendFaultSummary();
        }

        if (now >= nextInsulationMicroseconds)
        {
            nextInsulationMicroseconds = now + BMS_Insulation.CycleTimeMilliseconds * 1000L;
            insulation.InsulationResistance = (float)Math.Min(InsulationKiloohms, 10000);
            insulation.InsulationState = InsulationState;
            insulation.Encode(frame);
            transmitter.TrySend(frame);
        }
    }

    private void SendPackStatus()
    {
        packStatus.PackVoltage = (float)link.Pack.PackVolts;

        // The matrix counts charging current as positive; the plant counts discharge as positive.
        packStatus.PackCurrent = (float)-link.PackDischargeAmperes;
        packStatus.PackSoc = (float)(link.Pack.MeanSoc * 100);
        packStatus.PackSoh = 100f;
        packStatus.BmsState = GetBmsState();
        packStatus.PackStatusAliveCounter = packStatusCounter;
        packStatus.PackStatusCrc = 0f;
        packStatus.Encode(frame);
        frame.Data[BMS_PackStatus.Length - 1] = Crc8SaeJ1850.Compute(frame.Data, 0, BMS_PackStatus.Length - 1);
        transmitter.TrySend(frame);
        packStatusCounter = (packStatusCounter + 1) & 0xF;
    }

    private void SendLimits()
    {
        float volts = (float)link.Pack.PackVolts;
        float chargeKilowatts = (float)(MaxChargeAmperes * volts / 1000);
        float dischargeKilowatts = (float)(MaxDischargeAmperes * volts / 1000);
        limits2s.MaxChargeCurrent = (float)MaxChargeAmperes;
        limits2s.MaxDischargeCurrent = (float)MaxDischargeAmperes;
        limits2s.MaxChargePower = chargeKilowatts;
        limits2s.MaxDischargePower = dischargeKilowatts;
        limits2s.Encode(frame);
        transmitter.TrySend(frame);

        limits10s.MaxChargeCurrent10s = (float)MaxChargeAmperes;
        limits10s.MaxDischargeCurrent10s = (float)MaxDischargeAmperes;
        limits10s.MaxChargePower10s = chargeKilowatts;
        limits10s.MaxDischargePower10s = dischargeKilowatts;
        limits10s.Encode(frame);
        transmitter.TrySend(frame);

        limits30s.MaxChargeCurrent30s = (float)MaxChargeAmperes;
        limits30s.MaxDischargeCurrent30s = (float)MaxDischargeAmperes;
        limits30s.MaxChargePower30s = chargeKilowatts;
        limits30s.MaxDischargePower30s = dischargeKilowatts;
        limits30s.Encode(frame);
        transmitter.TrySend(frame);
    }

    private void SendContactorStatus()
    {
        contactorStatus.MainPositiveContactor = GetFeedback(HighVoltageContactor.Positive);
        contactorStatus.MainNegativeContactor = GetFeedback(HighVoltageContactor.Negative);
        contactorStatus.PrechargeContactor = GetFeedback(HighVoltageContactor.Precharge);
        contactorStatus.Encode(frame);
        transmitter.TrySend(frame);
    }

    private void SendFaultSummary()
    {
        bool insulationFault = InsulationState == BMS_Insulation.InsulationStateValid &&
                               InsulationKiloohms * 1000 < 100 * MaxWorkingVolts;
        bool contactorFault = GetFeedback(HighVoltageContactor.Positive) == ContactorWelded ||
                              GetFeedback(HighVoltageContactor.Negative) == ContactorWelded;
        int level = InjectedFaultLevel;
        if ((PrechargeFailed || contactorFault || insulationFault) && level < BMS_FaultSummary.FaultLevelWarning)
        {
            level = BMS_FaultSummary.FaultLevelWarning;
        }

        faultSummary.FaultLevel = level;
        faultSummary.ActiveDtcCount = (PrechargeFailed ? 1 : 0) + (contactorFault ? 1 : 0) + (insulationFault ? 1 : 0);
        faultSummary.MostSevereDtc = 0;
        faultSummary.InsulationFaultFlag = insulationFault ? 1 : 0;
        faultSummary.ContactorFaultFlag = contactorFault ? 1 : 0;
        faultSummary.PrechargeFailedFlag = PrechargeFailed ? 1 : 0;
        faultSummary.Encode(frame);
        transmitter.TrySend(frame);
    }

    private int GetBmsState()
    {
        if (PrechargeFailed || InjectedFaultLevel >= BMS_FaultSummary.FaultLevelContactorsOpening)
        {
            return BMS_PackStatus.BmsStateFault;
        }

        switch (Phase)
        {
            case BmsContactorPhase.ClosingNegative:
            case BmsContactorPhase.Precharging:
            case BmsContactorPhase.ClosingPositive:
            case BmsContactorPhase.OpeningPrecharge:
                return BMS_PackStatus.BmsStatePrecharge;
            case BmsContactorPhase.Closed:
            case BmsContactorPhase.WaitingForZeroCurrent:
                return link.PackDischargeAmperes < -BreakCurrentAmperes
                    ? BMS_PackStatus.BmsStateCharging
                    : BMS_PackStatus.BmsStateConnected;
            default:
                return BMS_PackStatus.BmsStateStandby;
        }
    }
}
