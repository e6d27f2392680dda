using System;

namespace Controllers.Flashing.Application;

/// <summary>Steps of an application update over UDS, in order.</summary>
public enum ProgrammingPhase
{
    ReadIdentity,
    CheckImage,
    SecurityAccess,
    Erase,
    Download,
    TransferExit,
    CheckOnBoard,
    Reset,
    WaitForBoard,
    Confirm,
    Done,
}

/// <summary>Why an update failed, for messages and exit codes.</summary>
public enum ProgrammingFailure
{
    /// <summary>The image names another board type than the board reports (DID 0xF1A0).</summary>
    BoardTypeMismatch,

    /// <summary>The image is older than the running application, which the board rejects.</summary>
    OlderVersion,

    /// <summary>The board's check routine rejected the image; see <see cref="ProgrammingException.CheckResult"/>.</summary>
    CheckRejected,

    /// <summary>The board sent a negative response; see <see cref="ProgrammingException.NegativeResponseCode"/>.</summary>
    NegativeResponse,

    /// <summary>The board did not respond in time.</summary>
    Timeout,

    /// <summary>After the reset the board did not run the new application.</summary>
    NewApplicationNotRunning,

    /// <summary>The confirm routine reported a failure.</summary>
    ConfirmFailed,

    /// <summary>A response was malformed.</summary>
    InvalidResponse,
}

/// <summary>What the board reports about itself: DIDs 0xF1A0, 0xF189 and 0xF1A1.</summary>
public sealed record BoardIdentity(
    uint BoardTypeId,
    ApplicationVersion RunningVersion,
    int RunningSlot,
    int ActiveSlot,
    int TrialSlot,
    int TrialBootCount,
    byte[] SlotStates,
    ApplicationVersion[] SlotVersions);

/// <summary>Progress of an update: the phase and, during the download, the bytes sent.</summary>
public readonly record struct ProgrammingProgress(ProgrammingPhase Phase, long BytesSent, long TotalBytes, TimeSpan Elapsed);

/// <summary>Outcome of a successful update or dry run.</summary>
public sealed record ProgrammingResult(
    BoardIdentity Before,
    BoardIdentity? After,
    long BytesDownloaded,
    TimeSpan DownloadTime,
    TimeSpan TotalTime,
    bool DryRun)
{
    /// <summary>Image bytes per second during the download (RequestDownload to RequestTransferExit); 0 for a dry run.</summary>
    public double ThroughputBytesPerSecond => DownloadTime > TimeSpan.Zero ? BytesDownloaded / DownloadTime.TotalSeconds : 0;
}

/// <summary>An application update failed at <see cref="Phase"/> for <see cref="Failure"/>.</summary>
public sealed class ProgrammingException : Exception
{
    public ProgrammingException(ProgrammingPhase phase, ProgrammingFailure failure, string message, Exception? inner = null)
        : base(message, inner)
    {
        Phase = phase;
        Failure = failure;
    }

    /// <summary>Step that failed.</summary>
    public ProgrammingPhase Phase { get; }

    /// <summary>Kind of failure.</summary>
    public ProgrammingFailure Failure { get; }

    /// <summary>Negative response code for <see cref="ProgrammingFailure.NegativeResponse"/>.</summary>
    public byte? NegativeResponseCode { get; init; }

    /// <summary>Result byte of the check routine for <see cref="ProgrammingFailure.CheckRejected"/>.</summary>
    public byte? CheckResult { get; init; }

    /// <summary>Value the board reported, for mismatches (board type id or version).</summary>
    public string? BoardValue { get; init; }

    /// <summary>Value the image carries, for mismatches.</summary>
    public string? ImageValue { get; init; }
}
