using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.IO;
using System.IO.Ports;
using System.Text;
using System.Threading;

namespace Controllers.Can.Tests.Transports;

/// <summary>
/// Minimal Lawicel slcan adapter for tests: it replies to S0..S8, Z0/Z1, O, C and V, stores transmitted
/// frame commands and can inject received frames. It rejects a command with BEL when the channel state
/// does not allow it, for example O while open or a frame while closed.
/// </summary>
internal sealed class SlcanDeviceEmulator : IDisposable
{
    private readonly SerialPort port;
    private readonly Thread thread;
    private volatile bool stopping;
    private bool channelOpen;
    private bool timestamps;

    public SlcanDeviceEmulator(string portName)
    {
        port = new SerialPort(portName, 115_200) { ReadTimeout = 100, Encoding = Encoding.ASCII };
        port.Open();
        thread = new Thread(Run) { IsBackground = true, Name = "slcan emulator" };
        thread.Start();
    }

    /// <summary>Transmit commands accepted from the host, without their carriage return.</summary>
    public BlockingCollection<string> Transmitted { get; } = new BlockingCollection<string>();

    /// <summary>Last <c>Sn</c> bitrate digit received, or -1.</summary>
    public int BitrateCode { get; private set; } = -1;

    public bool ChannelOpen => Volatile.Read(ref channelOpen);

    /// <summary>Writes a received-frame line; appends <paramref name="milliseconds"/> when time stamps are on.</summary>
    public void Inject(string frameCommand, int milliseconds)
    {
        string line = timestamps ? frameCommand + milliseconds.ToString("X4", CultureInfo.InvariantCulture) : frameCommand;
        port.Write(line + "\r");
    }

    /// <summary>Writes raw bytes, for malformed input tests.</summary>
    public void WriteRaw(string text) => port.Write(text);

    public void Dispose()
    {
        stopping = true;
        thread.Join(TimeSpan.FromSeconds(2));
        port.Dispose();
    }

    private void Run()
    {
        var line = new StringBuilder();
        var buffer = new byte[256];
        while (!stopping)
        {
            int count;
            try
            {
                count = port.Read(buffer, 0, buffer.Length);
            }
            catch (TimeoutException)
            {
                continue;
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or ObjectDisposedException)
            {
                return;
            }

            for (int i = 0; i < count; i++)
            {
                char c = (char)buffer[i];
                if (c == '\r')
                {
                    port.Write(Reply(line.ToString()));
                    line.Clear();
                }
                else
                {
                    line.Append(c);
                }
            }
        }
    }

    private string Reply(string command)
    {
        const string Ok = "\r";
        const string Bell = "\a";
        if (command.Length == 0)
        {
            return Bell;
        }

        switch (command[0])
        {
            case 'S' when command.Length == 2 && command[1] is >= '0' and <= '8' && !channelOpen:
                BitrateCode = command[1] - '0';
                return Ok;
            case 'Z' when command is "Z0" or "Z1" && !channelOpen:
                timestamps = command == "Z1";
                return Ok;
            case 'O' when command.Length == 1 && !channelOpen:
                Volatile.Write(ref channelOpen, true);
                return Ok;
            case 'C' when command.Length == 1 && channelOpen:
                Volatile.Write(ref channelOpen, false);
                return Ok;
            case 'V' when command.Length == 1:
                return "V1013\r";
            case 't' or 'r' when channelOpen && IsValidFrame(command, 3):
                Transmitted.Add(command);
                return "z\r";
            case 'T' or 'R' when channelOpen && IsValidFrame(command, 8):
                Transmitted.Add(command);
                return "Z\r";
            default:
                return Bell;
        }
    }

    private static bool IsValidFrame(string command, int idDigits)
    {
        if (command.Length < 2 + idDigits)
        {
            return false;
        }

        int length = command[1 + idDigits] - '0';
        bool remote = command[0] is 'r' or 'R';
        int expected = 2 + idDigits + (remote ? 0 : 2 * length);
        return length is >= 0 and <= 8 && command.Length == expected;
    }
}
