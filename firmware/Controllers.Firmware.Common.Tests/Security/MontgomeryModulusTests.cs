using System;
using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using Controllers.Firmware.Common.Security;
using Xunit;

namespace Controllers.Firmware.Common.Tests.Security;

/// <summary>
/// The modular arithmetic modulo the P-256 prime p and order n against System.Numerics.BigInteger, and
/// the curve constants against SEC 2 and .NET's own copy of the curve.
/// </summary>
public class MontgomeryModulusTests
{
    // SEC 2 version 2.0, section 2.4.2 (secp256r1).
    private static readonly BigInteger P = Hex("FFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFF");
    private static readonly BigInteger N = Hex("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551");
    private static readonly BigInteger B = Hex("5AC635D8AA3A93E7B3EBBD55769886BC651D06B0CC53B0F63BCE3C3E27D2604B");
    private static readonly BigInteger Gx = Hex("6B17D1F2E12C4247F8BCE6E563A440F277037D812DEB33A0F4A13945D898C296");
    private static readonly BigInteger Gy = Hex("4FE342E2FE1A7F9B8EE7EB4A7C0F9E162BCE33576B315ECECBB6406837BF51F5");

    private static readonly BigInteger R = BigInteger.One << 256;

    private const int RandomCases = 200;

    public static TheoryData<string> Moduli => new() { "p", "n" };

    private static BigInteger Hex(string digits)
    {
        return BigInteger.Parse("0" + digits, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
    }

    private static BigInteger Modulus(string name)
    {
        return name == "p" ? P : N;
    }

    private static MontgomeryModulus Arithmetic(string name)
    {
        return new MontgomeryModulus(name == "p" ? P256Curve.Prime : P256Curve.Order);
    }

    private static uint[] L(BigInteger value)
    {
        return BigIntegerLimbs.FromBigInteger(value);
    }

    private static BigInteger V(uint[] limbs)
    {
        return BigIntegerLimbs.ToBigInteger(limbs);
    }

    [Fact]
    public void CurveConstants_MatchSec2()
    {
        Assert.Equal(P, V(P256Curve.Prime));
        Assert.Equal(N, V(P256Curve.Order));
        Assert.Equal(B, V(P256Curve.B));
        Assert.Equal(Gx, V(P256Curve.GeneratorX));
        Assert.Equal(Gy, V(P256Curve.GeneratorY));
    }

    [Fact]
    public void CurveConstants_MatchDotNetExplicitParameters()
    {
        using ECDsa ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        ECCurve curve = ecdsa.ExportExplicitParameters(false).Curve;

        Assert.Equal(BigIntegerLimbs.FromBigEndian(curve.Prime), V(P256Curve.Prime));
        Assert.Equal(BigIntegerLimbs.FromBigEndian(curve.Order), V(P256Curve.Order));
        Assert.Equal(BigIntegerLimbs.FromBigEndian(curve.B), V(P256Curve.B));
        Assert.Equal(BigIntegerLimbs.FromBigEndian(curve.A), P - 3);
        Assert.Equal(BigIntegerLimbs.FromBigEndian(curve.G.X), V(P256Curve.GeneratorX));
        Assert.Equal(BigIntegerLimbs.FromBigEndian(curve.G.Y), V(P256Curve.GeneratorY));
    }

    [Fact]
    public void Generator_LiesOnCurve()
    {
        // y² = x³ - 3x + b (mod p), checked with BigInteger alone.
        BigInteger left = Gy * Gy % P;
        BigInteger right = ((Gx * Gx * Gx - 3 * Gx + B) % P + P) % P;

        Assert.Equal(right, left);
    }

    [Theory]
    [MemberData(nameof(Moduli))]
    public void Multiply_RandomOperands_MatchesBigInteger(string name)
    {
        BigInteger m = Modulus(name);
        MontgomeryModulus arithmetic = Arithmetic(name);
        BigInteger rInverse = BigInteger.ModPow(R, m - 2, m);
        var random = new Random(6979);
        var result = new uint[8];

        for (int i = 0; i < RandomCases; i++)
        {
            BigInteger a = BigIntegerLimbs.Random(random, m);
            BigInteger b = BigIntegerLimbs.Random(random, m);

            arithmetic.Multiply(result, L(a), L(b));

            Assert.Equal(a * b * rInverse % m, V(result));
        }
    }

    [Theory]
    [MemberData(nameof(Moduli))]
    public void MultiplyInMontgomeryForm_RoundTripsToPlainProduct(string name)
    {
        BigInteger m = Modulus(name);
        MontgomeryModulus arithmetic = Arithmetic(name);
        var random = new Random(256);
        var a = new uint[8];
        var b = new uint[8];

        for (int i = 0; i < RandomCases; i++)
        {
            BigInteger x = BigIntegerLimbs.Random(random, m);
            BigInteger y = BigIntegerLimbs.Random(random, m);

            arithmetic.ToMontgomery(a, L(x));
            arithmetic.ToMontgomery(b, L(y));
            Assert.Equal(x * R % m, V(a));

            arithmetic.Multiply(a, a, b);
            arithmetic.FromMontgomery(a, a);

            Assert.Equal(x * y % m, V(a));
        }
    }

    [Theory]
    [MemberData(nameof(Moduli))]
    public void Square_RandomOperands_MatchesBigInteger(string name)
    {
        BigInteger m = Modulus(name);
        MontgomeryModulus arithmetic = Arithmetic(name);
        BigInteger rInverse = BigInteger.ModPow(R, m - 2, m);
        var random = new Random(1363);
        var result = new uint[8];

        for (int i = 0; i < RandomCases; i++)
        {
            BigInteger a = BigIntegerLimbs.Random(random, m);

            arithmetic.Square(result, L(a));

            Assert.Equal(a * a * rInverse % m, V(result));
        }
    }

    [Theory]
    [MemberData(nameof(Moduli))]
    public void Invert_RandomOperands_MatchesModPow(string name)
    {
        BigInteger m = Modulus(name);
        MontgomeryModulus arithmetic = Arithmetic(name);
        var random = new Random(186);
        var value = new uint[8];

        for (int i = 0; i < 40; i++)
        {
            BigInteger a = BigIntegerLimbs.Random(random, m - 1) + 1;

            arithmetic.ToMontgomery(value, L(a));
            arithmetic.Invert(value, value);
            arithmetic.FromMontgomery(value, value);

            // Fermat: a^(m-2) = a⁻¹ for prime m; the product check is independent of ModPow.
            Assert.Equal(BigInteger.ModPow(a, m - 2, m), V(value));
            Assert.Equal(BigInteger.One, a * V(value) % m);
        }
    }

    [Theory]
    [MemberData(nameof(Moduli))]
    public void Invert_One_IsOne(string name)
    {
        MontgomeryModulus arithmetic = Arithmetic(name);
        var value = new uint[8];

        arithmetic.ToMontgomery(value, L(BigInteger.One));
        arithmetic.Invert(value, value);
        arithmetic.FromMontgomery(value, value);

        Assert.Equal(BigInteger.One, V(value));
    }

    [Theory]
    [MemberData(nameof(Moduli))]
    public void Reduce_ValuesNearModulus_MatchesBigInteger(string name)
    {
        BigInteger m = Modulus(name);
        MontgomeryModulus arithmetic = Arithmetic(name);
        BigInteger[] values =
        {
            BigInteger.Zero, BigInteger.One, m - 2, m - 1, m, m + 1, m + 2, R - 1, R - 2, R - m, R - m - 1,
            m + (R - m) / 2,
        };
        var result = new uint[8];

        foreach (BigInteger value in values)
        {
            arithmetic.Reduce(result, L(value));

            Assert.Equal(value % m, V(result));
        }
    }

    [Theory]
    [MemberData(nameof(Moduli))]
    public void AddAndSubtract_OperandsNearModulus_MatchBigInteger(string name)
    {
        BigInteger m = Modulus(name);
        MontgomeryModulus arithmetic = Arithmetic(name);
        BigInteger[] operands = { BigInteger.Zero, BigInteger.One, 2, m / 2, m / 2 + 1, m - 2, m - 1, R - m };
        var result = new uint[8];

        foreach (BigInteger a in operands)
        {
            foreach (BigInteger b in operands)
            {
                arithmetic.Add(result, L(a), L(b));
                Assert.Equal((a + b) % m, V(result));

                arithmetic.Subtract(result, L(a), L(b));
                Assert.Equal(((a - b) % m + m) % m, V(result));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Moduli))]
    public void Multiply_LargestOperands_MatchesBigInteger(string name)
    {
        BigInteger m = Modulus(name);
        MontgomeryModulus arithmetic = Arithmetic(name);
        BigInteger rInverse = BigInteger.ModPow(R, m - 2, m);
        BigInteger[] operands = { BigInteger.Zero, BigInteger.One, m - 1, m - 2, R - m, (R - m) - 1 };
        var result = new uint[8];

        foreach (BigInteger a in operands)
        {
            foreach (BigInteger b in operands)
            {
                arithmetic.Multiply(result, L(a), L(b));

                Assert.Equal(a * b * rInverse % m, V(result));
            }
        }
    }

    [Fact]
    public void Constructor_EvenModulus_Throws()
    {
        uint[] even = L(P - 1);

        var error = Assert.Throws<ArgumentException>(() => new MontgomeryModulus(even));

        Assert.Contains("odd", error.Message);
    }
}
