using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;

namespace Controllers.Hil.Reports;

/// <summary>Writes files through a temporary file in the same folder and a rename, so an interrupted run
/// leaves either the previous file or the complete new one, never a partial file.</summary>
internal static class AtomicFile
{
    private static readonly object PendingLock = new();
    private static readonly HashSet<string> PendingTemporaryFiles = new(StringComparer.Ordinal);
    private static List<PosixSignalRegistration>? signalRegistrations;

    /// <exception cref="ReportWriteException">The folder, the temporary file or the rename failed.</exception>
    public static void Write(string path, Action<Stream> write)
    {
        string fullPath = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(fullPath) ?? ".";
        string temporary = Path.Combine(folder, "." + Path.GetFileName(fullPath) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        AddPending(temporary);
        try
        {
            Directory.CreateDirectory(folder);

            // FileShare.Delete lets the signal handler remove the file while this stream still has it open.
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.Delete))
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

            RemovePending(temporary);
        }
    }

    private static void AddPending(string temporary)
    {
        lock (PendingLock)
        {
            PendingTemporaryFiles.Add(temporary);
            signalRegistrations ??= RegisterTerminationSignals();
        }
    }

    private static void RemovePending(string temporary)
    {
        lock (PendingLock)
        {
            PendingTemporaryFiles.Remove(temporary);
        }
    }

    /// <summary>
    /// Registers a handler that deletes the temporary files still being written when Ctrl+C or a termination
    /// signal ends the process. The handler does not cancel the signal, so the process still ends as before.
    /// </summary>
    private static List<PosixSignalRegistration> RegisterTerminationSignals()
    {
        var registrations = new List<PosixSignalRegistration>();
        foreach (PosixSignal signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGQUIT, PosixSignal.SIGHUP })
        {
            try
            {
                registrations.Add(PosixSignalRegistration.Create(signal, _ => DeletePendingTemporaryFiles()));
            }
            catch (PlatformNotSupportedException)
            {
                // NOTE: a platform without this signal leaves the temporary file behind when the signal ends the run.
            }
        }

        return registrations;
    }

    private static void DeletePendingTemporaryFiles()
    {
        lock (PendingLock)
        {
            foreach (string temporary in PendingTemporaryFiles)
            {
                try
                {
                    File.Delete(temporary);
                }
                catch (Exception error) when (error is IOException or UnauthorizedAccessException)
                {
                    // The process is ending, and a stray temporary file is harmless beside the intact target.
                }
            }

            PendingTemporaryFiles.Clear();
        }
    }
}
