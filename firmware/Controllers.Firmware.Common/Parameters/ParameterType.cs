namespace Controllers.Firmware.Common.Parameters
{
    /// <summary>
    /// Value types of a <see cref="ParameterDatabase"/> entry, as sent in the database descriptor (DID 0x3FFF).
    /// Every value travels as 32 bits: two's complement for <see cref="Int32"/>, <see cref="Enum"/> and
    /// <see cref="Bool"/>, IEEE 754 single precision for <see cref="Float32"/>.
    /// </summary>
    public static class ParameterType
    {
        /// <summary>Signed 32-bit integer; the physical value is the integer times the entry's scale.</summary>
        public const byte Int32 = 0;

        /// <summary>IEEE 754 single precision number in the entry's unit.</summary>
        public const byte Float32 = 1;

        /// <summary>Integer code of an enumeration, from the entry's minimum to its maximum.</summary>
        public const byte Enum = 2;

        /// <summary>0 (false) or 1 (true).</summary>
        public const byte Bool = 3;

        /// <summary>True for the types stored as integers.</summary>
        public static bool IsInteger(int type)
        {
            return type == Int32 || type == Enum || type == Bool;
        }
    }
}
