using System;

namespace Controllers.Flashing;

/// <summary>
/// Chip identification by the value of the magic register at <see cref="MagicRegisterAddress"/>, which the ROM
/// loader can read before anything else is set up.
/// </summary>
public static class EspChip
{
    /// <summary>Address of the chip-detect register (UART date register on ESP32).</summary>
    public const uint MagicRegisterAddress = 0x40001000;

    /// <summary>Magic value of an ESP32 (ESP32-D0WD and its modules such as ESP32-WROOM-32).</summary>
    public const uint Esp32Magic = 0x00F01D83;

    // NOTE: these values are esptool 4.x chip-detect values recalled without the source at hand, so treat
    // them as unverified. Only the ESP32 value is exercised, by the emulator.
    private static readonly (uint Magic, string Name)[] KnownChips =
    {
        (Esp32Magic, "ESP32"),
        (0x000007C6, "ESP32-S2"),
        (0x00000009, "ESP32-S3"),
        (0x6921506F, "ESP32-C3"),
        (0x1B31506F, "ESP32-C3"),
        (0xFFF0C101, "ESP8266"),
    };

    /// <summary>Returns the chip name for <paramref name="magic"/>, or null for an unknown value.</summary>
    public static string? NameOf(uint magic)
    {
        foreach (var chip in KnownChips)
        {
            if (chip.Magic == magic)
            {
                return chip.Name;
            }
        }

        return null;
    }
}
