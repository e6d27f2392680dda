namespace Controllers.Firmware.Common.Storage
{
    /// <summary>
    /// The two whole-file operations that <see cref="FileRegionStore"/> needs. On an ESP32 board they wrap
    /// <c>System.IO.FileStream</c> of the nanoFramework.System.IO.FileSystem package on the internal
    /// LittleFS drive <c>I:\</c>; on the host they wrap the .NET file API.
    /// </summary>
    public interface IFileAccess
    {
        /// <summary>
        /// Reads up to <paramref name="count"/> bytes from the start of the file at <paramref name="path"/>
        /// into <paramref name="buffer"/> at <paramref name="offset"/>. Returns the number of bytes read, 0
        /// when the file does not exist, or -1 when the read failed.
        /// </summary>
        int ReadFile(string path, byte[] buffer, int offset, int count);

        /// <summary>
        /// Creates the file at <paramref name="path"/>, or truncates it, and writes <paramref name="count"/>
        /// bytes of <paramref name="data"/> from <paramref name="offset"/>. Returns false when the write failed.
        /// </summary>
        bool WriteFile(string path, byte[] data, int offset, int count);
    }
}
