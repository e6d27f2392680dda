using System;
using System.Collections.Generic;
using Controllers.Firmware.Common.Hal;

namespace Controllers.Firmware.Common.Tests.Can;

/// <summary>
/// SPI fake that records the bytes of each chip-select cycle and answers every clocked byte after the first
/// two with <see cref="ResponseByte"/>.
/// </summary>
internal sealed class Mcp2515RecordingSpi : ISpiBus
{
    public List<byte[]> Transfers { get; } = new();

    /// <summary>Byte returned on SO for clocked bytes from index 1 on (READ STATUS answers at index 1).</summary>
    public byte ResponseByte { get; set; }

    public void Transfer(byte[] write, byte[]? read, int length)
    {
        Transfers.Add(write.AsSpan(0, length).ToArray());
        if (read != null)
        {
            read[0] = 0;
            for (int i = 1; i < length; i++)
            {
                read[i] = ResponseByte;
            }
        }
    }
}
