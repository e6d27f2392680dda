using System.Diagnostics;

namespace Controllers.Flashing.Emulation;

/// <summary>
/// The classic two-transistor auto-reset circuit of ESP32 development boards as seen by the chip:
/// EN is low only while RTS is asserted and DTR released, GPIO0 is low only while DTR is asserted and RTS
/// released. EN has an RC delay on real boards, so the model lets the chip leave reset only after EN has
/// stayed high for <see cref="ResetReleaseDelayMilliseconds"/> and samples GPIO0 at that moment. Brief states of both
/// lines asserted while a program sets them one after the other therefore do not count.
/// Source: esptool documentation, "Boot Mode Selection" (automatic bootloader entry and its DTR/RTS wiring).
/// </summary>
public sealed class ResetLineModel : IResetLines
{
    /// <summary>Time in milliseconds that EN must stay high before the chip runs and samples GPIO0 (modelled RC delay).</summary>
    public const double ResetReleaseDelayMilliseconds = 10;

    private readonly object _gate = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private bool _dtr;
    private bool _rts;
    private bool _enWasLow;
    private double _enHighSince = -1;

    public void SetDtr(bool asserted)
    {
        lock (_gate)
        {
            _dtr = asserted;
            Update();
        }
    }

    public void SetRts(bool asserted)
    {
        lock (_gate)
        {
            _rts = asserted;
            Update();
        }
    }

    /// <summary>
    /// Returns true once for every reset that has just ended, with the GPIO0 level sampled then.
    /// The emulator calls this from its loop.
    /// </summary>
    public bool TryTakeBoot(out bool gpio0Low)
    {
        lock (_gate)
        {
            gpio0Low = false;
            if (!_enWasLow || _enHighSince < 0 || _clock.Elapsed.TotalMilliseconds - _enHighSince < ResetReleaseDelayMilliseconds)
            {
                return false;
            }

            _enWasLow = false;
            gpio0Low = _dtr && !_rts;
            return true;
        }
    }

    /// <summary>True while EN is low, so the chip is held in reset.</summary>
    public bool InReset
    {
        get
        {
            lock (_gate)
            {
                return _rts && !_dtr;
            }
        }
    }

    private void Update()
    {
        bool enLow = _rts && !_dtr;
        if (enLow)
        {
            _enWasLow = true;
            _enHighSince = -1;
        }
        else if (_enHighSince < 0)
        {
            _enHighSince = _clock.Elapsed.TotalMilliseconds;
        }
    }
}
