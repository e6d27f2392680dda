using System;

namespace Controllers.Firmware.Common.Diagnostics
{
    /// <summary>
    /// SHA-256 (FIPS 180-4), because the nanoFramework 1.x mscorlib has no hash functions. One instance
    /// hashes one message at a time: <see cref="Initialize"/>, any number of <see cref="Update"/> calls,
    /// then <see cref="Finish"/>. All working storage is allocated in the constructor.
    /// </summary>
    public sealed class Sha256
    {
        /// <summary>Length of a digest in bytes.</summary>
        public const int HashSizeBytes = 32;

        /// <summary>Length of the block that the compression function processes, in bytes.</summary>
        public const int BlockSizeBytes = 64;

        // Round constants: the first 32 bits of the fractional parts of the cube roots of the first 64 primes.
        private static readonly uint[] RoundConstants = new uint[]
        {
            0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
            0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
            0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
            0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
            0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
            0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
            0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
            0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
        };

        private readonly uint[] state = new uint[8];
        private readonly uint[] schedule = new uint[64];
        private readonly byte[] block = new byte[BlockSizeBytes];
        private int blockLength;
        private long messageLengthBytes;

        /// <summary>Creates a hasher that is ready for a new message.</summary>
        public Sha256()
        {
            Initialize();
        }

        /// <summary>Starts a new message and discards any input of the previous one.</summary>
        public void Initialize()
        {
            // Initial hash value: the first 32 bits of the fractional parts of the square roots of the first 8 primes.
            state[0] = 0x6a09e667;
            state[1] = 0xbb67ae85;
            state[2] = 0x3c6ef372;
            state[3] = 0xa54ff53a;
            state[4] = 0x510e527f;
            state[5] = 0x9b05688c;
            state[6] = 0x1f83d9ab;
            state[7] = 0x5be0cd19;
            blockLength = 0;
            messageLengthBytes = 0;
        }

        /// <summary>Appends <paramref name="length"/> bytes of <paramref name="data"/> to the message.</summary>
        public void Update(byte[] data, int offset, int length)
        {
            if (data == null)
            {
                throw new ArgumentNullException("data");
            }

            if (offset < 0 || length < 0 || offset > data.Length - length)
            {
                throw new ArgumentOutOfRangeException("length", "The offset and length must lie inside the data array.");
            }

            messageLengthBytes += length;
            int end = offset + length;

            // Complete a block left partly filled by the previous call.
            while (blockLength > 0 && offset < end)
            {
                block[blockLength] = data[offset];
                blockLength++;
                offset++;
                if (blockLength == BlockSizeBytes)
                {
                    Compress(block, 0);
                    blockLength = 0;
                }
            }

            // Whole blocks are compressed straight from the input, which saves the byte-by-byte copy.
            while (end - offset >= BlockSizeBytes)
            {
                Compress(data, offset);
                offset += BlockSizeBytes;
            }

            // Keep the remainder for the next call or for Finish.
            while (offset < end)
            {
                block[blockLength] = data[offset];
                blockLength++;
                offset++;
            }
        }

        /// <summary>
        /// Pads the message, writes the 32-byte digest to <paramref name="destination"/> at
        /// <paramref name="offset"/> and starts a new message.
        /// </summary>
        public void Finish(byte[] destination, int offset)
        {
            if (destination == null)
            {
                throw new ArgumentNullException("destination");
            }

            if (offset < 0 || offset > destination.Length - HashSizeBytes)
            {
                throw new ArgumentOutOfRangeException("offset", "The destination needs 32 bytes at this offset.");
            }

            long messageLengthBits = messageLengthBytes * 8;

            // Padding: a 1 bit, zeros up to 56 bytes into a block, then the message length in bits, big-endian.
            block[blockLength] = 0x80;
            blockLength++;
            if (blockLength > BlockSizeBytes - 8)
            {
                ClearBlockFrom(blockLength);
                Compress(block, 0);
                blockLength = 0;
            }

            ClearBlockFrom(blockLength);
            for (int i = 0; i < 8; i++)
            {
                block[BlockSizeBytes - 1 - i] = (byte)(messageLengthBits >> (8 * i));
            }

            Compress(block, 0);

            for (int i = 0; i < 8; i++)
            {
                uint word = state[i];
                destination[offset + 4 * i] = (byte)(word >> 24);
                destination[offset + 4 * i + 1] = (byte)(word >> 16);
                destination[offset + 4 * i + 2] = (byte)(word >> 8);
                destination[offset + 4 * i + 3] = (byte)word;
            }

            Initialize();
        }

        private void ClearBlockFrom(int start)
        {
            for (int i = start; i < BlockSizeBytes; i++)
            {
                block[i] = 0;
            }
        }

        // Processes the 64-byte block of source at offset.
        private void Compress(byte[] source, int offset)
        {
            uint[] w = schedule;
            for (int t = 0; t < 16; t++)
            {
                int i = offset + 4 * t;
                w[t] = ((uint)source[i] << 24) | ((uint)source[i + 1] << 16) | ((uint)source[i + 2] << 8) | source[i + 3];
            }

            for (int t = 16; t < 64; t++)
            {
                uint s0 = RotateRight(w[t - 15], 7) ^ RotateRight(w[t - 15], 18) ^ (w[t - 15] >> 3);
                uint s1 = RotateRight(w[t - 2], 17) ^ RotateRight(w[t - 2], 19) ^ (w[t - 2] >> 10);
                w[t] = w[t - 16] + s0 + w[t - 7] + s1;
            }

            uint a = state[0];
            uint b = state[1];
            uint c = state[2];
            uint d = state[3];
            uint e = state[4];
            uint f = state[5];
            uint g = state[6];
            uint h = state[7];

            for (int t = 0; t < 64; t++)
            {
                uint sum1 = RotateRight(e, 6) ^ RotateRight(e, 11) ^ RotateRight(e, 25);
                uint choose = (e & f) ^ (~e & g);
                uint temp1 = h + sum1 + choose + RoundConstants[t] + w[t];
                uint sum0 = RotateRight(a, 2) ^ RotateRight(a, 13) ^ RotateRight(a, 22);
                uint majority = (a & b) ^ (a & c) ^ (b & c);
                uint temp2 = sum0 + majority;

                h = g;
                g = f;
                f = e;
                e = d + temp1;
                d = c;
                c = b;
                b = a;
                a = temp1 + temp2;
            }

            state[0] += a;
            state[1] += b;
            state[2] += c;
            state[3] += d;
            state[4] += e;
            state[5] += f;
            state[6] += g;
            state[7] += h;
        }

        private static uint RotateRight(uint value, int count)
        {
            return (value >> count) | (value << (32 - count));
        }
    }
}
