using System;
using Controllers.Firmware.Common.Can;
using Xunit;

namespace Controllers.Can.Tests;

public class CanFrameTests
{
    [Theory]
    [InlineData(0x7FFu, false)]
    [InlineData(0x1FFFFFFFu, true)]
    public void SetId_AcceptsLargestIdentifier(uint id, bool extended)
    {
        var frame = new CanFrame();

        frame.SetId(id, extended);

        Assert.Equal(id, frame.Id);
        Assert.Equal(extended, frame.IsExtended);
    }

    [Theory]
    [InlineData(0x800u, false)]
    [InlineData(0x20000000u, true)]
    public void SetId_RejectsIdentifierPastWidth(uint id, bool extended)
    {
        var frame = new CanFrame();

        Assert.Throws<ArgumentOutOfRangeException>(() => frame.SetId(id, extended));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(9)]
    public void Length_RejectsOutsideZeroToEight(int length)
    {
        var frame = new CanFrame();

        Assert.Throws<ArgumentOutOfRangeException>(() => frame.Length = length);
    }
}
