using System;
using System.Security.Cryptography;
using System.Text;
using Controllers.Firmware.Common.Diagnostics;
using Xunit;

namespace Controllers.Firmware.Common.Tests.Diagnostics;

/// <summary>The firmware SHA-256 and HMAC-SHA256 against FIPS 180-4 examples and the .NET implementations.</summary>
public class Sha256Tests
{
    private static byte[] Hash(byte[] message)
    {
        var sha = new Controllers.Firmware.Common.Diagnostics.Sha256();
        sha.Update(message, 0, message.Length);
        var digest = new byte[Controllers.Firmware.Common.Diagnostics.Sha256.HashSizeBytes];
        sha.Finish(digest, 0);
        return digest;
    }

    private static byte[] Pattern(int length)
    {
        var bytes = new byte[length];
        for (int i = 0; i < length; i++)
        {
            bytes[i] = (byte)(i * 31 + 7);
        }

        return bytes;
    }

    [Fact]
    public void Sha256_Abc_MatchesFips180Example()
    {
        byte[] digest = Hash(Encoding.ASCII.GetBytes("abc"));

        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Convert.ToHexStringLower(digest));
    }

    [Fact]
    public void Sha256_TwoBlockExample_MatchesFips180()
    {
        byte[] digest = Hash(Encoding.ASCII.GetBytes("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"));

        Assert.Equal("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1", Convert.ToHexStringLower(digest));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(55)]
    [InlineData(56)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(1000)]
    public void Sha256_MatchesDotNet(int length)
    {
        byte[] message = Pattern(length);

        Assert.Equal(SHA256.HashData(message), Hash(message));
    }

    [Fact]
    public void Sha256_UpdateInPieces_MatchesOneUpdate()
    {
        byte[] message = Pattern(200);
        var sha = new Controllers.Firmware.Common.Diagnostics.Sha256();
        sha.Update(message, 0, 3);
        sha.Update(message, 3, 100);
        sha.Update(message, 103, 97);
        var digest = new byte[32];
        sha.Finish(digest, 0);

        Assert.Equal(SHA256.HashData(message), digest);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(200)]
    [InlineData(4096)]
    public void Sha256_PiecesAtOffsets_MatchDotNet(int pieceLength)
    {
        // The message starts 5 bytes into the array, and pieces of pieceLength and pieceLength + 7 bytes
        // alternate, so whole blocks are read from the input at offsets that are not multiples of 64.
        byte[] buffer = Pattern(5 + 10_000);
        byte[] message = buffer[5..];
        var sha = new Controllers.Firmware.Common.Diagnostics.Sha256();
        int offset = 0;
        for (int i = 0; offset < message.Length; i++)
        {
            int length = Math.Min(i % 2 == 0 ? pieceLength : pieceLength + 7, message.Length - offset);
            sha.Update(buffer, 5 + offset, length);
            offset += length;
        }

        var digest = new byte[32];
        sha.Finish(digest, 0);

        Assert.Equal(SHA256.HashData(message), digest);
    }

    [Theory]
    [InlineData(0, 4)]
    [InlineData(16, 4)]
    [InlineData(32, 100)]
    [InlineData(64, 64)]
    [InlineData(65, 3)]
    [InlineData(131, 1000)]
    public void HmacSha256_MatchesDotNet(int keyLength, int messageLength)
    {
        byte[] key = Pattern(keyLength + 1)[1..];
        byte[] message = Pattern(messageLength);
        var hmac = new HmacSha256(key, 0, key.Length);
        var mac = new byte[32];

        hmac.Compute(message, 0, message.Length, mac, 0);

        Assert.Equal(HMACSHA256.HashData(key, message), mac);
    }

    [Fact]
    public void HmacSha256_RepeatedCompute_GivesSameResult()
    {
        byte[] key = Pattern(20);
        byte[] message = Pattern(4);
        var hmac = new HmacSha256(key, 0, key.Length);
        var first = new byte[32];
        var second = new byte[32];

        hmac.Compute(message, 0, message.Length, first, 0);
        hmac.Compute(message, 0, message.Length, second, 0);

        Assert.Equal(first, second);
        Assert.Equal(HMACSHA256.HashData(key, message), second);
    }
}
