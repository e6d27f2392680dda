using System;
using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using Controllers.Firmware.Common.Security;
using Xunit;

namespace Controllers.Firmware.Common.Tests.Security;

/// <summary>
/// The firmware ECDSA P-256 verifier against the RFC 6979 test vectors and against signatures made by
/// .NET's System.Security.Cryptography.ECDsa (OpenSSL on Linux), an independent implementation.
/// </summary>
public class EcdsaP256VerifierTests
{
    // RFC 6979 appendix A.2.5 ("ECDSA, 256 Bits (Prime Field)"): the public key U = xG of the private
    // key x = C9AFA9D8...120F6721, and the signatures with SHA-256 of the messages "sample" and "test".
    private const string Rfc6979Ux = "60FED4BA255A9D31C961EB74C6356D68C049B8923B61FA6CE669622E60F29FB6";
    private const string Rfc6979Uy = "7903FE1008B8BC99A41AE9E95628BC64F2F1B20C2D7E9F5177A3C294D4462299";
    private const string Rfc6979SampleR = "EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716";
    private const string Rfc6979SampleS = "F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8";
    private const string Rfc6979TestR = "F1ABB023518351CD71D881567B1EA663ED3EFCF6C5132B354F28D3B0B7D38367";
    private const string Rfc6979TestS = "019F4113742A2B14BD25926B49C649155F267E60D3814B4C0CC84250E46F0083";

    // SEC 2 version 2.0, section 2.4.2 (secp256r1).
    private static readonly BigInteger N = BigInteger.Parse("0FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", NumberStyles.HexNumber, CultureInfo.InvariantCulture);
    private static readonly BigInteger P = BigInteger.Parse("0FFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFF", NumberStyles.HexNumber, CultureInfo.InvariantCulture);
    private const string GeneratorX = "6B17D1F2E12C4247F8BCE6E563A440F277037D812DEB33A0F4A13945D898C296";
    private const string GeneratorY = "4FE342E2FE1A7F9B8EE7EB4A7C0F9E162BCE33576B315ECECBB6406837BF51F5";

    private static byte[] Rfc6979PublicKey()
    {
        return Convert.FromHexString("04" + Rfc6979Ux + Rfc6979Uy);
    }

    private static byte[] PublicKeyOf(ECDsa ecdsa)
    {
        ECParameters parameters = ecdsa.ExportParameters(false);
        var key = new byte[65];
        key[0] = 0x04;
        parameters.Q.X!.CopyTo(key, 1);
        parameters.Q.Y!.CopyTo(key, 33);
        return key;
    }

    private static byte[] Sign(ECDsa ecdsa, byte[] message)
    {
        return ecdsa.SignData(message, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] WithR(byte[] signature, BigInteger r)
    {
        var copy = (byte[])signature.Clone();
        BigIntegerLimbs.ToBigEndian32(r).CopyTo(copy, 0);
        return copy;
    }

    private static byte[] WithS(byte[] signature, BigInteger s)
    {
        var copy = (byte[])signature.Clone();
        BigIntegerLimbs.ToBigEndian32(s).CopyTo(copy, 32);
        return copy;
    }

    [Theory]
    [InlineData("sample", Rfc6979SampleR, Rfc6979SampleS)]
    [InlineData("test", Rfc6979TestR, Rfc6979TestS)]
    public void Rfc6979Vector_Verifies(string message, string r, string s)
    {
        var verifier = new EcdsaP256Verifier(Rfc6979PublicKey());
        byte[] bytes = Encoding.ASCII.GetBytes(message);
        byte[] signature = Convert.FromHexString(r + s);

        Assert.True(verifier.Verify(bytes, 0, bytes.Length, signature));
    }

    [Fact]
    public void Rfc6979Sample_DigestFromRfc_Verifies()
    {
        // RFC 6979 A.2.5 prints the digest: SHA-256("sample") = AF2BDBE1...62ADD1BF.
        var verifier = new EcdsaP256Verifier(Rfc6979PublicKey());
        byte[] digest = Convert.FromHexString("AF2BDBE1AA9B6EC1E2ADE1D694F41FC71A831D0268E9891562113D8A62ADD1BF");

        Assert.True(verifier.VerifyDigest(digest, Convert.FromHexString(Rfc6979SampleR + Rfc6979SampleS)));
    }

    [Fact]
    public void Rfc6979Signatures_SwappedMessages_Fail()
    {
        var verifier = new EcdsaP256Verifier(Rfc6979PublicKey());
        byte[] sample = Encoding.ASCII.GetBytes("sample");
        byte[] test = Encoding.ASCII.GetBytes("test");

        Assert.False(verifier.Verify(sample, 0, sample.Length, Convert.FromHexString(Rfc6979TestR + Rfc6979TestS)));
        Assert.False(verifier.Verify(test, 0, test.Length, Convert.FromHexString(Rfc6979SampleR + Rfc6979SampleS)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(31)]
    [InlineData(64)]
    [InlineData(1000)]
    [InlineData(65537)]
    public void DotNetSignatures_Verify(int length)
    {
        var random = new Random(length);
        using ECDsa ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var verifier = new EcdsaP256Verifier(PublicKeyOf(ecdsa));

        for (int i = 0; i < 4; i++)
        {
            byte[] message = RandomBytes(random, length);
            byte[] signature = Sign(ecdsa, message);

            Assert.True(verifier.Verify(message, 0, message.Length, signature), $"signature {Convert.ToHexString(signature)} of {length} bytes");
        }
    }

    [Fact]
    public void DotNetSignature_MessageAtOffset_Verifies()
    {
        var random = new Random(7);
        using ECDsa ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var verifier = new EcdsaP256Verifier(PublicKeyOf(ecdsa));
        byte[] buffer = RandomBytes(random, 300);
        byte[] signature = ecdsa.SignData(buffer, 17, 200, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

        Assert.True(verifier.Verify(buffer, 17, 200, signature));
        Assert.False(verifier.Verify(buffer, 18, 200, signature));
    }

    [Fact]
    public void FlippedMessageBit_Fails()
    {
        var random = new Random(11);
        using ECDsa ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var verifier = new EcdsaP256Verifier(PublicKeyOf(ecdsa));
        byte[] message = RandomBytes(random, 257);
        byte[] signature = Sign(ecdsa, message);

        foreach (int bit in new[] { 0, 7, 1000, 257 * 8 - 1 })
        {
            byte[] tampered = (byte[])message.Clone();
            tampered[bit / 8] ^= (byte)(1 << (bit % 8));

            Assert.False(verifier.Verify(tampered, 0, tampered.Length, signature), $"bit {bit}");
        }
    }

    [Fact]
    public void FlippedSignatureBit_Fails()
    {
        var random = new Random(13);
        using ECDsa ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var verifier = new EcdsaP256Verifier(PublicKeyOf(ecdsa));
        byte[] message = RandomBytes(random, 100);
        byte[] signature = Sign(ecdsa, message);

        // Bits 0..255 are r (bit 0 is the top bit of r), bits 256..511 are s.
        foreach (int bit in new[] { 0, 1, 100, 255, 256, 257, 400, 511 })
        {
            byte[] tampered = (byte[])signature.Clone();
            tampered[bit / 8] ^= (byte)(0x80 >> (bit % 8));

            Assert.False(verifier.Verify(message, 0, message.Length, tampered), $"bit {bit}");
        }
    }

    [Fact]
    public void OtherKey_Fails()
    {
        var random = new Random(17);
        using ECDsa signer = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using ECDsa other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var verifier = new EcdsaP256Verifier(PublicKeyOf(other));
        byte[] message = RandomBytes(random, 64);

        Assert.False(verifier.Verify(message, 0, message.Length, Sign(signer, message)));
    }

    [Fact]
    public void NegatedS_Verifies()
    {
        // (r, n - s) is also valid: it yields -R, which has the same x coordinate. ECDSA as specified does
        // not reject it, and neither does the verifier.
        var random = new Random(19);
        using ECDsa ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var verifier = new EcdsaP256Verifier(PublicKeyOf(ecdsa));
        byte[] message = RandomBytes(random, 64);
        byte[] signature = Sign(ecdsa, message);
        BigInteger s = BigIntegerLimbs.FromBigEndian(signature.AsSpan(32));

        Assert.True(verifier.Verify(message, 0, message.Length, WithS(signature, N - s)));
    }

    [Fact]
    public void ScalarsOutOfRange_Fail()
    {
        var random = new Random(23);
        using ECDsa ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var verifier = new EcdsaP256Verifier(PublicKeyOf(ecdsa));
        byte[] message = RandomBytes(random, 64);
        byte[] signature = Sign(ecdsa, message);
        BigInteger r = BigIntegerLimbs.FromBigEndian(signature.AsSpan(0, 32));
        BigInteger s = BigIntegerLimbs.FromBigEndian(signature.AsSpan(32));

        Assert.False(verifier.Verify(message, 0, message.Length, WithR(signature, BigInteger.Zero)));
        Assert.False(verifier.Verify(message, 0, message.Length, WithS(signature, BigInteger.Zero)));
        Assert.False(verifier.Verify(message, 0, message.Length, WithR(signature, N)));
        Assert.False(verifier.Verify(message, 0, message.Length, WithS(signature, N)));

        // r + n and s + n are congruent to r and s, so only the range check rejects them (when they fit in 256 bits).
        if (r + N < BigInteger.One << 256)
        {
            Assert.False(verifier.Verify(message, 0, message.Length, WithR(signature, r + N)));
        }

        if (s + N < BigInteger.One << 256)
        {
            Assert.False(verifier.Verify(message, 0, message.Length, WithS(signature, s + N)));
        }

        Assert.True(verifier.Verify(message, 0, message.Length, signature));
    }

    [Fact]
    public void ScalarsOneAndOne_Fail()
    {
        // r = 1, s = 1 are in range; the signature is simply wrong.
        var verifier = new EcdsaP256Verifier(Rfc6979PublicKey());
        var signature = new byte[64];
        signature[31] = 1;
        signature[63] = 1;
        byte[] message = Encoding.ASCII.GetBytes("sample");

        Assert.False(verifier.Verify(message, 0, message.Length, signature));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(63)]
    [InlineData(65)]
    [InlineData(72)]
    public void SignatureOfWrongLength_ReturnsFalse(int length)
    {
        var verifier = new EcdsaP256Verifier(Rfc6979PublicKey());
        byte[] message = Encoding.ASCII.GetBytes("sample");
        byte[] valid = Convert.FromHexString(Rfc6979SampleR + Rfc6979SampleS);
        var signature = new byte[length];
        Array.Copy(valid, signature, Math.Min(length, valid.Length));

        Assert.False(verifier.Verify(message, 0, message.Length, signature));
    }

    [Fact]
    public void NullSignature_ReturnsFalse()
    {
        var verifier = new EcdsaP256Verifier(Rfc6979PublicKey());
        byte[] message = Encoding.ASCII.GetBytes("sample");

        Assert.False(verifier.Verify(message, 0, message.Length, null!));
    }

    [Fact]
    public void DigestOfWrongLength_Throws()
    {
        var verifier = new EcdsaP256Verifier(Rfc6979PublicKey());

        var error = Assert.Throws<ArgumentException>(() => verifier.VerifyDigest(new byte[31], new byte[64]));

        Assert.Contains("32 bytes", error.Message);
    }

    [Theory]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF")]
    [InlineData("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551")]
    [InlineData("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632552")]
    public void DigestAtOrAboveOrder_VerifiesDotNetSignature(string digestHex)
    {
        // A digest equal to n reduces to e = 0, so u1 = 0 and R = u2·Q alone; n + 1 gives e = 1 and all
        // ones gives e = 2^256 - 1 - n. .NET signs the digest as given.
        using ECDsa ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var verifier = new EcdsaP256Verifier(PublicKeyOf(ecdsa));
        byte[] digest = Convert.FromHexString(digestHex);

        for (int i = 0; i < 3; i++)
        {
            byte[] signature = ecdsa.SignHash(digest, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

            Assert.True(verifier.VerifyDigest(digest, signature));
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void KeyEqualToPlusOrMinusGenerator_VerifiesDotNetSignatures(bool negate)
    {
        // Private key 1 gives Q = G, so the table's G + Q is a doubling; private key n - 1 gives Q = -G, so
        // G + Q is the point at infinity. Both exercise the special cases of the point addition.
        BigInteger y = BigIntegerLimbs.FromBigEndian(Convert.FromHexString(GeneratorY));
        var parameters = new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            D = BigIntegerLimbs.ToBigEndian32(negate ? N - 1 : BigInteger.One),
            Q = new ECPoint
            {
                X = Convert.FromHexString(GeneratorX),
                Y = BigIntegerLimbs.ToBigEndian32(negate ? P - y : y),
            },
        };
        using ECDsa ecdsa = ECDsa.Create(parameters);
        var verifier = new EcdsaP256Verifier(PublicKeyOf(ecdsa));
        var random = new Random(negate ? 29 : 31);

        for (int i = 0; i < 8; i++)
        {
            byte[] message = RandomBytes(random, 40);
            byte[] signature = Sign(ecdsa, message);

            Assert.True(verifier.Verify(message, 0, message.Length, signature));
            message[0] ^= 1;
            Assert.False(verifier.Verify(message, 0, message.Length, signature));
        }
    }

    [Fact]
    public void Constructor_PointNotOnCurve_Throws()
    {
        byte[] key = Rfc6979PublicKey();
        key[64] ^= 1;

        var error = Assert.Throws<ArgumentException>(() => new EcdsaP256Verifier(key));

        Assert.Contains("not on the P-256 curve", error.Message);
    }

    [Fact]
    public void Constructor_AllZeroPoint_Throws()
    {
        var key = new byte[65];
        key[0] = 0x04;

        Assert.Throws<ArgumentException>(() => new EcdsaP256Verifier(key));
    }

    [Fact]
    public void Constructor_CoordinateNotBelowPrime_Throws()
    {
        // x = p is congruent to 0; with y² = b mod p it would pass a curve check done modulo p alone.
        byte[] key = Rfc6979PublicKey();
        BigIntegerLimbs.ToBigEndian32(P).CopyTo(key, 1);

        var error = Assert.Throws<ArgumentException>(() => new EcdsaP256Verifier(key));

        Assert.Contains("not below the P-256 field prime", error.Message);
    }

    [Theory]
    [InlineData(0x02)]
    [InlineData(0x03)]
    [InlineData(0x00)]
    [InlineData(0x06)]
    public void Constructor_WrongPrefix_Throws(byte prefix)
    {
        byte[] key = Rfc6979PublicKey();
        key[0] = prefix;

        var error = Assert.Throws<ArgumentException>(() => new EcdsaP256Verifier(key));

        Assert.Contains("0x" + prefix.ToString("X2"), error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(33)]
    [InlineData(64)]
    [InlineData(66)]
    public void Constructor_WrongLength_Throws(int length)
    {
        byte[] full = Rfc6979PublicKey();
        var key = new byte[length];
        Array.Copy(full, key, Math.Min(length, full.Length));

        var error = Assert.Throws<ArgumentException>(() => new EcdsaP256Verifier(key));

        Assert.Contains(length + " bytes", error.Message);
    }

    [Fact]
    public void Constructor_NullKey_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => new EcdsaP256Verifier(null!));
    }

    [Fact]
    public void Incremental_OddChunks_MatchesOneShot()
    {
        var random = new Random(37);
        using ECDsa ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var verifier = new EcdsaP256Verifier(PublicKeyOf(ecdsa));
        byte[] message = RandomBytes(random, 10_007);
        byte[] signature = Sign(ecdsa, message);
        byte[] wrong = Sign(ecdsa, RandomBytes(random, 10));
        int[] chunkSizes = { 1, 3, 7, 13, 63, 64, 65, 127, 511, 1021 };

        foreach (byte[] candidate in new[] { signature, wrong })
        {
            verifier.BeginMessage();
            int offset = 0;
            for (int i = 0; offset < message.Length; i++)
            {
                int chunk = Math.Min(chunkSizes[i % chunkSizes.Length], message.Length - offset);
                verifier.AppendMessage(message, offset, chunk);
                offset += chunk;
            }

            bool incremental = verifier.EndMessage(candidate);
            bool oneShot = verifier.Verify(message, 0, message.Length, candidate);

            Assert.Equal(oneShot, incremental);
        }

        Assert.True(verifier.Verify(message, 0, message.Length, signature));
        Assert.False(verifier.Verify(message, 0, message.Length, wrong));
    }

    [Fact]
    public void Incremental_EmptyMessage_Verifies()
    {
        using ECDsa ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var verifier = new EcdsaP256Verifier(PublicKeyOf(ecdsa));
        byte[] signature = Sign(ecdsa, Array.Empty<byte>());

        verifier.BeginMessage();

        Assert.True(verifier.EndMessage(signature));
    }

    [Fact]
    public void AppendWithoutBegin_Throws()
    {
        var verifier = new EcdsaP256Verifier(Rfc6979PublicKey());

        Assert.Throws<InvalidOperationException>(() => verifier.AppendMessage(new byte[4], 0, 4));
        Assert.Throws<InvalidOperationException>(() => verifier.EndMessage(new byte[64]));
    }

    [Fact]
    public void EndMessage_ClosesTheMessage()
    {
        var verifier = new EcdsaP256Verifier(Rfc6979PublicKey());
        byte[] sample = Encoding.ASCII.GetBytes("sample");

        verifier.BeginMessage();
        verifier.AppendMessage(sample, 0, sample.Length);
        Assert.True(verifier.EndMessage(Convert.FromHexString(Rfc6979SampleR + Rfc6979SampleS)));

        Assert.Throws<InvalidOperationException>(() => verifier.AppendMessage(sample, 0, 1));
    }

    [Fact]
    public void VerifyDigest_AllocatesNothingAfterFirstCall()
    {
        var verifier = new EcdsaP256Verifier(Rfc6979PublicKey());
        byte[] digest = Convert.FromHexString("AF2BDBE1AA9B6EC1E2ADE1D694F41FC71A831D0268E9891562113D8A62ADD1BF");
        byte[] signature = Convert.FromHexString(Rfc6979SampleR + Rfc6979SampleS);
        byte[] wrong = (byte[])signature.Clone();
        wrong[10] ^= 1;
        Assert.True(verifier.VerifyDigest(digest, signature));

        long before = GC.GetAllocatedBytesForCurrentThread();
        bool valid = verifier.VerifyDigest(digest, signature);
        bool invalid = verifier.VerifyDigest(digest, wrong);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.True(valid);
        Assert.False(invalid);
    }

    [Fact]
    public void IncrementalVerify_AllocatesNothingAfterFirstCall()
    {
        var verifier = new EcdsaP256Verifier(Rfc6979PublicKey());
        byte[] sample = Encoding.ASCII.GetBytes("sample");
        byte[] signature = Convert.FromHexString(Rfc6979SampleR + Rfc6979SampleS);
        Assert.True(verifier.Verify(sample, 0, sample.Length, signature));

        long before = GC.GetAllocatedBytesForCurrentThread();
        verifier.BeginMessage();
        verifier.AppendMessage(sample, 0, 2);
        verifier.AppendMessage(sample, 2, 4);
        bool valid = verifier.EndMessage(signature);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.True(valid);
    }
}
