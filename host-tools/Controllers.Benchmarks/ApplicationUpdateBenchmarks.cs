using System;
using System.Globalization;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Controllers.Can.Diagnostics;
using Controllers.Can.Transports;
using Controllers.Firmware.Common.Can;
using Controllers.Firmware.Common.Update;
using Controllers.Flashing.Application;
using Controllers.Simulation.Boards;

namespace Controllers.Benchmarks;

/// <summary>
/// One application update of a 256 KiB image with <see cref="UdsProgrammer"/> into a
/// <see cref="VirtualProgrammableBoard"/> over a <see cref="VirtualCanBus"/> at 500 kbit/s in simulated
/// time: erase, download, check, reset and confirm. The mean is host time per update. The extra
/// columns come from the simulation: the bus time of the download (RequestDownload to
/// RequestTransferExit), its throughput, and that throughput as a fraction of the bus limit of
/// back-to-back ISO-TP consecutive frames (<see cref="IsoTpThroughputBenchmarks.BackToBackSeconds"/>).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(UpdateColumns))]
public class ApplicationUpdateBenchmarks
{
    /// <summary>Image bytes, header included.</summary>
    public const int ImageBytes = 256 * 1024;

    private static readonly byte[] Secret = Convert.FromHexString("00112233445566778899AABBCCDDEEFF");

    /// <summary>Flashes the image once and returns the simulated download time in seconds.</summary>
    [Benchmark]
    public double Flash256KiB() => Flash(ImageBytes).DownloadTime.TotalSeconds;

    /// <summary>Runs one complete update of an image of <paramref name="imageBytes"/> bytes and returns its result.</summary>
    public static ProgrammingResult Flash(int imageBytes)
    {
        using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        ECParameters parameters = key.ExportParameters(false);
        var publicKey = new byte[65];
        publicKey[0] = 0x04;
        parameters.Q.X!.CopyTo(publicKey, 1);
        parameters.Q.Y!.CopyTo(publicKey, 33);

        var payload = new byte[imageBytes - ApplicationImage.HeaderLength];
        new Random(11).NextBytes(payload);
        ApplicationImage image = ApplicationImage.Sign(payload, 0x00010001, ApplicationVersion.Parse("1.1.0"), DateTimeOffset.UnixEpoch, key);

        var bus = new VirtualCanBus(IsoTpThroughputBenchmarks.Bitrate);
        using var board = new VirtualProgrammableBoard(bus, new ProgrammableBoardOptions
        {
            BoardTypeId = 0x00010001,
            SecuritySecret = Secret,
            SignatureVerifier = new EcdsaImageSignatureVerifier(publicKey),
        });
        using var transport = new SimulatedTesterTransport(bus, board);
        var client = new UdsClient(transport, new IsoTpSettings { TransmitId = 0x7E0, ReceiveId = 0x7E8 }, transport.Clock);
        return new UdsProgrammer(client, transport.Clock).Program(image, Secret);
    }

    private sealed class UpdateColumns : ManualConfig
    {
        private static readonly Lazy<ProgrammingResult> Result = new(() => Flash(ImageBytes));

        public UpdateColumns()
        {
            AddColumn(new ResultColumn("SimulatedDownload", "Simulated bus time from RequestDownload to RequestTransferExit",
                () => $"{Result.Value.DownloadTime.TotalSeconds:F3} s"));
            AddColumn(new ResultColumn("Throughput", "Image bytes per second of simulated download time, in kB/s (1 kB = 1000 bytes)",
                () => (Result.Value.ThroughputBytesPerSecond / 1000).ToString("F2", CultureInfo.InvariantCulture) + " kB/s"));
            AddColumn(new ResultColumn("RateOfBusLimit", "Download throughput as a fraction of back-to-back consecutive frames with worst-case stuff bits",
                () => (IsoTpThroughputBenchmarks.BackToBackSeconds(ImageBytes, IsoTpThroughputBenchmarks.Bitrate) / Result.Value.DownloadTime.TotalSeconds)
                    .ToString("P1", CultureInfo.InvariantCulture)));
            AddColumn(new ResultColumn("SimulatedTotal", "Simulated time of the whole update, erase, check, reset and confirm included",
                () => $"{Result.Value.TotalTime.TotalSeconds:F3} s"));
        }
    }

    private sealed class ResultColumn(string name, string legend, Func<string> value) : IColumn
    {
        public string Id => name;

        public string ColumnName => name;

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => false;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => legend;

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => value();

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

        public bool IsAvailable(Summary summary) => true;

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    }
}
