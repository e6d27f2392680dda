using System;
using System.IO;

namespace Controllers.Cli;

/// <summary>
/// Checks of the output paths that a command writes, run before the command does any work, so that a
/// mistyped path fails in seconds and not after a whole suite or fit.
/// </summary>
internal static class OutputPaths
{
    /// <summary>Returns why <paramref name="path"/> cannot become a file, or null. Creates nothing.</summary>
    public static string? CheckFile(string option, string path)
    {
        if (CheckSyntax(option, path) is { } error)
        {
            return error;
        }

        string fullPath = Path.GetFullPath(path);
        if (Directory.Exists(fullPath) || Path.EndsInDirectorySeparator(path))
        {
            return Messages.Format("OutputFileIsFolder", option, path);
        }

        return CheckAncestors(option, path, Path.GetDirectoryName(fullPath));
    }

    /// <summary>Returns why <paramref name="path"/> cannot become a folder, or null. Creates nothing.</summary>
    public static string? CheckFolder(string option, string path)
    {
        if (CheckSyntax(option, path) is { } error)
        {
            return error;
        }

        string fullPath = Path.GetFullPath(path);
        if (File.Exists(fullPath))
        {
            return Messages.Format("OutputFolderIsFile", option, path);
        }

        return CheckAncestors(option, path, Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(fullPath)));
    }

    /// <summary>True when both paths name the same file or folder on this file system.</summary>
    public static bool AreSame(string first, string second)
    {
        var comparison = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS()
            ? StringComparison.OrdinalIgnoreCase
            : StringComparison.Ordinal;
        return string.Equals(Normalize(first), Normalize(second), comparison);
    }

    /// <summary>
    /// Creates <paramref name="folder"/> with any missing parents and checks that a file can be created in it.
    /// Returns why that failed, or null.
    /// </summary>
    public static string? PrepareFolder(string option, string path, string folder)
    {
        string probe = Path.Combine(folder, ".ctl-write-check-" + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.CreateDirectory(folder);
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }

            return null;
        }
        catch (FileNotFoundException)
        {
            // Linux returns ENOENT for a new file in a folder such as /proc, and .NET reports the probe file as
            // not found, which would mislead.
            return Messages.Format("OutputFolderNotWritable", option, path, folder, Messages.Get("FolderRejectsNewFiles"));
        }
        catch (UnauthorizedAccessException)
        {
            return Messages.Format("OutputFolderNotWritable", option, path, folder, Messages.Get("PermissionDenied"));
        }
        catch (IOException error)
        {
            return Messages.Format("OutputFolderNotWritable", option, path, folder,
                error.Message.Replace(probe, folder, StringComparison.Ordinal));
        }
    }

    /// <summary>Returns the folder that will contain the file <paramref name="path"/>.</summary>
    public static string ParentFolder(string path) => Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";

    private static string? CheckSyntax(string option, string path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return Messages.Format("OutputPathEmpty", option);
        }

        try
        {
            Path.GetFullPath(path);
            return null;
        }
        catch (Exception error) when (error is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return Messages.Format("OutputPathInvalid", option, path, error.Message);
        }
    }

    /// <summary>Rejects a path below an existing file, for example <c>suite.yaml/junit.xml</c>.</summary>
    private static string? CheckAncestors(string option, string path, string? folder)
    {
        for (string? current = folder; current != null; current = Path.GetDirectoryName(current))
        {
            if (Directory.Exists(current))
            {
                return null;
            }

            if (File.Exists(current))
            {
                return Messages.Format("OutputParentIsFile", option, path, current);
            }
        }

        return null;
    }

    private static string Normalize(string path) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
}
