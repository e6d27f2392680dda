using System;
using System.Collections.Generic;
using System.IO;
using Controllers.Can.Diagnostics;
using Controllers.Can.Transports;
using Controllers.Firmware.Common.Can;
using Xunit;

namespace Controllers.Cli.Tests;

/// <summary>
/// <c>ctl sim vcu</c> as a process on a free loopback port, with real <c>ctl</c> processes against it. Each test
/// restarts the simulator on the same state folder to check what survives.
/// </summary>
public sealed class SimCommandTests : IDisposable
{
    private static readonly TimeSpan LineTimeout = TimeSpan.FromSeconds(30);

    // The simulator shares the machine with the build, so a P2 of 50 ms is too tight for its 10 ms tasks.
    private const string P2 = "2000";

    private readonly string folder = Path.Combine(Path.GetTempPath(), "ctl-sim-" + Guid.NewGuid().ToString("N"));
    private readonly List<SimProcess> processes = new();

    public SimCommandTests()
    {
        Directory.CreateDirectory(StateFolder);
    }

    private string StateFolder => Path.Combine(folder, "state");

    private static string KeysFolder => Path.Combine(RepositoryRoot(), "boards", "keys");

    private static string SecretPath => Path.Combine(KeysFolder, "development-uds-secret.hex");

    public void Dispose()
    {
        foreach (SimProcess process in processes)
        {
            process.Dispose();
        }

        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void Sim_ParameterSetSurvivesRestart()
    {
        SimProcess sim = Start();
        CtlRun set = Ctl("params", "set", "regen.brake", "50", "--key-file", SecretPath, "--socketcand", sim.Endpoint, "--p2", P2);
        Assert.True(set.ExitCode == 0, set.StandardOutput + set.StandardError);
        Assert.Equal(0, sim.Stop());

        SimProcess restarted = Start();
        CtlRun get = Ctl("params", "get", "regen.brake", "--socketcand", restarted.Endpoint, "--p2", P2);

        Assert.True(get.ExitCode == 0, get.StandardOutput + get.StandardError);
        Assert.Matches(@"regen\.brake\s*│\s*50\s", get.StandardOutput);
    }

    [Fact]
    public void Sim_NewBoardReportsMissingCalibrationDtc()
    {
        SimProcess sim = Start();

        // The status task reports once a second; wait for its first period.
        CtlRun read = Ctl("dtc", "read", "--socketcand", sim.Endpoint, "--p2", P2);
        for (int attempt = 0; attempt < 10 && !read.StandardOutput.Contains("0x062F00 │ 0xAF", StringComparison.Ordinal); attempt++)
        {
            read = Ctl("dtc", "read", "--socketcand", sim.Endpoint, "--p2", P2);
        }

        // testFailed, testFailedThisOperationCycle, pendingDTC, confirmedDTC and testFailedSinceLastClear (0x2F), and
        // warningIndicatorRequested (0x80), because a DTC without a row in the fault reaction table lights the warning lamp.
        Assert.True(read.ExitCode == 0, read.StandardOutput + read.StandardError);
        Assert.Contains("0x062F00 │ 0xAF", read.StandardOutput);
    }

    [Fact]
    public void Sim_FlashedApplicationBootsAfterRestart()
    {
        string payload = Path.Combine(folder, "app.bin");
        var bytes = new byte[20_000];
        new Random(11).NextBytes(bytes);
        File.WriteAllBytes(payload, bytes);
        string image = Path.Combine(folder, "app.img");
        CtlRun sign = Ctl("image", "sign", "--key", Path.Combine(KeysFolder, "development-signing-key.pem"), "--board-type", "0x00020001",
            "--version", "1.2.3", payload, "-o", image);
        Assert.True(sign.ExitCode == 0, sign.StandardOutput + sign.StandardError);

        SimProcess sim = Start();
        CtlRun flash = Ctl("flash", "app", image, "--key-secret-file", SecretPath, "--socketcand", sim.Endpoint, "--p2", P2);
        Assert.True(flash.ExitCode == 0, flash.StandardOutput + flash.StandardError + sim.Output);
        Assert.Equal(0, sim.Stop());

        SimProcess restarted = Start();
        byte[] version = ReadDataIdentifier(restarted.Endpoint, 0xF189);

        // 1.2.3 as major in bits 31..24, minor in 23..16 and patch in 15..0, big-endian: 01 02 00 03.
        Assert.Equal(new byte[] { 0x01, 0x02, 0x00, 0x03 }, version);
    }

    [Fact]
    public void Sim_PedalCalibrationSurvivesRestart()
    {
        string reference = Path.Combine(folder, "pedal.yaml");
        File.WriteAllText(reference, "procedure: pedal\noperator: tester\ninstrument: SIM-PEDAL\n");
        SimProcess sim = Start();

        CtlRun run = CtlProcess.RunInteractive(folder,
            ["calibrate", "pedal", "--reference-file", reference, "--secret-file", SecretPath, "--socketcand", sim.Endpoint, "--p2", P2],
            line =>
            {
                if (!line.Contains("press Enter", StringComparison.Ordinal))
                {
                    return null;
                }

                if (line.Contains("accelerator to full", StringComparison.Ordinal))
                {
                    Move(sim, "accelerator 1");
                }
                else if (line.Contains("brake to full", StringComparison.Ordinal))
                {
                    Move(sim, "accelerator 0");
                    Move(sim, "brake 1");
                }
                else
                {
                    Move(sim, "rest");
                }

                return "";
            });
        Assert.True(run.ExitCode == 0, run.StandardOutput + run.StandardError + sim.Output);
        Assert.Equal(0, sim.Stop());

        SimProcess restarted = Start();
        Assert.Contains("calibration status 0 ", restarted.Output);

        // The sim's pedals follow the default sensor lines (VcuRigInputs): track 1 0.8 to 4.2 V, track 2 0.4 to 2.1 V.
        byte[] accelerator = ReadDataIdentifier(restarted.Endpoint, 0x4160);
        Assert.Equal(0.8f, ReadSingle(accelerator, 0), 3);
        Assert.Equal(4.2f, ReadSingle(accelerator, 4), 3);
        Assert.Equal(0.4f, ReadSingle(accelerator, 8), 3);
        Assert.Equal(2.1f, ReadSingle(accelerator, 12), 3);
    }

    private static void Move(SimProcess sim, string input)
    {
        sim.WriteInput(input);
        sim.WaitForLine("Pedal inputs:", LineTimeout);
    }

    private static float ReadSingle(byte[] data, int offset) =>
        BitConverter.Int32BitsToSingle(data[offset] << 24 | data[offset + 1] << 16 | data[offset + 2] << 8 | data[offset + 3]);

    private static byte[] ReadDataIdentifier(string endpoint, ushort identifier)
    {
        int colon = endpoint.LastIndexOf(':');
        using var transport = SocketcandTransport.Connect(endpoint[..colon], int.Parse(endpoint[(colon + 1)..]), "can0", TimeSpan.FromSeconds(10));
        transport.AddFilter(new CanFilter(0x7E8, 0x7FF, false));
        var client = new UdsClient(transport, new IsoTpSettings { TransmitId = 0x7E0, ReceiveId = 0x7E8 })
        {
            P2Timeout = TimeSpan.FromSeconds(2),
        };
        return client.ReadDataByIdentifier(identifier);
    }

    private SimProcess Start()
    {
        var sim = new SimProcess(StateFolder);
        processes.Add(sim);
        return sim;
    }

    private CtlRun Ctl(params string[] arguments) => CtlProcess.Run(folder, arguments);

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory != null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Controllers.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("No Controllers.sln above " + AppContext.BaseDirectory + ".");
    }
}
