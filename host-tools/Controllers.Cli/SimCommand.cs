using System;
using System.Collections.Concurrent;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Threading;
using Controllers.Can.Transports;
using Controllers.Firmware.Common.Diagnostics;
using Controllers.Hil.Vehicle;

namespace Controllers.Cli;

/// <summary>
/// <c>ctl sim vcu [--listen ADDRESS:PORT] [--channel NAME] [--state-dir DIR] [--secret-file FILE] [--public-key FILE]
/// [--allow-remote]</c>: runs the simulated VCU in real time on a virtual CAN bus that a socketcand server exposes,
/// so that the other commands can reach it with <c>--socketcand</c>.
/// </summary>
internal static class SimCommand
{
    /// <summary>Listen address when none is given.</summary>
    public const string DefaultListen = "127.0.0.1:29536";

    /// <summary>
    /// SecurityAccess secret of a simulated board when neither a file nor the environment variable gives one. It is
    /// published in boards/keys/development-uds-secret.hex, so it protects nothing.
    /// </summary>
    public const string DevelopmentSecretHex = "DE5EC2E7DE5EC2E7DE5EC2E7DE5EC2E7";

    /// <summary>Development public key that the build copies next to ctl.dll from boards/keys/.</summary>
    public static readonly string DefaultPublicKeyPath = Path.Combine(AppContext.BaseDirectory, "keys", "development-signing-public.pem");

    // Maximum wait for a frame in one step, so that the executive runs at least every millisecond.
    private static readonly TimeSpan StepWait = TimeSpan.FromMilliseconds(1);

    public static Command Create()
    {
        var listenOption = new Option<string>("--listen")
        {
            Description = Messages.Get("SimListenDescription"),
            HelpName = "ADDRESS:PORT",
            DefaultValueFactory = _ => DefaultListen,
        };
        var channelOption = new Option<string>("--channel")
        {
            Description = Messages.Get("SimChannelDescription"),
            HelpName = "NAME",
            DefaultValueFactory = _ => "can0",
        };
        var stateOption = new Option<string>("--state-dir") { Description = Messages.Get("SimStateDirDescription"), HelpName = "DIR" };
        var secretOption = new Option<string>("--secret-file")
        {
            Description = Messages.Format("SimSecretFileDescription", FlashAppCommand.SecretVariable),
            HelpName = "FILE",
        };
        var publicKeyOption = new Option<string>("--public-key") { Description = Messages.Get("SimPublicKeyDescription"), HelpName = "FILE" };
        var allowRemoteOption = new Option<bool>("--allow-remote") { Description = Messages.Get("SimAllowRemoteDescription") };

        var vcu = new Command("vcu", Messages.Get("SimVcuDescription"))
        {
            listenOption, channelOption, stateOption, secretOption, publicKeyOption, allowRemoteOption,
        };
        vcu.SetAction(parseResult => RunVcu(
            parseResult.GetRequiredValue(listenOption),
            parseResult.GetRequiredValue(channelOption),
            parseResult.GetValue(stateOption),
            parseResult.GetValue(secretOption),
            parseResult.GetValue(publicKeyOption) ?? DefaultPublicKeyPath,
            parseResult.GetValue(allowRemoteOption)));

        return new Command("sim", Messages.Get("SimDescription")) { vcu };
    }

    private static int RunVcu(string listen, string channel, string? stateDir, string? secretFile, string publicKeyPath, bool allowRemote)
    {
        if (!TryParseListen(listen, out IPAddress? address, out int port))
        {
            return CliOutput.InvalidInput(Messages.Format("SimInvalidListen", listen));
        }

        if (!IPAddress.IsLoopback(address!))
        {
            if (!allowRemote)
            {
                return CliOutput.InvalidInput(Messages.Format("SimRemoteRejected", listen));
            }

            Console.Error.WriteLine(Messages.Format("SimRemoteWarning", listen));
        }

        if (string.IsNullOrWhiteSpace(channel))
        {
            return CliOutput.InvalidInput(Messages.Get("SimChannelEmpty"));
        }

        byte[] secret;
        if (secretFile is null && string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(FlashAppCommand.SecretVariable)))
        {
            secret = Convert.FromHexString(DevelopmentSecretHex);
            Console.Error.WriteLine(Messages.Format("SimDevelopmentSecret", DevelopmentSecretHex));
        }
        else
        {
            string? problem = FlashAppCommand.ReadSecret(secretFile, out secret);
            if (problem is not null)
            {
                return CliOutput.InvalidInput(problem);
            }
        }

        byte[] publicKey;
        try
        {
            publicKey = SimVcuBoard.ReadPublicKey(publicKeyPath);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or ArgumentException or System.Security.Cryptography.CryptographicException)
        {
            return CliOutput.InvalidInput(Messages.Format("SimPublicKeyUnreadable", publicKeyPath, error.Message));
        }

        string folder = stateDir ?? Path.Combine(Path.GetTempPath(), "ctl-sim-vcu-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return CliOutput.InvalidInput(Messages.Format("SimStateDirFailed", folder, error.Message));
        }

        Console.WriteLine(Messages.Format("SimStateDir", Path.GetFullPath(folder)));
        return Serve(address!, port, channel, folder, secret, publicKey);
    }

    private static int Serve(IPAddress address, int port, string channel, string folder, byte[] secret, byte[] publicKey)
    {
        var bus = new VirtualCanBus(500_000, VirtualBusClock.RealTime);
        SocketcandServer server;
        try
        {
            server = new SocketcandServer(bus, address, port, channel);
        }
        catch (SocketException error)
        {
            return CliOutput.Failure(Messages.Format("SimListenFailed", address + ":" + port.ToString(CultureInfo.InvariantCulture), error.Message));
        }

        // SIGTERM (from a service manager or a test) stops as Ctrl+C does, so the state is saved either way.
        bool terminated = false;
        using (server)
        using (var stop = new LogStopRequest())
        using (PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            Volatile.Write(ref terminated, true);
        }))
        {
            // The count of wrong keys sits in non-volatile memory on a board, so it survives the resets here.
            var attempts = new RamAttemptStore();
            var inputs = new VcuRigInputs();
            SimVcuBoard board = Boot(bus, folder, secret, publicKey, attempts, inputs);
            Console.WriteLine(Messages.Format("SimListening", address + ":" + server.Port.ToString(CultureInfo.InvariantCulture), channel));
            Console.WriteLine(Messages.Get("SimInputHelp"));
            ConcurrentQueue<string> commands = StartInputReader();
            while (!stop.IsRequested && !Volatile.Read(ref terminated))
            {
                while (commands.TryDequeue(out string? line))
                {
                    ApplyInput(line, inputs);
                }

                board.Step(StepWait);
                if (board.ResetRequested)
                {
                    board.SaveNow();
                    board.Dispose();
                    Console.WriteLine(Messages.Get("SimReset"));
                    board = Boot(bus, folder, secret, publicKey, attempts, inputs);
                }
            }

            bool saved = board.SaveNow();
            board.Dispose();
            if (!saved)
            {
                return CliOutput.Failure(Messages.Format("SimSaveFailed", folder));
            }

            Console.WriteLine(Messages.Get("SimStopped"));
            return ExitCodes.Success;
        }
    }

    private static SimVcuBoard Boot(VirtualCanBus bus, string folder, byte[] secret, byte[] publicKey, RamAttemptStore attempts, VcuRigInputs inputs)
    {
        var board = new SimVcuBoard(bus, folder, secret, publicKey, attempts, inputs);
        uint version = board.RunningVersion;
        Console.WriteLine(Messages.Format("SimBooted", FormatVersion(version), board.Slots.RunningSlot, board.Parameters.Database.Count,
            board.ParameterStatus, board.Core.Calibration!.Record.Status));
        return board;
    }

    // Standard input is read on its own thread, so the board keeps running while no line arrives.
    private static ConcurrentQueue<string> StartInputReader()
    {
        var lines = new ConcurrentQueue<string>();
        var reader = new Thread(() =>
        {
            string? line;
            while ((line = Console.In.ReadLine()) is not null)
            {
                lines.Enqueue(line);
            }
        })
        {
            IsBackground = true,
            Name = "sim-input",
        };
        reader.Start();
        return lines;
    }

    /// <summary>Applies one input line: <c>accelerator T</c>, <c>brake T</c> (travel 0 to 1) or <c>rest</c>.</summary>
    private static void ApplyInput(string line, VcuRigInputs inputs)
    {
        string[] words = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            return;
        }

        string command = words[0].ToLowerInvariant();
        if (command == "rest" && words.Length == 1)
        {
            inputs.SetPedal(0);
            inputs.SetBrake(0);
            Console.WriteLine(Messages.Format("SimInputApplied", inputs.AcceleratorTrack1Volts, inputs.AcceleratorTrack2Volts, inputs.BrakeSensorVolts));
            return;
        }

        if ((command == "accelerator" || command == "brake") && words.Length == 2
            && double.TryParse(words[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double travel) && travel is >= 0 and <= 1)
        {
            if (command == "accelerator")
            {
                inputs.SetPedal(travel);
            }
            else
            {
                inputs.SetBrake(travel);
            }

            Console.WriteLine(Messages.Format("SimInputApplied", inputs.AcceleratorTrack1Volts, inputs.AcceleratorTrack2Volts, inputs.BrakeSensorVolts));
            return;
        }

        Console.Error.WriteLine(Messages.Format("ErrorLine", Messages.Format("SimInputInvalid", line)));
    }

    private static string FormatVersion(uint version) =>
        (version >> 24).ToString(CultureInfo.InvariantCulture) + "." + ((version >> 16) & 0xFF).ToString(CultureInfo.InvariantCulture)
        + "." + (version & 0xFFFF).ToString(CultureInfo.InvariantCulture);

    private static bool TryParseListen(string text, out IPAddress? address, out int port)
    {
        address = null;
        port = 0;
        int colon = text.LastIndexOf(':');
        if (colon <= 0)
        {
            return false;
        }

        return IPAddress.TryParse(text[..colon].Trim('[', ']'), out address)
            && int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out port)
            && port is >= 0 and <= 65535;
    }

    private sealed class RamAttemptStore : IUdsSecurityAttemptStore
    {
        private int count;

        public int LoadFailedAttempts() => count;

        public void StoreFailedAttempts(int value) => count = value;
    }
}
