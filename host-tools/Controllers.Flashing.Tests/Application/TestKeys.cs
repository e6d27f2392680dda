using System.Security.Cryptography;
using Controllers.Firmware.Common.Update;

namespace Controllers.Flashing.Tests.Application;

internal static class TestKeys
{
    /// <summary>A new P-256 key pair from .NET, independent of the firmware's verifier.</summary>
    public static ECDsa NewKey() => ECDsa.Create(ECCurve.NamedCurves.nistP256);

    /// <summary>The firmware verifier for the public half of <paramref name="key"/>.</summary>
    public static IImageSignatureVerifier Verifier(ECDsa key) => new EcdsaImageSignatureVerifier(PublicKey(key));

    /// <summary>The uncompressed SEC1 public key: 0x04, X, Y.</summary>
    public static byte[] PublicKey(ECDsa key)
    {
        ECParameters parameters = key.ExportParameters(false);
        var point = new byte[65];
        point[0] = 0x04;
        parameters.Q.X!.CopyTo(point, 1);
        parameters.Q.Y!.CopyTo(point, 33);
        return point;
    }
}
