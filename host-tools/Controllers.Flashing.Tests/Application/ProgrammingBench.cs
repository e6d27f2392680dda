using System;
using System.Security.Cryptography;
using Controllers.Can.Diagnostics;
using Controllers.Can.Transports;
using Controllers.Firmware.Common.Can;
using Controllers.Firmware.Common.Update;
using Controllers.Flashing.Application;
using Controllers.Simulation.Boards;

namespace Controllers.Flashing.Tests.Application;

/// <summary>
/// A <see cref="VirtualProgrammableBoard"/> on a simulated-time bus at 500 kbit/s with a factory
/// application 1.0.0 in slot 0, and a <see cref="UdsProgrammer"/> that talks to it on 0x7E0/0x7E8.
/// </summary>
internal sealed class ProgrammingBench : IDisposable
{
    public const uint BoardType = 0x00010001;

    public static readonly byte[] Secret = Convert.FromHexString("00112233445566778899AABBCCDDEEFF0123456789ABCDEF");

    public static readonly DateTimeOffset BuildTime = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    private readonly VirtualCanBus bus = new(500_000);

    public ProgrammingBench(ECDsa boardKey, bool applicationConfirmsItself = false, int slotLength = 1024 * 1024)
    {
        Key = boardKey;
        FactoryImage = Image(ApplicationVersion.Parse("1.0.0"), 8 * 1024, seed: 1);
        Board = new VirtualProgrammableBoard(bus, new ProgrammableBoardOptions
        {
            BoardTypeId = BoardType,
            SecuritySecret = Secret,
            SignatureVerifier = TestKeys.Verifier(boardKey),
            SlotLength = slotLength,
            FactoryImage = FactoryImage.Bytes.ToArray(),
            FactoryVersion = FactoryImage.Version.Packed,
            ApplicationConfirmsItself = applicationConfirmsItself,
        });
        Transport = new SimulatedTesterTransport(bus, Board);
        Client = new UdsClient(Transport, new IsoTpSettings { TransmitId = 0x7E0, ReceiveId = 0x7E8 }, Transport.Clock);
        Programmer = new UdsProgrammer(Client, Transport.Clock);
    }

    public ECDsa Key { get; }

    public ApplicationImage FactoryImage { get; }

    public VirtualProgrammableBoard Board { get; }

    public SimulatedTesterTransport Transport { get; }

    public UdsClient Client { get; }

    public UdsProgrammer Programmer { get; }

    public TimeSpan Now => bus.Now;

    /// <summary>An image of <paramref name="payloadLength"/> pseudo-random bytes signed with the board's key.</summary>
    public ApplicationImage Image(ApplicationVersion version, int payloadLength, int seed, uint boardType = BoardType, ECDsa? key = null)
    {
        var payload = new byte[payloadLength];
        new Random(seed).NextBytes(payload);
        return ApplicationImage.Sign(payload, boardType, version, BuildTime, key ?? Key);
    }

    public void Dispose()
    {
        Transport.Dispose();
        Board.Dispose();
    }
}
