using System.Security.Cryptography;
using Controllers.Firmware.Common.Update;

namespace Controllers.Flashing.Tests.Application;

internal static class TestKeys
{
    public static ECDsa NewKey() => ECDsa.Create(ECCurve.NamedCurves.nistP256);

    // TODO: temporary until the firmware verifier is merged.
    public static IImageSignatureVerifier Verifier(ECDsa key) => new DotNetVerifier(key);

    private sealed class DotNetVerifier(ECDsa key) : IImageSignatureVerifier
    {
        public bool VerifyDigest(byte[] digest, byte[] signature) => key.VerifyHash(digest, signature, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }
}
