using System;
using System.IO;

namespace Controllers.Flashing;

/// <summary>
/// SLIP framing (RFC 1055) as the ESP32 ROM bootloader uses it: every frame starts and ends with 0xC0, and
/// 0xC0 and 0xDB inside a frame are sent as 0xDB 0xDC and 0xDB 0xDD. Source: esptool documentation,
/// "Serial Protocol", section "Low Level Protocol".
/// </summary>
public static class Slip
{
    public const byte End = 0xC0;
    public const byte Escape = 0xDB;
    public const byte EscapedEnd = 0xDC;
    public const byte EscapedEscape = 0xDD;

    /// <summary>Encodes <paramref name="payload"/> as one frame, including the leading and trailing END bytes.</summary>
    public static byte[] Encode(ReadOnlySpan<byte> payload)
    {
        var frame = new MemoryStream(payload.Length + 8);
        frame.WriteByte(End);
        foreach (byte value in payload)
        {
            if (value == End)
            {
                frame.WriteByte(Escape);
                frame.WriteByte(EscapedEnd);
            }
            else if (value == Escape)
            {
                frame.WriteByte(Escape);
                frame.WriteByte(EscapedEscape);
            }
            else
            {
                frame.WriteByte(value);
            }
        }

        frame.WriteByte(End);
        return frame.ToArray();
    }

    /// <summary>Decodes the bytes between two END bytes. Throws <see cref="InvalidDataException"/> for an invalid escape.</summary>
    public static byte[] Decode(ReadOnlySpan<byte> frameBody)
    {
        var payload = new MemoryStream(frameBody.Length);
        for (int i = 0; i < frameBody.Length; i++)
        {
            byte value = frameBody[i];
            if (value == End)
            {
                throw new InvalidDataException($"SLIP frame body contains an unescaped END byte at offset {i}.");
            }

            if (value != Escape)
            {
                payload.WriteByte(value);
                continue;
            }

            if (i + 1 >= frameBody.Length)
            {
                throw new InvalidDataException("SLIP frame ends inside an escape sequence.");
            }

            byte escaped = frameBody[++i];
            if (escaped == EscapedEnd)
            {
                payload.WriteByte(End);
            }
            else if (escaped == EscapedEscape)
            {
                payload.WriteByte(Escape);
            }
            else
            {
                throw new InvalidDataException($"Invalid SLIP escape 0xDB 0x{escaped:X2} at offset {i - 1}.");
            }
        }

        return payload.ToArray();
    }
}

/// <summary>
/// Collects SLIP frames from a byte stream. Bytes outside a frame, such as the ROM's boot text, are skipped.
/// </summary>
public sealed class SlipReader
{
    private readonly MemoryStream _body = new();
    private bool _inFrame;

    /// <summary>
    /// Adds one received byte and returns the decoded frame when the byte completes one, otherwise null.
    /// A frame with an invalid escape is dropped (returned as null) so the caller can wait for a retry.
    /// </summary>
    public byte[]? Add(byte value)
    {
        if (value != Slip.End)
        {
            if (_inFrame)
            {
                _body.WriteByte(value);
            }

            return null;
        }

        if (!_inFrame || _body.Length == 0)
        {
            // An END starts a frame, and two END bytes in a row are an empty frame, which ROM senders use as a resync.
            _inFrame = true;
            _body.SetLength(0);
            return null;
        }

        byte[] body = _body.ToArray();
        _body.SetLength(0);
        _inFrame = false;
        try
        {
            return Slip.Decode(body);
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>Forgets a partly received frame.</summary>
    public void Reset()
    {
        _body.SetLength(0);
        _inFrame = false;
    }
}
