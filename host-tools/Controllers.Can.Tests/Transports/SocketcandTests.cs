using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Threading;
using Controllers.Can.Tests.Logs;
using Controllers.Can.Transports;
using Controllers.Firmware.Common.Can;
using Xunit;

namespace Controllers.Can.Tests.Transports;

public sealed class SocketcandTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    [Fact]
    public void Format_MatchesDaemonOutput()
    {
        CanFrame frame = CanBitTimingTests.Frame(0x123, false, 4);

        Assert.Equal("< frame 123 23.424242 11223344 >", SocketcandProtocol.FormatReceived(frame, TimeSpan.FromTicks(234_242_420)));
        Assert.Equal("< send 123 4 11 22 33 44 >", SocketcandProtocol.FormatSend(frame));
    }

    [Fact]
    public void Format_ExtendedAndRemote()
    {
        CanFrame frame = CanBitTimingTests.Frame(0x1AAAAAAA, true, 2);
        frame.IsRemote = true;

        Assert.Equal("< sendrtr 1AAAAAAA 2 >", SocketcandProtocol.FormatSend(frame));
        Assert.Equal("< rtr 1AAAAAAA 1.000000 2 >", SocketcandProtocol.FormatReceived(frame, TimeSpan.FromSeconds(1)));
    }

    [Theory]
    [InlineData("< frame 123 23.424242 11 22 33 44 >")]
    [InlineData("< frame 123 23.424242 11223344 >")]
    public void ParseReceived_TakesBothDataForms(string message)
    {
        var frame = new CanFrame();

        TimeSpan timestamp = SocketcandProtocol.ParseReceived(SocketcandProtocol.SplitFields(message), frame);

        Assert.Equal(TimeSpan.FromTicks(234_242_420), timestamp);
        Assert.Equal(0x123u, frame.Id);
        Assert.Equal(4, frame.Length);
        Assert.Equal(new byte[] { 0x11, 0x22, 0x33, 0x44 }, frame.Data[..4]);
    }

    [Theory]
    [InlineData("< send 1AAAAAAA 2 1 F1 >", 0x1AAAAAAAu, true, 2)]
    [InlineData("< send 0000007B 0 >", 0x7Bu, true, 0)]
    [InlineData("< send 123 0 >", 0x123u, false, 0)]
    public void ParseSend_EightDigitsMeanExtended(string message, uint id, bool extended, int length)
    {
        var frame = new CanFrame();

        SocketcandProtocol.ParseSend(SocketcandProtocol.SplitFields(message), frame);

        Assert.Equal(id, frame.Id);
        Assert.Equal(extended, frame.IsExtended);
        Assert.Equal(length, frame.Length);
    }

    [Theory]
    [InlineData("< send 123 3 11 22 >")]
    [InlineData("< send 123 9 >")]
    [InlineData("< send 800 0 >")]
    [InlineData("< send XYZ 0 >")]
    [InlineData("< send 123 1 100 >")]
    public void ParseSend_RejectsInvalidRequests(string message)
    {
        var frame = new CanFrame();

        Assert.ThrowsAny<Exception>(() => SocketcandProtocol.ParseSend(SocketcandProtocol.SplitFields(message), frame));
    }

    [Fact]
    public void ClientAndServer_ExchangeFramesOverTcp()
    {
        var bus = new VirtualCanBus(500_000, VirtualBusClock.RealTime);
        using VirtualCanNode board = bus.Attach("board");
        using var server = new SocketcandServer(bus, IPAddress.Loopback);
        using SocketcandTransport client = SocketcandTransport.Connect("127.0.0.1", server.Port, "can0", Timeout);

        board.Send(CanBitTimingTests.Frame(0x123, false, 8));
        board.Send(CanBitTimingTests.Frame(0x18FF50E5, true, 3));
        CanFrame remote = CanBitTimingTests.Frame(0x7DF, false, 2);
        remote.IsRemote = true;
        board.Send(remote);

        var frame = new CanFrame();
        Assert.True(client.TryReceive(frame, Timeout, out TimeSpan timestamp));
        Assert.Equal(0x123u, frame.Id);
        Assert.Equal(8, frame.Length);
        Assert.Equal(0x88, frame.Data[7]);
        Assert.True(timestamp > TimeSpan.Zero);
        Assert.True(client.TryReceive(frame, Timeout, out _));
        Assert.Equal(0x18FF50E5u, frame.Id);
        Assert.True(frame.IsExtended);
        Assert.Equal(3, frame.Length);
        Assert.True(client.TryReceive(frame, Timeout, out _));
        Assert.True(frame.IsRemote);
        Assert.Equal(2, frame.Length);

        client.Send(CanBitTimingTests.Frame(0x0000ABCD, true, 1));
        Assert.True(board.TryReceive(frame, Timeout, out _));
        Assert.Equal(0xABCDu, frame.Id);
        Assert.True(frame.IsExtended);
        Assert.Equal(0x11, frame.Data[0]);
        Assert.Equal(0, client.Statistics.Errors);
    }

    [Fact]
    public void Connect_UnknownChannelFails()
    {
        var bus = new VirtualCanBus(500_000, VirtualBusClock.RealTime);
        using var server = new SocketcandServer(bus, IPAddress.Loopback);

        IOException error = Assert.Throws<IOException>(() => SocketcandTransport.Connect("127.0.0.1", server.Port, "can7", Timeout));
        Assert.Contains("can7", error.Message);
    }

    [Fact]
    public void Client_ReceivesAfterIdleReads()
    {
        var bus = new VirtualCanBus(500_000, VirtualBusClock.RealTime);
        using VirtualCanNode board = bus.Attach("board");
        using var server = new SocketcandServer(bus, IPAddress.Loopback);
        using SocketcandTransport client = SocketcandTransport.Connect("127.0.0.1", server.Port, "can0", Timeout);

        // Several 100 ms read timeouts pass in the client's reader before the frame arrives.
        Assert.False(client.TryReceive(new CanFrame(), TimeSpan.FromMilliseconds(350)));
        board.Send(CanBitTimingTests.Frame(0x42, false, 1));

        var frame = new CanFrame();
        Assert.True(client.TryReceive(frame, Timeout));
        Assert.Equal(0x42u, frame.Id);
    }

    [Fact]
    public void Server_RepliesToEchoAndUnknownCommands()
    {
        var bus = new VirtualCanBus(500_000, VirtualBusClock.RealTime);
        using var server = new SocketcandServer(bus, IPAddress.Loopback);
        using var tcp = new System.Net.Sockets.TcpClient();
        tcp.Connect(IPAddress.Loopback, server.Port);
        tcp.ReceiveTimeout = (int)Timeout.TotalMilliseconds;
        NetworkStream stream = tcp.GetStream();

        Assert.Equal("< hi >", ReadMessage(stream));
        Write(stream, "< open can0 >");
        Assert.Equal("< ok >", ReadMessage(stream));
        Write(stream, "< echo >");
        Assert.Equal("< echo >", ReadMessage(stream));
        Write(stream, "< subscribe 0 0 123 >");
        Assert.Equal("< error unknown command >", ReadMessage(stream));
        Write(stream, "< send 123 2 11 >");
        Assert.Equal("< error invalid send command >", ReadMessage(stream));
    }

    [SkippableFact]
    public void PythonCan_ReceivesAndSendsFrames()
    {
        string? problem = ExternalTool.GetPythonCanProblem();
        Skip.If(problem is not null, problem);
        const int Count = 5;
        var bus = new VirtualCanBus(500_000, VirtualBusClock.RealTime);
        using VirtualCanNode board = bus.Attach("board");
        using var server = new SocketcandServer(bus, IPAddress.Loopback);
        string script = Path.Combine(AppContext.BaseDirectory, "Transports", "python_can_socketcand.py");
        var startInfo = new ProcessStartInfo(ExternalTool.SystemPython)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(script);
        startInfo.ArgumentList.Add(server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        startInfo.ArgumentList.Add(Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using Process python = Process.Start(startInfo) ?? throw new InvalidOperationException("Failed to start python3.");
        using var output = new ProcessLines(python);
        try
        {
            // python-can 4.1 compares each handshake reply to one whole recv(), so frames go out only
            // after it reports the bus open.
            Assert.Equal("ready", output.ReadLine());
            for (int i = 0; i < Count; i++)
            {
                board.Send(CanBitTimingTests.Frame(0x100 + (uint)i, false, i + 1));
            }

            for (int i = 0; i < Count; i++)
            {
                string? line = output.ReadLine();
                if (line is null)
                {
                    Assert.Fail($"python-can ended early: {output.Errors}");
                }

                using JsonDocument json = JsonDocument.Parse(line!);
                Assert.Equal(0x100 + i, json.RootElement.GetProperty("id").GetInt32());
                Assert.Equal(Convert.ToHexString(CanBitTimingTests.Frame(0, false, i + 1).Data[..(i + 1)]).ToLowerInvariant(), json.RootElement.GetProperty("data").GetString());
            }

            Assert.Equal("sent", output.ReadLine());
            var frame = new CanFrame();
            Assert.True(board.TryReceive(frame, Timeout, out _));
            Assert.Equal(0x321u, frame.Id);
            Assert.False(frame.IsExtended);
            Assert.Equal(new byte[] { 1, 2, 3 }, frame.Data[..frame.Length]);
        }
        finally
        {
            python.StandardInput.Close();
            if (!python.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                python.Kill(entireProcessTree: true);
            }
        }

        if (python.ExitCode != 0)
        {
            Assert.Fail($"python-can exited with code {python.ExitCode}: {output.Errors}");
        }
    }

    private static void Write(NetworkStream stream, string message)
    {
        byte[] bytes = Encoding.ASCII.GetBytes(message);
        stream.Write(bytes, 0, bytes.Length);
    }

    private static string ReadMessage(NetworkStream stream)
    {
        var reader = new SocketcandMessageReader();
        string? message = null;
        var buffer = new byte[1];
        for (int i = 0; i < SocketcandProtocol.MaxMessageLength && message is null; i++)
        {
            Assert.Equal(1, stream.Read(buffer, 0, 1));
            reader.Feed(buffer, m => message = m, m => Assert.Fail($"Overlong message: {m}"));
        }

        return message ?? throw new InvalidDataException("No complete socketcand message was received.");
    }

    /// <summary>Lines of a process's standard output and error, read on dedicated threads so a busy thread pool cannot stall them.</summary>
    private sealed class ProcessLines : IDisposable
    {
        private readonly BlockingCollection<string?> lines = new BlockingCollection<string?>();
        private readonly StringBuilder errors = new StringBuilder();
        private readonly Thread outputThread;
        private readonly Thread errorThread;

        public ProcessLines(Process process)
        {
            outputThread = new Thread(() =>
            {
                string? line;
                do
                {
                    line = process.StandardOutput.ReadLine();
                    try
                    {
                        lines.Add(line);
                    }
                    catch (InvalidOperationException)
                    {
                        // The test has finished and completed the collection; the rest of the output is dropped.
                        return;
                    }
                }
                while (line is not null);
            }) { IsBackground = true };
            errorThread = new Thread(() =>
            {
                string? line;
                while ((line = process.StandardError.ReadLine()) is not null)
                {
                    lock (errors)
                    {
                        errors.AppendLine(line);
                    }
                }
            }) { IsBackground = true };
            outputThread.Start();
            errorThread.Start();
        }

        /// <summary>Standard error so far; waits up to 5 s for the process to close it.</summary>
        public string Errors
        {
            get
            {
                errorThread.Join(TimeSpan.FromSeconds(5));
                lock (errors)
                {
                    return errors.ToString();
                }
            }
        }

        /// <summary>Returns the next output line, or null at the end of the output; throws after 15 s without a line.</summary>
        public string? ReadLine()
        {
            if (!lines.TryTake(out string? line, TimeSpan.FromSeconds(15)))
            {
                throw new TimeoutException($"python-can printed no line within 15 s. Error output: {Errors}");
            }

            return line;
        }

        /// <summary>
        /// Stops collecting. The collection is completed, not disposed, because the output thread may still be
        /// blocked in a read and add one more line after the test ends. Disposing it then crashed the test host.
        /// </summary>
        public void Dispose()
        {
            lines.CompleteAdding();
        }
    }
}
