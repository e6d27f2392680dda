using System;
using System.IO;
using System.IO.Ports;

namespace Controllers.Flashing;

/// <summary><see cref="SerialPort"/> as both the byte channel and the DTR/RTS reset lines.</summary>
public sealed class SerialPortLink : ISerialLink, IResetLines
{
    private readonly SerialPort _port;

    private SerialPortLink(SerialPort port)
    {
        _port = port;
    }

    /// <summary>Opens <paramref name="portName"/> at 8N1 without flow control. Throws <see cref="FlashingException"/> when it cannot.</summary>
    public static SerialPortLink Open(string portName, int baudRate)
    {
        var port = new SerialPort(portName, baudRate, Parity.None, 8, StopBits.One)
        {
            Handshake = Handshake.None,
            ReadTimeout = 100,
            WriteTimeout = 5000,
            // Opening a port can assert DTR and RTS, which keeps the chip in reset on the auto-reset circuit.
            DtrEnable = false,
            RtsEnable = false,
        };

        try
        {
            port.Open();
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or ArgumentException)
        {
            port.Dispose();
            throw new FlashingException($"Opening serial port {portName} failed: {error.Message} Check the port name and that no other program has it open.", error);
        }

        return new SerialPortLink(port);
    }

    public int BaudRate
    {
        get => _port.BaudRate;
        set => _port.BaudRate = value;
    }

    public void Write(byte[] buffer, int offset, int count) => _port.Write(buffer, offset, count);

    public int Read(byte[] buffer, int offset, int count, TimeSpan timeout)
    {
        _port.ReadTimeout = Math.Max(1, (int)timeout.TotalMilliseconds);
        try
        {
            return _port.Read(buffer, offset, count);
        }
        catch (TimeoutException)
        {
            return 0;
        }
    }

    public void DiscardInput() => _port.DiscardInBuffer();

    public void SetDtr(bool asserted) => _port.DtrEnable = asserted;

    public void SetRts(bool asserted) => _port.RtsEnable = asserted;

    public void Dispose() => _port.Dispose();
}
