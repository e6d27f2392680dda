using System;

namespace Controllers.Firmware.Common.Storage
{
    /// <summary>
    /// An <see cref="INonVolatileStore"/> whose region <c>i</c> is the file <c>paths[i]</c>, for example
    /// <c>I:\soc-a.bin</c> and <c>I:\soc-b.bin</c> on the ESP32's internal LittleFS drive. Every write
    /// replaces the whole file.
    /// </summary>
    /// <remarks>
    /// NOTE: nanoFramework's <c>FileStream.Read</c> (System.IO.FileSystem 1.x) allocates a temporary array of
    /// the requested size on every call, so a save through this store allocates a few small objects even
    /// though this class allocates nothing after construction.
    /// </remarks>
    public sealed class FileRegionStore : INonVolatileStore
    {
        private readonly IFileAccess files;
        private readonly string[] paths;
        private readonly int regionLength;

        /// <summary>
        /// Creates the store over <paramref name="files"/> with one file per region. Throws
        /// <see cref="ArgumentException"/> when a path is missing or repeated or the length is not positive.
        /// </summary>
        public FileRegionStore(IFileAccess files, string[] paths, int regionLength)
        {
            if (files == null)
            {
                throw new ArgumentNullException("files");
            }

            if (paths == null || paths.Length == 0)
            {
                throw new ArgumentException("Give at least one file path, one per region.", "paths");
            }

            if (regionLength <= 0)
            {
                throw new ArgumentOutOfRangeException("regionLength", "regionLength = " + regionLength + " must be positive.");
            }

            for (int i = 0; i < paths.Length; i++)
            {
                if (paths[i] == null || paths[i].Length == 0)
                {
                    throw new ArgumentException("paths[" + i + "] is empty. Give a file path for every region.", "paths");
                }

                for (int j = 0; j < i; j++)
                {
                    if (paths[j] == paths[i])
                    {
                        throw new ArgumentException("paths[" + j + "] and paths[" + i + "] are both " + paths[i] + ". Give every region its own file.", "paths");
                    }
                }
            }

            this.files = files;
            this.paths = paths;
            this.regionLength = regionLength;
        }

        /// <inheritdoc />
        public int RegionCount
        {
            get { return paths.Length; }
        }

        /// <inheritdoc />
        public int RegionLength
        {
            get { return regionLength; }
        }

        /// <summary>The file that stores <paramref name="region"/>.</summary>
        public string GetPath(int region)
        {
            CheckRegion(region);
            return paths[region];
        }

        /// <inheritdoc />
        public int Read(int region, byte[] buffer, int offset, int count)
        {
            CheckRegion(region);
            CheckRange(buffer, offset, count);
            return files.ReadFile(paths[region], buffer, offset, count);
        }

        /// <inheritdoc />
        public bool Write(int region, byte[] data, int offset, int count)
        {
            CheckRegion(region);
            CheckRange(data, offset, count);
            return files.WriteFile(paths[region], data, offset, count);
        }

        private void CheckRegion(int region)
        {
            if (region < 0 || region >= paths.Length)
            {
                throw new ArgumentOutOfRangeException("region", "region = " + region + " is outside 0 to " + (paths.Length - 1) + ".");
            }
        }

        private void CheckRange(byte[] buffer, int offset, int count)
        {
            if (buffer == null)
            {
                throw new ArgumentNullException("buffer");
            }

            if (offset < 0 || count < 0 || count > regionLength || offset + count > buffer.Length)
            {
                throw new ArgumentOutOfRangeException("count", "offset = " + offset + " and count = " + count + " must lie within the buffer of " + buffer.Length + " bytes and the region length of " + regionLength + " bytes.");
            }
        }
    }
}
