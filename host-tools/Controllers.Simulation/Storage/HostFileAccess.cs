using System;
using System.IO;
using Controllers.Firmware.Common.Storage;

namespace Controllers.Simulation.Storage;

/// <summary>
/// <see cref="IFileAccess"/> on the host's file system, so that <see cref="FileRegionStore"/> runs against
/// real files in tests and in the simulator.
/// </summary>
public sealed class HostFileAccess : IFileAccess
{
    /// <summary>The latest I/O error that a read or write turned into a failure result, or null.</summary>
    public Exception? LastError { get; private set; }

    /// <inheritdoc />
    public int ReadFile(string path, byte[] buffer, int offset, int count)
    {
        if (!File.Exists(path))
        {
            return 0;
        }

        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read);
            int total = 0;
            while (total < count)
            {
                int read = stream.Read(buffer, offset + total, count - total);
                if (read == 0)
                {
                    break;
                }

                total += read;
            }

            return total;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            LastError = error;
            return -1;
        }
    }

    /// <inheritdoc />
    public bool WriteFile(string path, byte[] data, int offset, int count)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Create, FileAccess.Write);
            stream.Write(data, offset, count);
            stream.Flush(flushToDisk: true);
            return true;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            LastError = error;
            return false;
        }
    }
}
