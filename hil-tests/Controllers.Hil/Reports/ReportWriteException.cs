using System;
using System.IO;

namespace Controllers.Hil.Reports;

/// <summary>A report file or folder could not be written.</summary>
public sealed class ReportWriteException : IOException
{
    public ReportWriteException(string targetPath, string reason, Exception inner)
        : base(targetPath + ": " + reason, inner)
    {
        TargetPath = targetPath;
        Reason = reason;
    }

    /// <summary>Full path of the file or folder that was being written, never a temporary file.</summary>
    public string TargetPath { get; }

    /// <summary>The system's description of the failure, with any temporary file name replaced by <see cref="TargetPath"/>.</summary>
    public string Reason { get; }
}
