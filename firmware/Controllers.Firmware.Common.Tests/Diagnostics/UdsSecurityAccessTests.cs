using System.Linq;
using Controllers.Firmware.Common.Diagnostics;
using Xunit;
using static Controllers.Firmware.Common.Tests.Diagnostics.UdsTestBench;

namespace Controllers.Firmware.Common.Tests.Diagnostics;

/// <summary>SecurityAccess seeds, HMAC keys, the failed attempt counter and the delay in simulated time.</summary>
public class UdsSecurityAccessTests
{
    private readonly UdsTestBench bench = new();

    private static byte[] SendKeyRequest(int subFunction, byte[] key) => new byte[] { 0x27, (byte)subFunction }.Concat(key).ToArray();

    private byte[]? SendWrongKey()
    {
        bench.Send("27 01");
        return bench.Send("27 02 00 00 00 00");
    }

    [Fact]
    public void SecurityAccess_DefaultSession_NotInActiveSession()
    {
        Assert.Equal(Hex("7F 27 7F"), bench.Send("27 01"));
    }

    [Fact]
    public void RequestSeed_ReturnsRandomSeed()
    {
        bench.Send("10 03");

        Assert.Equal(Hex("67 01 11 22 33 44"), bench.Send("27 01"));
    }

    [Fact]
    public void SendKey_HmacKey_Unlocks()
    {
        bench.Send("10 03");
        bench.Send("27 01");
        byte[] key = KeyFor(Hex("11 22 33 44"));

        Assert.Equal(Hex("67 02"), bench.Send(SendKeyRequest(0x02, key)));
        Assert.Equal(0x01, bench.Server.UnlockedSecurityLevel);
    }

    [Fact]
    public void RequestSeed_WhenUnlocked_ReturnsZeroSeed()
    {
        bench.EnterExtendedUnlocked();

        Assert.Equal(Hex("67 01 00 00 00 00"), bench.Send("27 01"));
    }

    [Fact]
    public void SecondLevel_UsesSubFunctions3And4()
    {
        bench.Send("10 03");

        Assert.Equal(Hex("67 04"), bench.Unlock(0x03));
        Assert.Equal(0x03, bench.Server.UnlockedSecurityLevel);
    }

    [Fact]
    public void RandomZero_SeedIsNotZero()
    {
        bench.Send("10 03");
        bench.Random.Next = 0;

        Assert.Equal(Hex("67 01 00 00 00 01"), bench.Send("27 01"));
    }

    [Theory]
    [InlineData("27", "7F 27 13")]
    [InlineData("27 00", "7F 27 12")]
    [InlineData("27 05", "7F 27 12")]
    [InlineData("27 7F", "7F 27 12")]
    [InlineData("27 02 00 00 00", "7F 27 13")]
    [InlineData("27 02 00 00 00 00 00", "7F 27 13")]
    public void SecurityAccess_InvalidRequests(string request, string expected)
    {
        bench.Send("10 03");

        Assert.Equal(Hex(expected), bench.Send(request));
    }

    [Fact]
    public void SendKey_WithoutSeed_RequestSequenceError()
    {
        bench.Send("10 03");

        Assert.Equal(Hex("7F 27 24"), bench.Send("27 02 00 00 00 00"));
    }

    [Fact]
    public void SendKey_ForOtherLevel_RequestSequenceError()
    {
        bench.Send("10 03");
        bench.Send("27 01");

        Assert.Equal(Hex("7F 27 24"), bench.Send("27 04 00 00 00 00"));
    }

    [Fact]
    public void SendKey_WrongKey_InvalidKeyAndSeedUsedUp()
    {
        bench.Send("10 03");
        bench.Send("27 01");

        Assert.Equal(Hex("7F 27 35"), bench.Send("27 02 00 00 00 00"));
        Assert.Equal(1, bench.Server.FailedSecurityAttempts);
        Assert.Equal(1, bench.Store.FailedAttempts);

        byte[] key = KeyFor(Hex("11 22 33 44"));
        Assert.Equal(Hex("7F 27 24"), bench.Send(SendKeyRequest(0x02, key)));
        Assert.Equal(0, bench.Server.UnlockedSecurityLevel);
    }

    [Fact]
    public void ThirdWrongKey_LocksOutForDelay()
    {
        bench.Send("10 03");

        Assert.Equal(Hex("7F 27 35"), SendWrongKey());
        Assert.Equal(Hex("7F 27 35"), SendWrongKey());
        Assert.Equal(Hex("7F 27 36"), SendWrongKey());
        Assert.Equal(3, bench.Store.FailedAttempts);

        Assert.Equal(Hex("7F 27 37"), bench.Send("27 01"));
        Assert.Equal(Hex("7F 27 37"), bench.Send("27 02 00 00 00 00"));

        // TesterPresent keeps the extended session open through the 10 s delay.
        for (int i = 0; i < 9; i++)
        {
            bench.Advance(1_000_000);
            bench.Send("3E 80");
        }

        bench.Advance(999_999);
        Assert.Equal(Hex("7F 27 37"), bench.Send("27 01"));

        bench.Advance(1);
        Assert.Equal(Hex("67 01"), bench.Send("27 01")![..2]);
    }

    [Fact]
    public void WrongKeyAfterDelay_StartsDelayAgain()
    {
        bench.Send("10 03");
        SendWrongKey();
        SendWrongKey();
        SendWrongKey();
        bench.Advance(4_000_000);
        bench.Send("3E 80");
        bench.Advance(4_000_000);
        bench.Send("3E 80");
        bench.Advance(2_000_000);

        Assert.Equal(Hex("7F 27 36"), SendWrongKey());
        Assert.Equal(4, bench.Store.FailedAttempts);
        Assert.Equal(Hex("7F 27 37"), bench.Send("27 01"));
    }

    [Fact]
    public void CorrectKey_ResetsAttemptCounter()
    {
        bench.Send("10 03");
        SendWrongKey();
        SendWrongKey();

        Assert.Equal(Hex("67 02"), bench.Unlock());
        Assert.Equal(0, bench.Server.FailedSecurityAttempts);
        Assert.Equal(0, bench.Store.FailedAttempts);
    }

    [Fact]
    public void StoredAttempts_DelayAtPowerUp()
    {
        var restarted = new UdsTestBench(storedFailedAttempts: 1);
        restarted.Send("10 03");

        Assert.Equal(Hex("7F 27 37"), restarted.Send("27 01"));

        restarted.Advance(4_000_000);
        restarted.Send("3E 80");
        restarted.Advance(4_000_000);
        restarted.Send("3E 80");
        restarted.Advance(2_000_000);
        Assert.Equal(Hex("67 02"), restarted.Unlock());
        Assert.Equal(0, restarted.Store.FailedAttempts);
    }

    [Fact]
    public void NoStoredAttempts_NoDelayAtPowerUp()
    {
        bench.Send("10 03");

        Assert.Equal(Hex("67 02"), bench.Unlock());
        Assert.Equal(0, bench.Store.StoreCount);
    }

    [Fact]
    public void SessionChange_LocksSecurity()
    {
        bench.EnterExtendedUnlocked();

        bench.Send("10 03");

        Assert.Equal(0, bench.Server.UnlockedSecurityLevel);
    }

    [Fact]
    public void SecurityAccess_NotConfigured_ServiceNotSupported()
    {
        var server = new UdsServer(new TestClock());
        server.HandleRequest(Hex("10 03"), 2);
        server.ReadResponse(new byte[8], 0);

        server.HandleRequest(Hex("27 01"), 2);

        var response = new byte[server.ResponseLength];
        server.ReadResponse(response, 0);
        Assert.Equal(Hex("7F 27 11"), response);
    }
}
