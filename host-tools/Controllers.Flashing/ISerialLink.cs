using System;

namespace Controllers.Flashing;

/// <summary>The byte channel to the bootloader: a USB-serial bridge on a bench, a pseudo-terminal in tests.</summary>
public interface ISerialLink : IDisposable
{
    /// <summary>Line speed in bit/s. Setting it reconfigures the open port.</summary>
    int BaudRate { get; set; }

    void Write(byte[] buffer, int offset, int count);

    /// <summary>Reads up to <paramref name="count"/> bytes, waiting at most <paramref name="timeout"/>; returns 0 on timeout.</summary>
    int Read(byte[] buffer, int offset, int count, TimeSpan timeout);

    /// <summary>Drops bytes received but not yet read.</summary>
    void DiscardInput();
}

/// <summary>
/// The DTR and RTS modem lines that the classic ESP32 auto-reset circuit turns into EN and GPIO0.
/// Linux pseudo-terminals do not carry these lines, so tests give the emulator its own implementation.
/// </summary>
public interface IResetLines
{
    /// <summary>Sets DTR. Asserted (true) drives GPIO0 low through the auto-reset transistor while RTS is released.</summary>
    void SetDtr(bool asserted);

    /// <summary>Sets RTS. Asserted (true) drives EN low (chip in reset) while DTR is released.</summary>
    void SetRts(bool asserted);
}
