using System;
using System.IO;

namespace Controllers.Hil.Reports;

/// <summary>Writes files through a temporary file in the same folder and a rename, so an interrupted run
/// leaves either the previous file or the complete new one, never a partial file.</summary>
internal static class AtomicFile
{
    /// <exception cref="ReportWriteException">The folder, the temporary file or the rename failed.</exception>
    public static void Write(string path, Action<Stream> write)
    {
        string fullPath = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(fullPath) ?? ".";
        string temporary = Path.Combine(folder, "." + Path.GetFileName(fullPath) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            Directory.CreateDirectory(folder);
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                write(stream);
            }

            File.Move(temporary, fullPath, overwrite: true);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // The temporary name means nothing to the user, so the message names the target instead.
            throw new ReportWriteException(fullPath, error.Message.Replace(temporary, fullPath, StringComparison.Ordinal),
                error);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}
