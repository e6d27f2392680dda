using System.Security.Cryptography;
using Controllers.Flashing.Application;
using Xunit;
using Xunit.Abstractions;

namespace Controllers.Flashing.Tests.Application;

/// <summary>Download throughput of an application update in simulated time, against the bus limit.</summary>
public sealed class DownloadThroughputTests(ITestOutputHelper output)
{
    // Bus limit at 500 kbit/s: an 8-byte standard data frame is 135 bits with worst-case stuffing
    // (98 bits SOF to CRC, 10 bits delimiters/ACK/EOF, 3 bits intermission, floor(97 / 4) = 24 stuff
    // bits; ISO 11898-1 frame format). An ISO-TP consecutive frame carries 7 bytes (ISO 15765-2), so
    // the limit is 7 bytes / (135 bits * 2 µs) = 25 925.9 bytes/s.
    private const double BusLimitBytesPerSecond = 7.0 / (135 * 2e-6);

    [Fact]
    public void Download_256KiBReachesMostOfBusLimit()
    {
        using ECDsa key = TestKeys.NewKey();
        using var bench = new ProgrammingBench(key);
        ApplicationImage image = bench.Image(ApplicationVersion.Parse("1.1.0"), 256 * 1024 - ApplicationImage.HeaderLength, seed: 9);

        ProgrammingResult result = bench.Programmer.Program(image, ProgrammingBench.Secret);

        double fraction = result.ThroughputBytesPerSecond / BusLimitBytesPerSecond;
        output.WriteLine($"download {result.DownloadTime.TotalSeconds:F3} s, {result.ThroughputBytesPerSecond / 1000:F2} kB/s, {fraction:P1} of the bus limit; whole update {result.TotalTime.TotalSeconds:F3} s");
        Assert.InRange(fraction, 0.80, 1.0);
    }
}
