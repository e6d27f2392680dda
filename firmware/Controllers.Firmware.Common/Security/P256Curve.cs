namespace Controllers.Firmware.Common.Security
{
    /// <summary>
    /// Domain parameters of the curve secp256r1 (NIST P-256, prime256v1): y² = x³ - 3x + b over the
    /// prime field F_p, with base point G of prime order n and cofactor 1. The values are those of
    /// SEC 2 version 2.0 ("Recommended Elliptic Curve Domain Parameters"), section 2.4.2. Each array is
    /// eight 32-bit limbs, least significant first. The arguments of <see cref="UInt256.FromWords"/>
    /// are in the order SEC 2 prints the words.
    /// </summary>
    internal static class P256Curve
    {
        /// <summary>The field prime p = 2^256 - 2^224 + 2^192 + 2^96 - 1.</summary>
        public static readonly uint[] Prime = UInt256.FromWords(
            0xFFFFFFFF, 0x00000001, 0x00000000, 0x00000000, 0x00000000, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF);

        /// <summary>The order n of the base point G.</summary>
        public static readonly uint[] Order = UInt256.FromWords(
            0xFFFFFFFF, 0x00000000, 0xFFFFFFFF, 0xFFFFFFFF, 0xBCE6FAAD, 0xA7179E84, 0xF3B9CAC2, 0xFC632551);

        /// <summary>The curve coefficient b (the coefficient a is -3).</summary>
        public static readonly uint[] B = UInt256.FromWords(
            0x5AC635D8, 0xAA3A93E7, 0xB3EBBD55, 0x769886BC, 0x651D06B0, 0xCC53B0F6, 0x3BCE3C3E, 0x27D2604B);

        /// <summary>The x coordinate of the base point G.</summary>
        public static readonly uint[] GeneratorX = UInt256.FromWords(
            0x6B17D1F2, 0xE12C4247, 0xF8BCE6E5, 0x63A440F2, 0x77037D81, 0x2DEB33A0, 0xF4A13945, 0xD898C296);

        /// <summary>The y coordinate of the base point G.</summary>
        public static readonly uint[] GeneratorY = UInt256.FromWords(
            0x4FE342E2, 0xFE1A7F9B, 0x8EE7EB4A, 0x7C0F9E16, 0x2BCE3357, 0x6B315ECE, 0xCBB64068, 0x37BF51F5);
    }
}
