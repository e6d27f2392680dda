using System;
using Controllers.Firmware.Common.Diagnostics;

namespace Controllers.Firmware.Common.Security
{
    /// <summary>
    /// ECDSA signature verification on the curve P-256 (secp256r1) with SHA-256, for one public key
    /// fixed at construction. The ECDSA verification steps with a 256-bit digest are: r and s in
    /// [1, n-1], e = digest mod n, w = s⁻¹ mod n, u1 = e·w, u2 = r·w, R = u1·G + u2·Q, and the
    /// signature is valid when R is not the point at infinity and R.x mod n = r.
    /// </summary>
    /// <remarks>
    /// All working storage, including a table of the 15 combinations i·G + j·Q for i, j in 0..3, is
    /// allocated in the constructor, so no Verify method allocates. The double-scalar multiplication
    /// takes the two scalars two bits at a time (Shamir's trick with a 2-bit window): 256 doublings
    /// and at most 128 additions. The running time depends on the signature and the digest; that leaks
    /// nothing because both are public. One instance must not be used by two threads at once.
    /// </remarks>
    public sealed class EcdsaP256Verifier
    {
        /// <summary>Length of an uncompressed SEC1 public key: 0x04, then X and Y as 32 big-endian bytes each.</summary>
        public const int PublicKeyLength = 65;

        /// <summary>Length of an IEEE P1363 signature: r and s as 32 big-endian bytes each.</summary>
        public const int SignatureLength = 64;

        private const byte UncompressedPointPrefix = 0x04;
        private const int WindowBits = 2;
        private const int TableSize = 1 << (2 * WindowBits);

        private readonly P256PointArithmetic points = new P256PointArithmetic();
        private readonly MontgomeryModulus scalars = new MontgomeryModulus(P256Curve.Order);

        // table[4·i + j] = i·G + j·Q in affine coordinates. Entry 0 is the point at infinity.
        private readonly AffinePoint[] table = new AffinePoint[TableSize];

        private readonly JacobianPoint accumulator = new JacobianPoint();
        private readonly uint[] r = new uint[UInt256.LimbCount];
        private readonly uint[] s = new uint[UInt256.LimbCount];
        private readonly uint[] e = new uint[UInt256.LimbCount];
        private readonly uint[] w = new uint[UInt256.LimbCount];
        private readonly uint[] u1 = new uint[UInt256.LimbCount];
        private readonly uint[] u2 = new uint[UInt256.LimbCount];
        private readonly uint[] x = new uint[UInt256.LimbCount];

        private readonly Sha256 sha = new Sha256();
        private readonly byte[] digest = new byte[Sha256.HashSizeBytes];
        private bool messageStarted;

        /// <summary>
        /// Creates a verifier for <paramref name="publicKey"/>, an uncompressed SEC1 point
        /// (0x04 || X || Y, 65 bytes). These are the last 65 bytes of the DER file that
        /// <c>openssl ec -pubout -conv_form uncompressed -outform DER</c> writes.
        /// </summary>
        /// <exception cref="ArgumentException">The key is not 65 bytes, does not start with 0x04, has a
        /// coordinate not below p, or is not a point on P-256.</exception>
        public EcdsaP256Verifier(byte[] publicKey)
        {
            if (publicKey == null)
            {
                throw new ArgumentNullException("publicKey");
            }

            if (publicKey.Length != PublicKeyLength)
            {
                throw new ArgumentException("Invalid public key length: " + publicKey.Length.ToString() + " bytes. An uncompressed P-256 point (0x04 || X || Y) is 65 bytes.", "publicKey");
            }

            if (publicKey[0] != UncompressedPointPrefix)
            {
                throw new ArgumentException("Invalid public key prefix 0x" + publicKey[0].ToString("X2") + ". Only the uncompressed form, which starts with 0x04, is accepted. Convert the key with openssl ec -pubout -conv_form uncompressed.", "publicKey");
            }

            AffinePoint generator = new AffinePoint();
            MontgomeryModulus field = points.Field;
            field.ToMontgomery(generator.X, P256Curve.GeneratorX);
            field.ToMontgomery(generator.Y, P256Curve.GeneratorY);
            generator.IsInfinity = false;

            AffinePoint key = new AffinePoint();
            UInt256.FromBigEndian(publicKey, 1, key.X);
            UInt256.FromBigEndian(publicKey, 1 + UInt256.ByteCount, key.Y);
            if (!field.IsReduced(key.X) || !field.IsReduced(key.Y))
            {
                throw new ArgumentException("Invalid public key: a coordinate is not below the P-256 field prime p, so the key is not a P-256 point.", "publicKey");
            }

            field.ToMontgomery(key.X, key.X);
            field.ToMontgomery(key.Y, key.Y);
            key.IsInfinity = false;

            // The point at infinity has no uncompressed encoding, and (0, 0) is not on the curve, so
            // this check also rejects it. P-256 has cofactor 1, so every point on it has order n.
            if (!points.IsOnCurve(key.X, key.Y))
            {
                throw new ArgumentException("Invalid public key: the point is not on the P-256 curve (y² ≠ x³ - 3x + b mod p). Check that the key is a P-256 (prime256v1) key.", "publicKey");
            }

            BuildTable(generator, key);
        }

        /// <summary>
        /// Returns whether <paramref name="signature"/> (r || s, 64 bytes, IEEE P1363) is a valid
        /// signature of the message whose SHA-256 digest is <paramref name="sha256Digest"/>. A signature
        /// that is null, not 64 bytes long, or has r or s outside [1, n-1] returns false.
        /// </summary>
        /// <exception cref="ArgumentException">The digest is not 32 bytes long.</exception>
        public bool VerifyDigest(byte[] sha256Digest, byte[] signature)
        {
            if (sha256Digest == null)
            {
                throw new ArgumentNullException("sha256Digest");
            }

            if (sha256Digest.Length != Sha256.HashSizeBytes)
            {
                throw new ArgumentException("Invalid digest length: " + sha256Digest.Length.ToString() + " bytes. A SHA-256 digest is 32 bytes long.", "sha256Digest");
            }

            if (signature == null || signature.Length != SignatureLength)
            {
                return false;
            }

            UInt256.FromBigEndian(signature, 0, r);
            UInt256.FromBigEndian(signature, UInt256.ByteCount, s);
            if (UInt256.IsZero(r) || !scalars.IsReduced(r) || UInt256.IsZero(s) || !scalars.IsReduced(s))
            {
                return false;
            }

            // e is the digest as a big-endian integer; the digest and n are both 256 bits long.
            UInt256.FromBigEndian(sha256Digest, 0, e);
            scalars.Reduce(e, e);

            // w = s⁻¹·R in Montgomery form, so a Montgomery product with a plain value gives a plain result.
            scalars.ToMontgomery(w, s);
            scalars.Invert(w, w);
            scalars.Multiply(u1, e, w);
            scalars.Multiply(u2, r, w);

            ComputeJointMultiple(u1, u2);
            if (accumulator.IsInfinity)
            {
                return false;
            }

            // x < p < 2n, so one conditional subtraction gives x mod n.
            points.GetAffineX(accumulator, x);
            scalars.Reduce(x, x);
            return UInt256.Compare(x, r) == 0;
        }

        /// <summary>
        /// Returns whether <paramref name="signature"/> is a valid signature of <paramref name="length"/>
        /// bytes of <paramref name="message"/> at <paramref name="offset"/>. Cancels any message started
        /// with <see cref="BeginMessage"/>.
        /// </summary>
        public bool Verify(byte[] message, int offset, int length, byte[] signature)
        {
            messageStarted = false;
            sha.Initialize();
            sha.Update(message, offset, length);
            sha.Finish(digest, 0);
            return VerifyDigest(digest, signature);
        }

        /// <summary>Starts a message that is hashed in parts with <see cref="AppendMessage"/> and checked by <see cref="EndMessage"/>.</summary>
        public void BeginMessage()
        {
            sha.Initialize();
            messageStarted = true;
        }

        /// <summary>Hashes the next <paramref name="length"/> bytes of the message started by <see cref="BeginMessage"/>.</summary>
        /// <exception cref="InvalidOperationException">No message was started.</exception>
        public void AppendMessage(byte[] data, int offset, int length)
        {
            if (!messageStarted)
            {
                throw new InvalidOperationException("No message was started. Call BeginMessage before AppendMessage.");
            }

            sha.Update(data, offset, length);
        }

        /// <summary>
        /// Finishes the message started by <see cref="BeginMessage"/> and returns whether
        /// <paramref name="signature"/> is a valid signature of it, with the same rules as <see cref="VerifyDigest"/>.
        /// </summary>
        /// <exception cref="InvalidOperationException">No message was started.</exception>
        public bool EndMessage(byte[] signature)
        {
            if (!messageStarted)
            {
                throw new InvalidOperationException("No message was started. Call BeginMessage and AppendMessage before EndMessage.");
            }

            messageStarted = false;
            sha.Finish(digest, 0);
            return VerifyDigest(digest, signature);
        }

        // Fills table[4·i + j] = i·G + j·Q. Runs once, so it may use the slow path through ToAffine.
        private void BuildTable(AffinePoint generator, AffinePoint key)
        {
            JacobianPoint row = new JacobianPoint();
            JacobianPoint entry = new JacobianPoint();
            for (int i = 0; i < TableSize; i++)
            {
                table[i] = new AffinePoint();
            }

            // row = i·G, entry = i·G + j·Q
            for (int i = 0; i < 4; i++)
            {
                entry.CopyFrom(row);
                for (int j = 0; j < 4; j++)
                {
                    points.ToAffine(entry, table[4 * i + j]);
                    points.AddAffine(entry, key);
                }

                points.AddAffine(row, generator);
            }
        }

        // Sets the accumulator to a·G + b·Q, reading both scalars from the top, two bits at a time.
        private void ComputeJointMultiple(uint[] a, uint[] b)
        {
            accumulator.IsInfinity = true;
            for (int bit = 256 - WindowBits; bit >= 0; bit -= WindowBits)
            {
                points.Double(accumulator);
                points.Double(accumulator);

                int i = (UInt256.GetBit(a, bit + 1) << 1) | UInt256.GetBit(a, bit);
                int j = (UInt256.GetBit(b, bit + 1) << 1) | UInt256.GetBit(b, bit);
                points.AddAffine(accumulator, table[4 * i + j]);
            }
        }
    }
}
