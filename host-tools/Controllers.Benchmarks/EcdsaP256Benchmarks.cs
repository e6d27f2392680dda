using System;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Controllers.Firmware.Common.Security;

namespace Controllers.Benchmarks;

/// <summary>
/// Time and allocation of the firmware ECDSA P-256 verifier. The cases are one check of a SHA-256
/// digest, one check of a 1 MiB image hashed in 4 KiB blocks through the incremental API, and the
/// construction with its table of i·G + j·Q. The key and the signatures come from .NET's ECDsa.
/// </summary>
[MemoryDiagnoser]
public class EcdsaP256Benchmarks
{
    /// <summary>Image length in bytes (1 MiB).</summary>
    public const int ImageBytes = 1024 * 1024;

    /// <summary>Bytes passed to each AppendMessage call.</summary>
    public const int BlockBytes = 4096;

    private byte[] publicKey = [];
    private byte[] digest = [];
    private byte[] digestSignature = [];
    private byte[] image = [];
    private byte[] imageSignature = [];
    private EcdsaP256Verifier verifier = null!;

    [GlobalSetup]
    public void Setup()
    {
        using ECDsa ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        ECParameters parameters = ecdsa.ExportParameters(false);
        publicKey = new byte[EcdsaP256Verifier.PublicKeyLength];
        publicKey[0] = 0x04;
        parameters.Q.X!.CopyTo(publicKey, 1);
        parameters.Q.Y!.CopyTo(publicKey, 33);

        var random = new Random(256);
        digest = new byte[32];
        random.NextBytes(digest);
        digestSignature = ecdsa.SignHash(digest, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

        image = new byte[ImageBytes];
        random.NextBytes(image);
        imageSignature = ecdsa.SignData(image, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

        verifier = new EcdsaP256Verifier(publicKey);
        if (!verifier.VerifyDigest(digest, digestSignature) || !VerifyImage())
        {
            throw new InvalidOperationException("The firmware verifier rejected a signature made by .NET's ECDsa, so the benchmark would time a failing path. Run the Security tests in Controllers.Firmware.Common.Tests.");
        }
    }

    /// <summary>Verifies one signature of a 32-byte digest.</summary>
    [Benchmark]
    public bool VerifyDigest() => verifier.VerifyDigest(digest, digestSignature);

    /// <summary>Hashes a 1 MiB image in 4 KiB blocks and verifies its signature.</summary>
    [Benchmark]
    public bool VerifyImage()
    {
        verifier.BeginMessage();
        for (int offset = 0; offset < ImageBytes; offset += BlockBytes)
        {
            verifier.AppendMessage(image, offset, BlockBytes);
        }

        return verifier.EndMessage(imageSignature);
    }

    /// <summary>Checks the public key and builds the table of i·G + j·Q (15 points, each with one inversion).</summary>
    [Benchmark]
    public EcdsaP256Verifier Construct() => new EcdsaP256Verifier(publicKey);
}
