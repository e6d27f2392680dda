using System;

namespace Controllers.Flashing;

/// <summary>
/// Checks a nanoCLR image before anything is written: it must fit into the flash, and an image written where
/// the ROM or the second-stage bootloader expects an ESP-IDF image must start with that image's magic byte.
/// </summary>
public static class ImageCheck
{
    /// <summary>First byte of every ESP-IDF image ("esp_image_header_t", ESP-IDF "App Image Format").</summary>
    public const byte ImageMagic = 0xE9;

    /// <summary>Offset of the second-stage bootloader in an ESP32 flash.</summary>
    public const uint BootloaderAddress = 0x1000;

    /// <summary>Offset of the first application partition in the default ESP-IDF partition tables; nanoCLR.bin goes here.</summary>
    public const uint ApplicationAddress = 0x10000;

    /// <summary>
    /// Checks whether <paramref name="image"/> may be written at <paramref name="address"/> on a flash of
    /// <paramref name="flashSize"/> bytes. Rules: the image is not empty, starts on a 4 KiB sector and ends
    /// inside the flash. At 0x1000 and 0x10000 its first byte is 0xE9. At 0x0 it is a combined image
    /// (bootloader, partition table and nanoCLR in one file), so the byte at offset 0x1000 of the file is 0xE9.
    /// </summary>
    public static ImageProblem Check(ReadOnlySpan<byte> image, uint address, long flashSize)
    {
        if (image.Length == 0)
        {
            return ImageProblem.Empty;
        }

        if (address + (long)image.Length > flashSize)
        {
            return ImageProblem.BeyondFlash;
        }

        if (address % 0x1000 != 0)
        {
            return ImageProblem.UnalignedAddress;
        }

        if ((address == BootloaderAddress || address == ApplicationAddress) && image[0] != ImageMagic)
        {
            return ImageProblem.MissingImageMagic;
        }

        if (address == 0 && (image.Length <= BootloaderAddress || image[(int)BootloaderAddress] != ImageMagic))
        {
            return ImageProblem.MissingCombinedBootloader;
        }

        return ImageProblem.None;
    }

    /// <summary>Returns null when the image passes <see cref="Check"/>, otherwise an English reason naming the value and the fix.</summary>
    public static string? Validate(ReadOnlySpan<byte> image, uint address, long flashSize)
    {
        return Check(image, address, flashSize) switch
        {
            ImageProblem.None => null,
            ImageProblem.Empty => "The image file is empty.",
            ImageProblem.BeyondFlash => $"The image ({image.Length} bytes at 0x{address:X}) ends at 0x{address + (long)image.Length:X}, beyond the {flashSize} byte flash. Use a smaller image, a lower --address or the correct --flash-size.",
            ImageProblem.UnalignedAddress => $"Address 0x{address:X} is not aligned to a 4096 byte flash sector. Use a multiple of 0x1000.",
            ImageProblem.MissingImageMagic => $"The image starts with 0x{image[0]:X2}, not the ESP32 image magic 0xE9, so it is not an ESP-IDF image for 0x{address:X}. Check the file or pass the address it was built for.",
            _ => "An image at 0x0 must be a combined image with the bootloader (magic 0xE9) at offset 0x1000 of the file. Check the file or pass --address 0x10000 for nanoCLR.bin.",
        };
    }
}

/// <summary>Why an image cannot be written at the requested address.</summary>
public enum ImageProblem
{
    None,
    Empty,
    BeyondFlash,
    UnalignedAddress,
    MissingImageMagic,
    MissingCombinedBootloader,
}
