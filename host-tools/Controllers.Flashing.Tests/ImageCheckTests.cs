using Controllers.Flashing;
using Xunit;

namespace Controllers.Flashing.Tests;

public class ImageCheckTests
{
    private const long FourMebibytes = 4 * 1024 * 1024;

    [Fact]
    public void AppImageWithMagicPasses()
    {
        var image = new byte[1000];
        image[0] = 0xE9;

        Assert.Null(ImageCheck.Validate(image, 0x10000, FourMebibytes));
    }

    [Fact]
    public void AppImageWithoutMagicFails()
    {
        var image = new byte[1000];

        string? error = ImageCheck.Validate(image, 0x10000, FourMebibytes);

        Assert.NotNull(error);
        Assert.Contains("0xE9", error);
    }

    [Fact]
    public void ImageLargerThanFlashFails()
    {
        // 4 MiB image at 0x10000 ends at 0x410000, past the 4 MiB (0x400000) flash.
        var image = new byte[FourMebibytes];
        image[0] = 0xE9;

        string? error = ImageCheck.Validate(image, 0x10000, FourMebibytes);

        Assert.NotNull(error);
        Assert.Contains("0x410000", error);
    }

    [Fact]
    public void CombinedImageNeedsBootloaderAt0x1000()
    {
        var image = new byte[0x2000];
        Assert.NotNull(ImageCheck.Validate(image, 0, FourMebibytes));

        image[0x1000] = 0xE9;
        Assert.Null(ImageCheck.Validate(image, 0, FourMebibytes));
    }

    [Fact]
    public void UnalignedAddressFails()
    {
        Assert.NotNull(ImageCheck.Validate(new byte[16], 0x10010, FourMebibytes));
    }

    [Fact]
    public void EmptyImageFails()
    {
        Assert.NotNull(ImageCheck.Validate(System.ReadOnlySpan<byte>.Empty, 0x10000, FourMebibytes));
    }
}
