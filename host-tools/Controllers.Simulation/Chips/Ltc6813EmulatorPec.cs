namespace Controllers.Simulation.Chips;

/// <summary>
/// PEC of the LTC681x written bit by bit as the LTC6804-1 datasheet (Rev. C, "Packet Error Code", Figure 22)
/// describes the shift register, so that the emulator does not share code with the firmware's table-driven
/// <c>Pec15</c>.
/// </summary>
internal static class Ltc6813EmulatorPec
{
    /// <summary>Computes the 16-bit PEC word (15-bit CRC with a 0 appended) of <paramref name="length"/> bytes.</summary>
    public static ushort Compute(byte[] data, int offset, int length)
    {
        bool[] pec = new bool[15];
        pec[4] = true; // seed 000000000010000

        for (int i = 0; i < length; i++)
        {
            for (int bit = 7; bit >= 0; bit--)
            {
                bool din = ((data[offset + i] >> bit) & 1) != 0;
                bool in0 = din ^ pec[14];
                bool in3 = in0 ^ pec[2];
                bool in4 = in0 ^ pec[3];
                bool in7 = in0 ^ pec[6];
                bool in8 = in0 ^ pec[7];
                bool in10 = in0 ^ pec[9];
                bool in14 = in0 ^ pec[13];
                pec[14] = in14;
                pec[13] = pec[12];
                pec[12] = pec[11];
                pec[11] = pec[10];
                pec[10] = in10;
                pec[9] = pec[8];
                pec[8] = in8;
                pec[7] = in7;
                pec[6] = pec[5];
                pec[5] = pec[4];
                pec[4] = in4;
                pec[3] = in3;
                pec[2] = pec[1];
                pec[1] = pec[0];
                pec[0] = in0;
            }
        }

        int word = 0;
        for (int bit = 14; bit >= 0; bit--)
        {
            word = (word << 1) | (pec[bit] ? 1 : 0);
        }

        return (ushort)(word << 1);
    }

    /// <summary>True when the two bytes after the data hold its PEC.</summary>
    public static bool IsValid(byte[] data, int offset, int length)
    {
        ushort pec = Compute(data, offset, length);
        return data[offset + length] == (byte)(pec >> 8) && data[offset + length + 1] == (byte)pec;
    }

    /// <summary>Writes the PEC of the data into the two bytes after it.</summary>
    public static void Append(byte[] data, int offset, int length)
    {
        ushort pec = Compute(data, offset, length);
        data[offset + length] = (byte)(pec >> 8);
        data[offset + length + 1] = (byte)pec;
    }
}
