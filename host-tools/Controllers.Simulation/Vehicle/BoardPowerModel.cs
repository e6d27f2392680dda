using System;
using System.Collections.Generic;

namespace Controllers.Simulation.Vehicle;

/// <summary>
/// Current that the VCU board draws from the 12 V supply in each power state, built up part by part from data
/// sheet figures. The model also wakes the board from deep sleep: key and charge plug on ESP32 EXT0/EXT1, a CAN
/// wake-up pattern through the transceiver, or the RTC timer. The currents of the switched loads (pumps, fan,
/// contactors) are not part of the board's own current and are left out.
/// </summary>
/// <remarks>
/// Board assumed: TPS7B6933-Q1 (3.3 V) feeds the ESP32, the MCP2515 and the transceiver's VIO all the time. A
/// TPS7B6950-Q1 (5 V) feeds the transceiver's VCC and the sensor supplies; the transceiver's INH output switches
/// its input, so it is off in Sleep. Both are linear regulators, so their loads draw the same current from 12 V.
/// Sources, each the maximum where the table gives one, else the typical value:
/// <list type="bullet">
/// <item>ESP32 Series Datasheet (Espressif), table "Power consumption by power modes": Modem-sleep at 240 MHz with
/// the radios off 30–68 mA; Deep-sleep with RTC timer and RTC memory 10 µA; with the ULP co-processor on 150 µA.</item>
/// <item>TCAN1043-Q1 data sheet (TI SLLSEV0F), Supply Characteristics: ISUP 70 µA in Normal, 30 µA in Sleep;
/// ICC 5 mA recessive and 70 mA dominant (RL = 60 Ω); IIO 5 µA recessive, 450 µA dominant, 5 µA in Sleep.</item>
/// <item>MCP2515 data sheet (Microchip DS20001801), DC characteristics: IDD 10 mA maximum in operation; IDDS 5 µA
/// maximum in Sleep mode.</item>
/// <item>TPS7B69xx-Q1 data sheet (TI): quiescent current 15 µA typical at light load, per regulator.</item>
/// </list>
/// NOTE: the ESP32 figures come from the datasheet table as reproduced by secondary pages, and the MCP2515 Sleep
/// current from its DC characteristics table as recalled. Check both against the current PDFs. The ESP32 wake-up
/// time is an estimate for the nanoFramework boot and must be measured on the board.
/// </remarks>
public sealed class BoardPowerModel
{
    /// <summary>ESP32 at 240 MHz with Wi-Fi and Bluetooth off (upper bound of the datasheet's Modem-sleep range), A.</summary>
    public const double ProcessorActiveAmperes = 68e-3;

    /// <summary>ESP32 deep sleep with the RTC timer and RTC memory on and the ULP co-processor off, A.</summary>
    public const double ProcessorDeepSleepAmperes = 10e-6;

    /// <summary>ESP32 deep sleep with the ULP co-processor on, A; the board does not use it, listed for comparison.</summary>
    public const double ProcessorDeepSleepUlpAmperes = 150e-6;

    /// <summary>MCP2515 operating current (IDD), A.</summary>
    public const double CanControllerActiveAmperes = 10e-3;

    /// <summary>MCP2515 Sleep-mode current (IDDS), A.</summary>
    public const double CanControllerSleepAmperes = 5e-6;

    /// <summary>TCAN1043-Q1 VSUP current in Normal mode and in Sleep mode, A.</summary>
    public const double TransceiverSupplyNormalAmperes = 70e-6;

    /// <inheritdoc cref="TransceiverSupplyNormalAmperes"/>
    public const double TransceiverSupplySleepAmperes = 30e-6;

    /// <summary>TCAN1043-Q1 VCC current in Normal mode with the bus recessive and dominant, A.</summary>
    public const double TransceiverVccRecessiveAmperes = 5e-3;

    /// <inheritdoc cref="TransceiverVccRecessiveAmperes"/>
    public const double TransceiverVccDominantAmperes = 70e-3;

    /// <summary>TCAN1043-Q1 VIO current recessive, dominant and in Sleep, A.</summary>
    public const double TransceiverIoRecessiveAmperes = 5e-6;

    /// <inheritdoc cref="TransceiverIoRecessiveAmperes"/>
    public const double TransceiverIoDominantAmperes = 450e-6;

    /// <inheritdoc cref="TransceiverIoRecessiveAmperes"/>
    public const double TransceiverIoSleepAmperes = 5e-6;

    /// <summary>Quiescent current of one TPS7B69 regulator, A.</summary>
    public const double RegulatorQuiescentAmperes = 15e-6;

    private readonly List<(string Part, double Amperes)> breakdown = new();
    private long timerWakeAtMicroseconds;
    private long bootDoneAtMicroseconds;
    private bool busWakePending;
    private int pendingCause;

    /// <summary>12 V supply at the board connector, V.</summary>
    public double SupplyVolts { get; set; } = 12.6;

    /// <summary>Ignition key in the run position.</summary>
    public bool KeyOn { get; set; }

    /// <summary>Charge plug in the inlet.</summary>
    public bool ChargePlugConnected { get; set; }

    /// <summary>12 V sense divider, upper and lower resistor, Ω (1 % metal film, design choice).</summary>
    public double SenseDividerOhms { get; init; } = 470e3 + 100e3;

    /// <summary>Key input: series resistor plus pull-down to ground, Ω; current flows only with the key on.</summary>
    public double KeyInputOhms { get; init; } = 10e3 + 47e3;

    /// <summary>Charge plug input: pull-up to 3.3 V, Ω; current flows only when the plug's proximity resistor is connected.</summary>
    public double PlugPullUpOhms { get; init; } = 10e3;

    /// <summary>Proximity resistor of the plug, Ω: 1.5 kΩ marks a 13 A cable in IEC 61851-1.</summary>
    public double PlugProximityOhms { get; init; } = 1.5e3;

    /// <summary>Supply current of the sensors on the 5 V rail (two pedal tracks, brake sensor), A (estimate: 10 mA each).</summary>
    public double SensorSupplyAmperes { get; init; } = 30e-3;

    /// <summary>Share of bit times this board drives dominant while awake; 0.03 is about half of the VCU's share of a 12 % bus load.</summary>
    public double DominantFraction { get; set; } = 0.03;

    /// <summary>Time from a wake-up event until the firmware runs again, µs (estimate for the ESP32 and nanoCLR boot).</summary>
    public long BootMicroseconds { get; init; } = 300000;

    /// <summary>True from <see cref="EnterDeepSleep"/> until a wake-up event.</summary>
    public bool InDeepSleep { get; private set; }

    /// <summary>True while the processor boots after a wake-up.</summary>
    public bool Booting { get; private set; }

    /// <summary>Set when boot completes; the harness then runs the firmware's start-up and clears it.</summary>
    public bool StartPending { get; set; }

    /// <summary>Wake cause that the firmware reads after the boot: a value of NmWakeupReason, 0 after power-on.</summary>
    public int WakeCause { get; private set; }

    /// <summary>Time of the last wake-up event, µs.</summary>
    public long WakeEventMicroseconds { get; private set; }

    public bool OutputsEnabled { get; set; }

    public bool TransceiverSleep { get; set; }

    public bool ControllerSleep { get; set; }

    /// <summary>Enters deep sleep at <paramref name="nowMicroseconds"/> with the RTC timer set <paramref name="timerWakeMicroseconds"/> ahead.</summary>
    public void EnterDeepSleep(long nowMicroseconds, long timerWakeMicroseconds)
    {
        if (timerWakeMicroseconds <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(timerWakeMicroseconds), timerWakeMicroseconds, "The RTC timer period must be positive.");
        }

        InDeepSleep = true;
        busWakePending = false;
        timerWakeAtMicroseconds = nowMicroseconds + timerWakeMicroseconds;
    }

    /// <summary>Reports a frame on the bus; with the transceiver in Sleep it is a wake-up pattern.</summary>
    public void NotifyBusActivity()
    {
        if (InDeepSleep && TransceiverSleep)
        {
            busWakePending = true;
        }
    }

    /// <summary>Checks the wake sources and the boot at <paramref name="nowMicroseconds"/>.</summary>
    public void Step(long nowMicroseconds)
    {
        if (InDeepSleep)
        {
            // Wake causes use the values of NmWakeupReason: 1 key, 2 charge plug, 3 network, 4 timer.
            int cause = 0;
            if (KeyOn)
            {
                cause = 1;
            }
            else if (ChargePlugConnected)
            {
                cause = 2;
            }
            else if (busWakePending)
            {
                cause = 3;
            }
            else if (nowMicroseconds >= timerWakeAtMicroseconds)
            {
                cause = 4;
            }

            if (cause != 0)
            {
                InDeepSleep = false;
                Booting = true;
                pendingCause = cause;
                WakeEventMicroseconds = nowMicroseconds;
                bootDoneAtMicroseconds = nowMicroseconds + BootMicroseconds;
            }

            return;
        }

        if (Booting && nowMicroseconds >= bootDoneAtMicroseconds)
        {
            Booting = false;
            WakeCause = pendingCause;
            StartPending = true;
        }
    }

    /// <summary>Current drawn from the 12 V supply now, A.</summary>
    public double SupplyCurrentAmperes
    {
        get
        {
            double total = 0;
            foreach (var (_, amperes) in Breakdown())
            {
                total += amperes;
            }

            return total;
        }
    }

    /// <summary>Returns each part's share of the supply current now, A.</summary>
    public IReadOnlyList<(string Part, double Amperes)> Breakdown()
    {
        breakdown.Clear();
        bool sleeping = InDeepSleep;
        breakdown.Add(("ESP32", sleeping ? ProcessorDeepSleepAmperes : ProcessorActiveAmperes));
        breakdown.Add(("MCP2515", ControllerSleep ? CanControllerSleepAmperes : CanControllerActiveAmperes));

        if (TransceiverSleep)
        {
            breakdown.Add(("TCAN1043 VSUP", TransceiverSupplySleepAmperes));
            breakdown.Add(("TCAN1043 VIO", TransceiverIoSleepAmperes));
        }
        else
        {
            double dominant = Math.Clamp(DominantFraction, 0, 1);
            breakdown.Add(("TCAN1043 VSUP", TransceiverSupplyNormalAmperes));
            breakdown.Add(("TCAN1043 VCC", TransceiverVccRecessiveAmperes + (TransceiverVccDominantAmperes - TransceiverVccRecessiveAmperes) * dominant));
            breakdown.Add(("TCAN1043 VIO", TransceiverIoRecessiveAmperes + (TransceiverIoDominantAmperes - TransceiverIoRecessiveAmperes) * dominant));
        }

        // The 5 V regulator's input is switched by INH, which the transceiver turns off in Sleep.
        breakdown.Add(("TPS7B6933", RegulatorQuiescentAmperes));
        breakdown.Add(("TPS7B6950", TransceiverSleep ? 0 : RegulatorQuiescentAmperes));
        breakdown.Add(("Sensor supplies", OutputsEnabled && !TransceiverSleep ? SensorSupplyAmperes : 0));
        breakdown.Add(("12 V divider", SupplyVolts / SenseDividerOhms));
        breakdown.Add(("Key input", KeyOn ? SupplyVolts / KeyInputOhms : 0));
        breakdown.Add(("Plug input", ChargePlugConnected ? 3.3 / (PlugPullUpOhms + PlugProximityOhms) : 0));
        return breakdown;
    }
}
