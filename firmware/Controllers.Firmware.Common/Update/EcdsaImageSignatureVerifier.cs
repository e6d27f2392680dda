using Controllers.Firmware.Common.Security;

namespace Controllers.Firmware.Common.Update
{
    /// <summary>Image signature check with ECDSA P-256 and the board's 65-byte uncompressed public key.</summary>
    public sealed class EcdsaImageSignatureVerifier : IImageSignatureVerifier
    {
        private readonly EcdsaP256Verifier verifier;

        /// <summary>
        /// Creates a verifier for <paramref name="publicKey"/>: 0x04, then X and Y as 32 big-endian bytes
        /// each. Throws <see cref="System.ArgumentException"/> when the key is not a P-256 point.
        /// </summary>
        public EcdsaImageSignatureVerifier(byte[] publicKey)
        {
            verifier = new EcdsaP256Verifier(publicKey);
        }

        /// <inheritdoc />
        public bool VerifyDigest(byte[] digest, byte[] signature)
        {
            return verifier.VerifyDigest(digest, signature);
        }
    }
}
