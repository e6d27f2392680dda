using System;

namespace Controllers.Can.Logs;

/// <summary>Settings shared by the candump and ASC readers.</summary>
public sealed class CanLogReadOptions
{
    /// <summary>Strict reading: the first invalid line raises <see cref="CanLogFormatException"/>.</summary>
    public static CanLogReadOptions Strict { get; } = new CanLogReadOptions();

    /// <summary>
    /// When true, an invalid line (garbage, a truncated last line, a CAN FD frame) is passed to
    /// <see cref="InvalidLine"/> and skipped, and reading continues with the next line.
    /// When false (the default), it raises <see cref="CanLogFormatException"/>.
    /// </summary>
    public bool SkipInvalidLines { get; init; }

    /// <summary>Receives each skipped line's error in lenient mode. When null, skipped lines are not reported.</summary>
    public Action<CanLogFormatException>? InvalidLine { get; init; }

    /// <summary>Raises <paramref name="error"/> in strict mode, or reports it in lenient mode.</summary>
    internal void Reject(CanLogFormatException error)
    {
        if (!SkipInvalidLines)
        {
            throw error;
        }

        InvalidLine?.Invoke(error);
    }
}
