using System;
using Controllers.Firmware.Common.Update;

namespace Controllers.Simulation.Boards;

/// <summary>Configuration of a <see cref="VirtualProgrammableBoard"/>.</summary>
public sealed class ProgrammableBoardOptions
{
    /// <summary>Board type id that images must name (DID 0xF1A0).</summary>
    public uint BoardTypeId { get; init; } = 0x00010001;

    /// <summary>SecurityAccess secret, at least 16 bytes; the key is HMAC-SHA256(secret, seed) truncated to 4 bytes.</summary>
    public required byte[] SecuritySecret { get; init; }

    /// <summary>Signature check of the images, with the public key built into the board.</summary>
    public required IImageSignatureVerifier SignatureVerifier { get; init; }

    /// <summary>Bytes per application slot, a multiple of 4096; 1 MiB by default.</summary>
    public int SlotLength { get; init; } = 1024 * 1024;

    /// <summary>Unconfirmed boots of a new application before rollback.</summary>
    public int MaxTrialBoots { get; init; } = BootSelector.DefaultMaxTrialBoots;

    /// <summary>CAN id of the diagnostic requests the board receives.</summary>
    public uint RequestId { get; init; } = 0x7E0;

    /// <summary>CAN id of the board's diagnostic responses.</summary>
    public uint ResponseId { get; init; } = 0x7E8;

    /// <summary>Image programmed into slot 0 at the factory, or null for none (slot 0 is then still the active slot).</summary>
    public byte[]? FactoryImage { get; init; }

    /// <summary>Application version of <see cref="FactoryImage"/>, 8.8.16 bits.</summary>
    public uint FactoryVersion { get; init; }

    /// <summary>
    /// When true, an application that boots on trial passes its self-test and confirms itself at once.
    /// When false only routine 0xFF01 confirms it.
    /// </summary>
    public bool ApplicationConfirmsItself { get; init; }

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(SecuritySecret);
        ArgumentNullException.ThrowIfNull(SignatureVerifier);
        if (SecuritySecret.Length < 16)
        {
            throw new ArgumentException($"The security secret has {SecuritySecret.Length} bytes; use at least 16.", nameof(SecuritySecret));
        }

        if (FactoryImage is not null && FactoryImage.Length > SlotLength)
        {
            throw new ArgumentException($"The factory image of {FactoryImage.Length} bytes does not fit a slot of {SlotLength} bytes.", nameof(FactoryImage));
        }
    }
}
