using System;
using Controllers.Firmware.Common.Hal;

namespace Controllers.Simulation.Plant;

/// <summary>
/// Negative, precharge and positive contactors between a pack and a DC link, with feedback contacts that
/// follow the main contacts, a precharge resistor, the link capacitance, an optional bleed resistor and a
/// load current source. The link voltage follows the exact solution of the linear RC circuit between
/// events, so precharge times match −RC·ln(1 − fraction). Time comes from a <see cref="SimulatedClock"/>;
/// every call first brings the plant up to the clock.
/// </summary>
/// <remarks>
/// Default operate and release times are the maxima of the TE Connectivity EVC 135 datasheet
/// (performance data: operate time 25 ms at rated coil voltage including bounce, release time 10 ms).
/// The pack is an ideal voltage source: its internal resistance is left out.
/// </remarks>
public sealed class ContactorPlant : IContactorHardware, ICurrentSensor
{
    private const int ContactorCount = 3;

    private readonly SimulatedClock clock;
    private readonly bool[] coils = new bool[ContactorCount];
    private readonly bool[] contacts = new bool[ContactorCount];
    private readonly long[] transitionMicroseconds = { -1, -1, -1 };
    private readonly ContactorFault[] faults = new ContactorFault[ContactorCount];
    private long updatedMicroseconds;
    private double linkVolts;

    /// <summary>Creates the plant at the clock's current time with every contactor open and the link discharged.</summary>
    public ContactorPlant(SimulatedClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        this.clock = clock;
        updatedMicroseconds = clock.NowMicroseconds;
    }

    /// <summary>Pack open-circuit voltage, in volts.</summary>
    public double PackVolts { get; set; } = 400.0;

    /// <summary>Precharge resistor, in ohms.</summary>
    public double PrechargeResistanceOhms { get; set; } = 50.0;

    /// <summary>DC-link capacitance, in farads.</summary>
    public double LinkCapacitanceFarads { get; set; } = 2e-3;

    /// <summary>Resistance of the main current path (contacts, busbars, fuse) with the positive contactor closed, in ohms.</summary>
    public double MainPathResistanceOhms { get; set; } = 0.005;

    /// <summary>Bleed (discharge) resistor across the link, in ohms; infinity for none.</summary>
    public double LinkBleedResistanceOhms { get; set; } = double.PositiveInfinity;

    /// <summary>Current that the load draws from the link while the link is connected to the pack, in amperes (negative feeds back).</summary>
    public double LoadCurrentAmperes { get; set; }

    /// <summary>Coil-on to contacts-closed time, in microseconds.</summary>
    public long OperateMicroseconds { get; set; } = 25_000;

    /// <summary>Coil-off to contacts-open time, in microseconds.</summary>
    public long ReleaseMicroseconds { get; set; } = 10_000;

    /// <summary>Injects a short across the link with this resistance, in ohms; null for none.</summary>
    public double? LinkShortOhms { get; set; }

    /// <summary>Injects an open precharge resistor (broken element or wire).</summary>
    public bool PrechargeResistorOpen { get; set; }

    /// <summary>Whether the pack voltage reading is available.</summary>
    public bool PackVoltageAvailable { get; set; } = true;

    /// <summary>Link voltage after bringing the plant up to the clock, in volts.</summary>
    public double LinkVolts
    {
        get
        {
            Update();
            return linkVolts;
        }
    }

    /// <summary>Pack current after bringing the plant up to the clock, in amperes, positive when charging.</summary>
    public double PackCurrentAmperes
    {
        get
        {
            Update();
            return PackCurrentAt(linkVolts);
        }
    }

    /// <summary>Injects <paramref name="fault"/> into <paramref name="contactor"/> from the current time on.</summary>
    public void InjectFault(ContactorId contactor, ContactorFault fault)
    {
        Update();
        int i = (int)contactor;
        faults[i] = fault;
        transitionMicroseconds[i] = -1;
        if (fault is ContactorFault.Welded or ContactorFault.WeldedFeedbackOpen)
        {
            contacts[i] = true;
        }
        else if (fault == ContactorFault.StuckOpen)
        {
            contacts[i] = false;
        }
    }

    /// <summary>True while the main contacts of <paramref name="contactor"/> are closed.</summary>
    public bool AreContactsClosed(ContactorId contactor)
    {
        Update();
        return contacts[(int)contactor];
    }

    /// <summary>True while the coil of <paramref name="contactor"/> is energized.</summary>
    public bool IsCoilEnergized(ContactorId contactor) => coils[(int)contactor];

    /// <inheritdoc />
    public void SetCoil(ContactorId contactor, bool energized)
    {
        Update();
        int i = (int)contactor;
        if (coils[i] == energized)
        {
            return;
        }

        coils[i] = energized;
        if (faults[i] != ContactorFault.None)
        {
            return;
        }

        transitionMicroseconds[i] = contacts[i] == energized
            ? -1
            : clock.NowMicroseconds + (energized ? OperateMicroseconds : ReleaseMicroseconds);
    }

    /// <inheritdoc />
    public bool IsFeedbackClosed(ContactorId contactor) =>
        faults[(int)contactor] != ContactorFault.WeldedFeedbackOpen && AreContactsClosed(contactor);

    /// <inheritdoc />
    public bool TryReadPackVoltage(out float volts)
    {
        volts = (float)PackVolts;
        return PackVoltageAvailable;
    }

    /// <inheritdoc />
    public bool TryReadLinkVoltage(out float volts)
    {
        volts = (float)LinkVolts;
        return true;
    }

    /// <inheritdoc />
    public bool TryReadAmperes(out float currentAmperes)
    {
        currentAmperes = (float)PackCurrentAmperes;
        return true;
    }

    // Integrates up to the clock, stopping at each contact transition so every interval has fixed parameters.
    private void Update()
    {
        long now = clock.NowMicroseconds;
        while (true)
        {
            int next = -1;
            for (int i = 0; i < ContactorCount; i++)
            {
                long t = transitionMicroseconds[i];
                if (t >= 0 && t <= now && (next < 0 || t < transitionMicroseconds[next]))
                {
                    next = i;
                }
            }

            if (next < 0)
            {
                break;
            }

            Integrate(transitionMicroseconds[next]);
            contacts[next] = coils[next];
            transitionMicroseconds[next] = -1;
        }

        Integrate(now);
    }

    private void Integrate(long untilMicroseconds)
    {
        double seconds = (untilMicroseconds - updatedMicroseconds) * 1e-6;
        updatedMicroseconds = untilMicroseconds;
        if (seconds <= 0)
        {
            return;
        }

        // C dv/dt = G (Vpack − v) − Gleak v − Iload, a first-order linear equation with the exact solution
        // v(t) = v∞ + (v0 − v∞) e^(−(G + Gleak) t / C).
        double g = SourceConductance();
        double load = g > 0 ? LoadCurrentAmperes : 0.0;
        double leak = LeakConductance();
        double c = LinkCapacitanceFarads;
        double total = g + leak;
        if (total <= 0)
        {
            linkVolts -= load / c * seconds;
        }
        else
        {
            double final = (g * PackVolts - load) / total;
            linkVolts = final + (linkVolts - final) * Math.Exp(-total * seconds / c);
        }

        // NOTE: a current source cannot drive the link below zero; a real load stops drawing instead.
        if (linkVolts < 0)
        {
            linkVolts = 0;
        }
    }

    private double PackCurrentAt(double link)
    {
        double g = SourceConductance();
        return -g * (PackVolts - link);
    }

    private double SourceConductance()
    {
        if (!contacts[(int)ContactorId.Negative])
        {
            return 0.0;
        }

        double g = 0.0;
        if (contacts[(int)ContactorId.Positive])
        {
            g += 1.0 / MainPathResistanceOhms;
        }

        if (contacts[(int)ContactorId.Precharge] && !PrechargeResistorOpen)
        {
            g += 1.0 / PrechargeResistanceOhms;
        }

        return g;
    }

    private double LeakConductance()
    {
        double g = double.IsPositiveInfinity(LinkBleedResistanceOhms) ? 0.0 : 1.0 / LinkBleedResistanceOhms;
        if (LinkShortOhms is double shortOhms)
        {
            g += 1.0 / shortOhms;
        }

        return g;
    }
}
