using System;
using Controllers.Firmware.Common.Diagnostics;
using Xunit;

namespace Controllers.Firmware.Common.Tests.Diagnostics;

/// <summary>Argument checks of the data identifier table, the routine table and the DTC memory.</summary>
public class UdsTableTests
{
    private readonly TestDataIdentifierHandler data = new();
    private readonly TestRoutineHandler routine = new();

    [Fact]
    public void DataIdentifierTable_RejectsInvalidEntries()
    {
        var table = new UdsDataIdentifierTable(2);
        table.Add(0x0100, 2, true, false, UdsSession.AllMask, 0, data);

        Assert.Throws<ArgumentException>(() => table.Add(0x0100, 2, true, false, UdsSession.AllMask, 0, data));
        Assert.Throws<ArgumentOutOfRangeException>(() => table.Add(0x10000, 2, true, false, UdsSession.AllMask, 0, data));
        Assert.Throws<ArgumentOutOfRangeException>(() => table.Add(0x0200, 0, true, false, UdsSession.AllMask, 0, data));
        Assert.Throws<ArgumentOutOfRangeException>(() => table.Add(0x0200, 4093, true, false, UdsSession.AllMask, 0, data));
        Assert.Throws<ArgumentNullException>(() => table.Add(0x0200, 2, true, false, UdsSession.AllMask, 0, null!));

        table.Add(0x0200, 4092, true, false, UdsSession.AllMask, 0, data);
        Assert.Throws<InvalidOperationException>(() => table.Add(0x0300, 2, true, false, UdsSession.AllMask, 0, data));
        Assert.Equal(2, table.Count);
        Assert.Equal(1, table.IndexOf(0x0200));
        Assert.Equal(-1, table.IndexOf(0x0300));
    }

    [Fact]
    public void RoutineTable_RejectsInvalidEntries()
    {
        var table = new UdsRoutineTable(1);
        table.Add(0xFF00, UdsSession.AllMask, 0, true, true, routine);

        Assert.Throws<InvalidOperationException>(() => table.Add(0xFF01, UdsSession.AllMask, 0, true, true, routine));
        Assert.Throws<ArgumentOutOfRangeException>(() => new UdsRoutineTable(0));
        Assert.Equal(0, table.IndexOf(0xFF00));
    }

    [Fact]
    public void DtcMemory_RejectsInvalidNumbers()
    {
        var memory = new DtcMemory(2);
        memory.Register(0x123456);

        Assert.Throws<ArgumentException>(() => memory.Register(0x123456));
        Assert.Throws<ArgumentException>(() => memory.Register(DtcMemory.AllGroups));
        Assert.Throws<ArgumentOutOfRangeException>(() => memory.Register(0x1000000));
        Assert.Throws<ArgumentOutOfRangeException>(() => memory.StatusAt(1));

        memory.Register(0x000001);
        Assert.Throws<InvalidOperationException>(() => memory.Register(0x000002));
    }

    [Fact]
    public void ConfigureSecurity_RejectsInvalidArguments()
    {
        var server = new UdsServer(new TestClock());
        var random = new TestRandomSource();
        var store = new TestAttemptStore();

        Assert.Throws<ArgumentException>(() => server.ConfigureSecurity(new byte[15], 1, random, store));
        Assert.Throws<ArgumentOutOfRangeException>(() => server.ConfigureSecurity(new byte[16], 0, random, store));
        Assert.Throws<ArgumentOutOfRangeException>(() => server.ConfigureSecurity(new byte[16], 33, random, store));
        Assert.Throws<ArgumentNullException>(() => server.ConfigureSecurity(new byte[16], 1, null!, store));
    }
}
