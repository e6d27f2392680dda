using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using Xunit;

namespace Controllers.Cli.Tests;

/// <summary>
/// <c>ctl image sign|show</c> as a process with keys and output paths that the boards cannot use or the
/// host cannot write.
/// </summary>
public sealed class ImageCommandTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "ctl-image-" + Guid.NewGuid().ToString("N"));

    public ImageCommandTests()
    {
        Directory.CreateDirectory(folder);
        using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        File.WriteAllText(KeyPath, key.ExportECPrivateKeyPem());
        File.WriteAllText(PublicKeyPath, key.ExportSubjectPublicKeyInfoPem());
        var payload = new byte[3000];
        new Random(11).NextBytes(payload);
        File.WriteAllBytes(PayloadPath, payload);
    }

    private string KeyPath => Path.Combine(folder, "key.pem");

    private string PublicKeyPath => Path.Combine(folder, "public.pem");

    private string PayloadPath => Path.Combine(folder, "app.bin");

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private CtlRun Sign(string keyPath, string outputPath) =>
        CtlProcess.Run(folder, ["image", "sign", "--key", keyPath, "--board-type", "0x00010001", "--version", "1.2.3", PayloadPath, "-o", outputPath]);

    private static void AssertNoStackTrace(CtlRun run)
    {
        Assert.DoesNotContain("Unhandled exception", run.StandardError);
        Assert.DoesNotContain("   at ", run.StandardError);
    }

    [Fact]
    public void Sign_PublicKeyFileIsInvalidInput()
    {
        CtlRun run = Sign(PublicKeyPath, "app.img");

        Assert.Equal(2, run.ExitCode);
        AssertNoStackTrace(run);
        Assert.Contains("public.pem", run.StandardError);
        Assert.Contains("private key", run.StandardError);
        Assert.False(File.Exists(Path.Combine(folder, "app.img")));
    }

    [SkippableTheory]
    [InlineData("1.3.132.0.10")]     // secp256k1 (SEC 2 version 2.0, section 2.4.1): 256 bits, not P-256
    [InlineData("1.3.36.3.3.2.8.1.1.7")] // brainpoolP256r1 (RFC 5639, section 3.4): 256 bits, not P-256
    public void Sign_OtherCurveOf256BitsIsInvalidInput(string curveOid)
    {
        ECDsa other;
        try
        {
            other = ECDsa.Create(ECCurve.CreateFromValue(curveOid));
        }
        catch (Exception error) when (error is PlatformNotSupportedException or CryptographicException)
        {
            throw new SkipException("The platform's crypto library lacks the curve " + curveOid + ": " + error.Message);
        }

        string otherPath = Path.Combine(folder, "other.pem");
        using (other)
        {
            File.WriteAllText(otherPath, other.ExportECPrivateKeyPem());
        }

        CtlRun run = Sign(otherPath, "app.img");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("other.pem", run.StandardError);
        Assert.Contains("P-256", run.StandardError);
        Assert.False(File.Exists(Path.Combine(folder, "app.img")));
    }

    [Fact]
    public void Show_OtherCurveKeyRejected()
    {
        Assert.Equal(0, Sign(KeyPath, "app.img").ExitCode);
        using ECDsa other = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        string otherPath = Path.Combine(folder, "p384.pem");
        File.WriteAllText(otherPath, other.ExportSubjectPublicKeyInfoPem());

        CtlRun run = CtlProcess.Run(folder, ["image", "show", "app.img", "--public-key", otherPath]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("p384.pem", run.StandardError);
        Assert.Contains("P-256", run.StandardError);
    }

    [Fact]
    public void Sign_OutputSameAsPayloadIsRejected()
    {
        byte[] payloadBefore = File.ReadAllBytes(PayloadPath);

        CtlRun run = Sign(KeyPath, PayloadPath);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("app.bin", run.StandardError);
        Assert.Equal(payloadBefore, File.ReadAllBytes(PayloadPath));
    }

    [Fact]
    public void Sign_OutputBelowFileIsInvalidInput()
    {
        CtlRun run = Sign(KeyPath, Path.Combine(PayloadPath, "app.img"));

        Assert.Equal(2, run.ExitCode);
        AssertNoStackTrace(run);
        Assert.Contains("--output", run.StandardError);
    }

    [Fact]
    public void Sign_OutputFolderIsInvalidInput()
    {
        CtlRun run = Sign(KeyPath, folder);

        Assert.Equal(2, run.ExitCode);
        AssertNoStackTrace(run);
        Assert.Contains("--output", run.StandardError);
    }

    [SkippableFact]
    public void Sign_UnwritableFolderIsInvalidInput()
    {
        // Linux refuses new files in /proc whatever the user's rights, so this holds for root as well.
        Skip.IfNot(OperatingSystem.IsLinux(), "/proc exists on Linux only.");

        CtlRun run = Sign(KeyPath, "/proc/ctl-app.img");

        Assert.Equal(2, run.ExitCode);
        AssertNoStackTrace(run);
        Assert.Contains("/proc", run.StandardError);
    }

    [Fact]
    public void Sign_LeavesNoTemporaryFile()
    {
        CtlRun run = Sign(KeyPath, "app.img");

        Assert.Equal(0, run.ExitCode);
        string[] names = Directory.GetFiles(folder).Select(path => Path.GetFileName(path)).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(new[] { "app.bin", "app.img", "key.pem", "public.pem" }, names);
    }
}
