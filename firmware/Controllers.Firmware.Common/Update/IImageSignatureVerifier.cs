namespace Controllers.Firmware.Common.Update
{
    /// <summary>Checks the signature of an application image against the public key built into the board.</summary>
    public interface IImageSignatureVerifier
    {
        /// <summary>
        /// Returns true when <paramref name="signature"/> (64 bytes, r then s) signs the 32-byte SHA-256
        /// <paramref name="digest"/> under the board's key.
        /// </summary>
        bool VerifyDigest(byte[] digest, byte[] signature);
    }
}
