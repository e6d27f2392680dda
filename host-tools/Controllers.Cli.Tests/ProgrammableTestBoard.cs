using System;
using System.Net;
using System.Security.Cryptography;
using System.Threading;
using Controllers.Can.Transports;
using Controllers.Firmware.Common.Update;
using Controllers.Simulation.Boards;

namespace Controllers.Cli.Tests;

/// <summary>
/// A <see cref="VirtualProgrammableBoard"/> on a real-time <see cref="VirtualCanBus"/>, served by a
/// <see cref="SocketcandServer"/> on 127.0.0.1 with an ephemeral port. A background thread steps the
/// board every millisecond. Its slots are 64 KiB so that real-time erases stay short.
/// </summary>
internal sealed class ProgrammableTestBoard : IDisposable
{
    public const uint BoardType = 0x00010001;

    private readonly VirtualCanBus bus = new(500_000, VirtualBusClock.RealTime);
    private readonly SocketcandServer socketcand;
    private readonly VirtualProgrammableBoard board;
    private readonly Thread pumpThread;
    private readonly object gate = new();
    private volatile bool stopping;

    public ProgrammableTestBoard(ECDsa key, byte[] secret)
    {
        ECParameters parameters = key.ExportParameters(false);
        var publicKey = new byte[65];
        publicKey[0] = 0x04;
        parameters.Q.X!.CopyTo(publicKey, 1);
        parameters.Q.Y!.CopyTo(publicKey, 33);

        board = new VirtualProgrammableBoard(bus, new ProgrammableBoardOptions
        {
            BoardTypeId = BoardType,
            SecuritySecret = secret,
            SignatureVerifier = new EcdsaImageSignatureVerifier(publicKey),
            SlotLength = 64 * 1024,
            FactoryVersion = 0x01000000,
        });
        socketcand = new SocketcandServer(bus, IPAddress.Loopback);
        pumpThread = new Thread(Pump) { IsBackground = true, Name = "programmable-test-board" };
        pumpThread.Start();
    }

    /// <summary>socketcand endpoint for <c>--socketcand</c>.</summary>
    public string Endpoint => "127.0.0.1:" + socketcand.Port;

    /// <summary>Runs <paramref name="read"/> on the board while the pump thread is paused.</summary>
    public T Read<T>(Func<VirtualProgrammableBoard, T> read)
    {
        lock (gate)
        {
            return read(board);
        }
    }

    public void Dispose()
    {
        stopping = true;
        pumpThread.Join(TimeSpan.FromSeconds(5));
        board.Dispose();
        socketcand.Dispose();
    }

    private void Pump()
    {
        while (!stopping)
        {
            lock (gate)
            {
                board.Step();
            }

            Thread.Sleep(1);
        }
    }
}
