using System;

namespace Controllers.Firmware.Common.Diagnostics
{
    /// <summary>
    /// HMAC-SHA256 (RFC 2104) with a key fixed at construction. The padded inner and outer keys are
    /// computed once, and <see cref="Compute"/> allocates nothing.
    /// </summary>
    public sealed class HmacSha256
    {
        private const byte InnerPad = 0x36;
        private const byte OuterPad = 0x5c;

        private readonly Sha256 sha = new Sha256();
        private readonly byte[] innerKey = new byte[Sha256.BlockSizeBytes];
        private readonly byte[] outerKey = new byte[Sha256.BlockSizeBytes];
        private readonly byte[] innerHash = new byte[Sha256.HashSizeBytes];

        /// <summary>
        /// Creates an HMAC with <paramref name="length"/> key bytes. A key longer than the 64-byte block
        /// is replaced by its SHA-256 digest, as RFC 2104 specifies.
        /// </summary>
        public HmacSha256(byte[] key, int offset, int length)
        {
            if (key == null)
            {
                throw new ArgumentNullException("key");
            }

            if (offset < 0 || length < 0 || offset > key.Length - length)
            {
                throw new ArgumentOutOfRangeException("length", "The offset and length must lie inside the key array.");
            }

            byte[] paddedKey = new byte[Sha256.BlockSizeBytes];
            if (length > Sha256.BlockSizeBytes)
            {
                sha.Update(key, offset, length);
                sha.Finish(paddedKey, 0);
            }
            else
            {
                Array.Copy(key, offset, paddedKey, 0, length);
            }

            for (int i = 0; i < Sha256.BlockSizeBytes; i++)
            {
                innerKey[i] = (byte)(paddedKey[i] ^ InnerPad);
                outerKey[i] = (byte)(paddedKey[i] ^ OuterPad);
            }
        }

        /// <summary>
        /// Writes HMAC(key, message) for <paramref name="length"/> bytes of <paramref name="message"/> to
        /// 32 bytes of <paramref name="destination"/> at <paramref name="destinationOffset"/>.
        /// </summary>
        public void Compute(byte[] message, int offset, int length, byte[] destination, int destinationOffset)
        {
            sha.Initialize();
            sha.Update(innerKey, 0, Sha256.BlockSizeBytes);
            sha.Update(message, offset, length);
            sha.Finish(innerHash, 0);

            sha.Update(outerKey, 0, Sha256.BlockSizeBytes);
            sha.Update(innerHash, 0, Sha256.HashSizeBytes);
            sha.Finish(destination, destinationOffset);
        }
    }
}
