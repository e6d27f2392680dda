using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using Controllers.Firmware.Common.Diagnostics;

namespace Controllers.Firmware.Common.Tests.Diagnostics;

/// <summary>
/// A <see cref="UdsServer"/> in simulated time with test handlers for every optional service, and helpers
/// that send requests written as hex strings.
/// </summary>
internal sealed class UdsTestBench
{
    public const int VinIdentifier = 0xF190;
    public const int SettingIdentifier = 0x0100;
    public const int SecuredIdentifier = 0x0200;
    public const int WriteOnlyIdentifier = 0x0300;
    public const int LargeIdentifier = 0x0400;
    public const int FailingIdentifier = 0x0500;

    public const int QuickRoutine = 0xFF00;
    public const int LongRoutine = 0xFF01;
    public const int SecuredRoutine = 0x0202;
    public const int FailingRoutine = 0xFF02;

    public static readonly byte[] Secret = Convert.FromHexString("00112233445566778899AABBCCDDEEFF0F1E2D3C");

    public UdsTestBench(int storedFailedAttempts = 0)
    {
        Store.FailedAttempts = storedFailedAttempts;
        Server = new UdsServer(Clock)
        {
            ResetHandler = Reset,
            DataIdentifiers = new UdsDataIdentifierTable(8),
            Routines = new UdsRoutineTable(8),
            Dtcs = new DtcMemory(4),
            DownloadHandler = Download,
        };
        Server.ConfigureSecurity(Secret, 2, Random, Store);

        Data.Values[VinIdentifier] = "WVWZZZ1JZXW000001"u8.ToArray();
        Data.Values[SettingIdentifier] = [0x12, 0x34];
        Data.Values[SecuredIdentifier] = [0xDE, 0xAD, 0xBE, 0xEF];
        Data.Values[WriteOnlyIdentifier] = [0x00];
        Data.Values[LargeIdentifier] = new byte[100];
        for (int i = 0; i < 100; i++)
        {
            Data.Values[LargeIdentifier][i] = (byte)i;
        }

        Data.Values[FailingIdentifier] = [0x00];

        UdsDataIdentifierTable table = Server.DataIdentifiers!;
        table.Add(VinIdentifier, 17, true, false, UdsSession.AllMask, 0, Data);
        table.Add(SettingIdentifier, 2, true, true, UdsSession.AllMask, 0, Data);
        table.Add(SecuredIdentifier, 4, true, true, UdsSession.ExtendedMask, 0x01, Data);
        table.Add(WriteOnlyIdentifier, 1, false, true, UdsSession.AllMask, 0, Data);
        table.Add(LargeIdentifier, 100, true, false, UdsSession.AllMask, 0, Data);
        table.Add(FailingIdentifier, 1, true, false, UdsSession.AllMask, 0, Data);

        UdsRoutineTable routines = Server.Routines!;
        routines.Add(QuickRoutine, UdsSession.AllMask, 0, true, true, Routine);
        routines.Add(LongRoutine, UdsSession.AllMask, 0, false, false, Routine);
        routines.Add(SecuredRoutine, UdsSession.ExtendedMask, 0x01, false, false, Routine);
        routines.Add(FailingRoutine, UdsSession.AllMask, 0, false, false, Routine);

        DtcMemory dtcs = Server.Dtcs!;
        dtcs.Register(0x123456);
        dtcs.Register(0xABCDEF);
        dtcs.Register(0x010203);
    }

    public TestClock Clock { get; } = new(1_000_000);

    public UdsServer Server { get; }

    public TestResetHandler Reset { get; } = new();

    public TestRandomSource Random { get; } = new();

    public TestAttemptStore Store { get; } = new();

    public TestDataIdentifierHandler Data { get; } = new();

    public TestRoutineHandler Routine { get; } = new();

    public TestDownloadHandler Download { get; } = new();

    public static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", ""));

    /// <summary>Returns the first 4 bytes of HMAC-SHA256(secret, seed), computed with .NET.</summary>
    public static byte[] KeyFor(byte[] seed) => HMACSHA256.HashData(Secret, seed)[..4];

    /// <summary>Sends a request and returns the response, or null when the server sent none.</summary>
    public byte[]? Send(string hex) => Send(Hex(hex));

    public byte[]? Send(byte[] request)
    {
        Server.HandleRequest(request, request.Length);
        return TakeResponse();
    }

    /// <summary>Advances the clock, runs the server and returns the response it produced, if any.</summary>
    public byte[]? Advance(long durationMicroseconds)
    {
        Clock.Advance(durationMicroseconds);
        Server.Run(Clock.NowMicroseconds);
        return TakeResponse();
    }

    public byte[]? TakeResponse()
    {
        if (!Server.IsResponseAvailable)
        {
            return null;
        }

        var response = new byte[Server.ResponseLength];
        Server.ReadResponse(response, 0);
        return response;
    }

    /// <summary>Requests a seed for <paramref name="level"/> and sends the matching key.</summary>
    public byte[]? Unlock(int level = 0x01)
    {
        byte[] seedResponse = Send([0x27, (byte)level])!;
        byte[] key = KeyFor(seedResponse[2..6]);
        return Send([0x27, (byte)(level + 1), key[0], key[1], key[2], key[3]]);
    }

    public void EnterExtendedUnlocked()
    {
        Send("10 03");
        Unlock();
    }

    public void EnterProgrammingUnlocked()
    {
        Send("10 03");
        Send("10 02");
        Unlock();
    }
}

internal sealed class TestResetHandler : IUdsResetHandler
{
    public bool Allowed { get; set; } = true;

    public List<int> Resets { get; } = new();

    public bool IsResetAllowed(int resetType) => Allowed;

    public void Reset(int resetType) => Resets.Add(resetType);
}

internal sealed class TestRandomSource : IUdsRandomSource
{
    public uint Next { get; set; } = 0x11223344;

    public uint NextUInt32()
    {
        uint value = Next;
        Next += 0x01010101;
        return value;
    }
}

internal sealed class TestAttemptStore : IUdsSecurityAttemptStore
{
    public int FailedAttempts { get; set; }

    public int StoreCount { get; private set; }

    public int LoadFailedAttempts() => FailedAttempts;

    public void StoreFailedAttempts(int count)
    {
        FailedAttempts = count;
        StoreCount++;
    }
}

internal sealed class TestDataIdentifierHandler : IUdsDataIdentifierHandler
{
    public Dictionary<int, byte[]> Values { get; } = new();

    public byte Read(int identifier, byte[] destination, int offset)
    {
        if (identifier == UdsTestBench.FailingIdentifier)
        {
            return UdsNegativeResponseCode.ConditionsNotCorrect;
        }

        byte[] value = Values[identifier];
        Array.Copy(value, 0, destination, offset, value.Length);
        return UdsNegativeResponseCode.PositiveResponse;
    }

    public byte Write(int identifier, byte[] source, int offset, int length)
    {
        // 0xFF in the first byte is an invalid value for every identifier of the bench.
        if (source[offset] == 0xFF)
        {
            return UdsNegativeResponseCode.RequestOutOfRange;
        }

        Array.Copy(source, offset, Values[identifier], 0, length);
        return UdsNegativeResponseCode.PositiveResponse;
    }
}

internal sealed class TestRoutineHandler : IUdsRoutineHandler
{
    public bool LongRoutineDone { get; set; }

    /// <summary>Negative response code that the long routine ends with once done; 0 for success.</summary>
    public byte LongRoutineFailure { get; set; }

    public int PollCount { get; private set; }

    public byte Start(int identifier, byte[] options, int offset, int length, byte[] result, int resultOffset, out int resultLength)
    {
        resultLength = 0;
        if (identifier == UdsTestBench.LongRoutine)
        {
            return UdsNegativeResponseCode.ResponsePending;
        }

        if (identifier == UdsTestBench.FailingRoutine)
        {
            return UdsNegativeResponseCode.ConditionsNotCorrect;
        }

        // The quick routine echoes its option bytes with 0x00 (routine started) in front.
        result[resultOffset] = 0x00;
        Array.Copy(options, offset, result, resultOffset + 1, length);
        resultLength = 1 + length;
        return UdsNegativeResponseCode.PositiveResponse;
    }

    public byte Stop(int identifier, byte[] options, int offset, int length, byte[] result, int resultOffset, out int resultLength)
    {
        result[resultOffset] = 0x02;
        resultLength = 1;
        return UdsNegativeResponseCode.PositiveResponse;
    }

    public byte RequestResults(int identifier, byte[] result, int resultOffset, out int resultLength)
    {
        result[resultOffset] = 0xAA;
        resultLength = 1;
        return UdsNegativeResponseCode.PositiveResponse;
    }

    public byte Poll(int identifier, byte[] result, int resultOffset, out int resultLength)
    {
        PollCount++;
        resultLength = 0;
        if (!LongRoutineDone)
        {
            return UdsNegativeResponseCode.ResponsePending;
        }

        if (LongRoutineFailure != 0)
        {
            return LongRoutineFailure;
        }

        result[resultOffset] = 0x01;
        result[resultOffset + 1] = 0x02;
        resultLength = 2;
        return UdsNegativeResponseCode.PositiveResponse;
    }
}

internal sealed class TestDownloadHandler : IUdsDownloadHandler
{
    public uint StartAddress { get; private set; }

    public uint StartSize { get; private set; }

    public byte StartCode { get; set; }

    public byte WriteCode { get; set; }

    public byte FinishCode { get; set; }

    public int FinishCount { get; private set; }

    public List<(uint Address, byte[] Data)> Blocks { get; } = new();

    public byte StartDownload(uint address, uint size)
    {
        StartAddress = address;
        StartSize = size;
        return StartCode;
    }

    public byte WriteBlock(uint address, byte[] data, int offset, int length)
    {
        if (WriteCode != 0)
        {
            return WriteCode;
        }

        Blocks.Add((address, data[offset..(offset + length)]));
        return UdsNegativeResponseCode.PositiveResponse;
    }

    public byte FinishDownload()
    {
        FinishCount++;
        return FinishCode;
    }
}
