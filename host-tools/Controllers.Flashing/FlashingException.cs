using System;

namespace Controllers.Flashing;

/// <summary>A flashing step failed. The message names the step, the value involved and what to do.</summary>
public sealed class FlashingException : Exception
{
    public FlashingException(string message) : base(message)
    {
    }

    public FlashingException(string message, Exception inner) : base(message, inner)
    {
    }
}
