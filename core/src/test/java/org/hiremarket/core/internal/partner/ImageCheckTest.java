package org.hiremarket.core.internal.partner;

import static org.hiremarket.core.internal.common.Refusals.refused;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;

import org.hiremarket.core.internal.common.ApiException;
import org.hiremarket.core.internal.partner.ImageCheck.Checked;
import org.hiremarket.core.internal.partner.ImageCheck.Format;
import org.junit.Test;

/** Every image here is drawn and encoded by the test itself; there are no binary fixtures. */
public class ImageCheckTest {

    private static final Function<byte[], Checked> LOGO = ImageCheck::logo;
    private static final Function<byte[], Checked> PHOTO = ImageCheck::photo;

    // ---- the logo: format, size and the transparency warning

    @Test
    public void aTransparentPngLogoOfTheRightSizeIsTakenWithoutWarnings() {
        Checked c = ImageCheck.logo(png(transparentLogo()));
        assertEquals(new Checked(Format.PNG, 300, 120, List.of()), c);
        assertEquals("image/png", c.format().mediaType());
    }

    @Test
    public void anOpaquePngLogoIsTakenWithAWarning() {
        Checked c = ImageCheck.logo(png(opaque(300, 120)));
        assertEquals(new Checked(Format.PNG, 300, 120, List.of(ImageCheck.OPAQUE_LOGO_WARNING)), c);
        assertTrue(c.warnings().get(0).contains("no transparent background"));
    }

    @Test
    public void aJpegLogoIsTakenWithAWarningThatJpegHasNoTransparency() {
        Checked c = ImageCheck.logo(jpeg(opaque(300, 120)));
        assertEquals(new Checked(Format.JPEG, 300, 120, List.of(ImageCheck.JPEG_LOGO_WARNING)), c);
        assertEquals("image/jpeg", c.format().mediaType());
        assertTrue(c.warnings().get(0).contains("JPEG"));
    }

    @Test
    public void aGifLogoWithATransparentIndexIsTakenWithoutWarnings() {
        Checked c = ImageCheck.logo(encode(indexedLogo(true), "gif"));
        assertEquals(new Checked(Format.GIF, 300, 120, List.of()), c);
        assertEquals("image/gif", c.format().mediaType());
    }

    @Test
    public void anOpaqueGifLogoIsTakenWithAWarning() {
        assertEquals(new Checked(Format.GIF, 300, 120, List.of(ImageCheck.OPAQUE_LOGO_WARNING)),
                ImageCheck.logo(encode(indexedLogo(false), "gif")));
    }

    @Test
    public void aPalettePngWithATransparentIndexIsTakenWithoutWarnings() {
        assertEquals(List.of(), ImageCheck.logo(png(indexedLogo(true))).warnings());
        assertEquals(List.of(ImageCheck.OPAQUE_LOGO_WARNING), ImageCheck.logo(png(indexedLogo(false))).warnings());
    }

    @Test
    public void oneOpaqueCornerIsEnoughForTheWarning() {
        int[][] corners = { { 0, 0 }, { 299, 0 }, { 0, 119 }, { 299, 119 } };
        for (int[] corner : corners) {
            BufferedImage image = transparentLogo();
            image.setRGB(corner[0], corner[1], 0xFF336699);
            assertEquals("opaque corner " + Arrays.toString(corner), List.of(ImageCheck.OPAQUE_LOGO_WARNING),
                    ImageCheck.logo(png(image)).warnings());
        }
    }

    @Test
    public void partlyTransparentCornersCountAsATransparentBackground() {
        BufferedImage image = transparentLogo();
        for (int[] corner : new int[][] { { 0, 0 }, { 299, 0 }, { 0, 119 }, { 299, 119 } }) {
            image.setRGB(corner[0], corner[1], 0xFE336699); // alpha 254: almost, but not quite, opaque
        }
        assertEquals(List.of(), ImageCheck.logo(png(image)).warnings());
    }

    @Test
    public void anOpaqueImageWithAnAlphaChannelGetsTheWarning() {
        BufferedImage image = new BufferedImage(300, 120, BufferedImage.TYPE_INT_ARGB);
        fill(image, new Color(255, 255, 255, 255));
        assertEquals(List.of(ImageCheck.OPAQUE_LOGO_WARNING), ImageCheck.logo(png(image)).warnings());
    }

    @Test
    public void aLogoOfAnyOtherSizeIsRefusedNamingItsSize() {
        int[][] sizes = { { 301, 120 }, { 299, 120 }, { 300, 121 }, { 300, 119 }, { 120, 300 } };
        for (int[] size : sizes) {
            ApiException e = refused(400, "validation-error", () -> ImageCheck.logo(png(opaque(size[0], size[1]))));
            assertEquals("logo: must be exactly 300×120 px; this image is " + size[0] + "×" + size[1] + " px",
                    e.detail());
            assertEquals("logo", e.errors().get(0).field());
        }
    }

    @Test
    public void theSizeIsCheckedBeforeDecodingSoAHeaderAloneIsRefusedForItsSize() {
        // a 1×1 PNG whose header claims 299×120: refused for its size, not for its missing pixels
        assertEquals("logo: must be exactly 300×120 px; this image is 299×120 px",
                refused(400, "validation-error", () -> ImageCheck.logo(claiming(299, 120))).detail());
    }

    // ---- the content decides the format

    @Test
    public void aBmpOrTiffLogoIsRefusedAsUnsupportedEvenOfTheRightSize() {
        ApiException bmp = refused(415, "unsupported-image-type", () -> ImageCheck.logo(encode(opaque(300, 120), "bmp")));
        assertEquals("Unsupported image type", bmp.title());
        assertEquals("The logo must be a PNG, JPEG or GIF image (decided by its content, not its name or declared "
                + "type); this one is BMP", bmp.detail());
        ApiException tiff = refused(415, "unsupported-image-type",
                () -> ImageCheck.logo(encode(opaque(300, 120), "tiff")));
        assertTrue(tiff.detail(), tiff.detail().endsWith("this one is TIF"));
    }

    @Test
    public void contentThatIsNoImageIsRefusedAsUnsupported() {
        byte[] random = new byte[4000];
        new Random(42).nextBytes(random);
        byte[] svg = ("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"300\" height=\"120\">"
                + "<rect width=\"300\" height=\"120\"/></svg>").getBytes(StandardCharsets.UTF_8);
        byte[] pdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
        for (byte[] content : List.of(random, svg, pdf, new byte[] { 0 }, new byte[1000])) {
            ApiException e = refused(415, "unsupported-image-type", () -> ImageCheck.logo(content));
            assertEquals("The logo must be a PNG, JPEG or GIF image (decided by its content, not its name or declared "
                    + "type); this content is not an image the host recognises", e.detail());
        }
    }

    @Test
    public void aPngWhoseSignatureIsDamagedIsNoLongerRecognised() {
        byte[] png = png(transparentLogo());
        png[1] = 'X'; // "\x89XNG": no decoder claims it any more
        refused(415, "unsupported-image-type", () -> ImageCheck.logo(png));
    }

    // ---- truncated and corrupt files

    @Test
    public void aTruncatedPngIsRefusedAsUnreadable() {
        byte[] png = png(transparentLogo());
        ApiException e = refused(400, "validation-error", () -> ImageCheck.logo(Arrays.copyOf(png, png.length / 2)));
        // the decoder's own words say why (the JDK's PNG decoder's message)
        assertEquals("logo: is not a readable PNG image: Error reading PNG image data", e.detail());
    }

    @Test
    public void aPngCutInsideItsHeaderIsRefusedAsUnreadable() {
        byte[] png = png(transparentLogo());
        ApiException e = refused(400, "validation-error", () -> ImageCheck.logo(Arrays.copyOf(png, 20)));
        assertTrue(e.detail(), e.detail().startsWith("logo: is not a readable PNG image: "));
    }

    @Test
    public void aTruncatedJpegIsRefusedAlthoughItsDecoderOnlyWarns() {
        byte[] jpeg = jpeg(noise(300, 120));
        ApiException e = refused(400, "validation-error", () -> ImageCheck.logo(Arrays.copyOf(jpeg, jpeg.length / 2)));
        assertTrue(e.detail(), e.detail().startsWith("logo: is not a readable JPEG image: "));
    }

    @Test
    public void aTruncatedGifIsRefusedAsUnreadable() {
        byte[] gif = encode(indexedLogo(true), "gif");
        ApiException e = refused(400, "validation-error", () -> ImageCheck.logo(Arrays.copyOf(gif, gif.length - 20)));
        assertTrue(e.detail(), e.detail().startsWith("logo: is not a readable GIF image: "));
    }

    @Test
    public void aHeaderWithoutThePixelsItPromisesIsRefusedAsUnreadable() {
        ApiException e = refused(400, "validation-error", () -> ImageCheck.logo(claiming(300, 120)));
        assertTrue(e.detail(), e.detail().startsWith("logo: is not a readable PNG image: "));
    }

    // ---- nothing sent, too many bytes

    @Test
    public void noBytesAreRefusedAsMissing() {
        for (byte[] nothing : Arrays.asList(null, new byte[0])) {
            ApiException logo = refused(400, "validation-error", () -> ImageCheck.logo(nothing));
            assertEquals("logo: is required: send the image's bytes as the request body (a PNG, JPEG or GIF image)",
                    logo.detail());
            ApiException photo = refused(400, "validation-error", () -> ImageCheck.photo(nothing));
            assertEquals("photo", photo.errors().get(0).field());
        }
    }

    @Test
    public void aLogoOfExactlyTheByteLimitIsTakenAndOneByteMoreIsNot() {
        byte[] atLimit = padded(png(transparentLogo()), ImageCheck.MAX_LOGO_BYTES);
        assertEquals(262_144, atLimit.length);
        assertEquals(List.of(), ImageCheck.logo(atLimit).warnings());

        ApiException e = refused(413, "payload-too-large",
                () -> ImageCheck.logo(padded(png(transparentLogo()), ImageCheck.MAX_LOGO_BYTES + 1)));
        assertEquals("Image too large", e.title());
        assertEquals("The logo may be at most 256 KiB (262144 bytes); 262145 bytes were sent", e.detail());
    }

    @Test
    public void tooManyBytesAreRefusedBeforeTheContentIsLookedAt() {
        refused(413, "payload-too-large", () -> ImageCheck.logo(new byte[ImageCheck.MAX_LOGO_BYTES + 1]));
        refused(413, "payload-too-large", () -> ImageCheck.photo(new byte[10_000_000]));
    }

    // ---- decompression bombs: refused on the header's numbers, never decoded

    @Test(timeout = 5_000)
    public void aSmallFileClaimingAHugeImageIsRefusedWithoutDecodingIt() {
        byte[] bomb = claiming(100_000, 100_000);
        assertTrue(bomb.length < 100);
        ApiException logo = refused(400, "validation-error", () -> ImageCheck.logo(bomb));
        assertEquals("logo: is 100000×100000 px, larger than the host decodes (at most 4096 px on a side and "
                + "16000000 pixels)", logo.detail());
        ApiException photo = refused(400, "validation-error", () -> ImageCheck.photo(bomb));
        assertTrue(photo.detail(), photo.detail().startsWith("photo: is 100000×100000 px, larger than the host decodes"));
    }

    @Test
    public void theDecodingGuardAllows4096PxOnASideAnd16MegapixelsAndNoMore() {
        assertGuardRefuses(4097, 1);
        assertGuardRefuses(1, 4097);
        assertGuardRefuses(4000, 4001); // each side allowed, 16,004,000 pixels are not
        assertGuardRefuses(4001, 4000);
        // at the guard's limits the field's own rule answers
        assertLogoSizeRefused(4096, 1);
        assertLogoSizeRefused(1, 4096);
        assertLogoSizeRefused(4000, 4000); // exactly 16,000,000 pixels
    }

    // ---- the photo

    @Test
    public void aJpegPhotoIsTakenWithoutWarnings() {
        Checked c = ImageCheck.photo(jpeg(opaque(200, 200)));
        assertEquals(new Checked(Format.JPEG, 200, 200, List.of()), c);
    }

    @Test
    public void aPhotoNeedsNoTransparency() {
        assertEquals(new Checked(Format.PNG, 300, 120, List.of()), ImageCheck.photo(png(opaque(300, 120))));
        assertEquals(new Checked(Format.GIF, 300, 120, List.of()), ImageCheck.photo(encode(indexedLogo(false), "gif")));
    }

    @Test
    public void aPhotoMayHave32To2048PxOnEachSide() {
        assertEquals(new Checked(Format.PNG, 32, 32, List.of()), ImageCheck.photo(png(opaque(32, 32))));
        assertEquals(new Checked(Format.PNG, 2048, 32, List.of()), ImageCheck.photo(png(opaque(2048, 32))));
        assertEquals(new Checked(Format.PNG, 32, 2048, List.of()), ImageCheck.photo(png(opaque(32, 2048))));
        assertEquals(new Checked(Format.JPEG, 2048, 2048, List.of()), ImageCheck.photo(jpeg(opaque(2048, 2048))));
    }

    @Test
    public void aPhotoOfOtherDimensionsIsRefusedNamingThem() {
        int[][] sizes = { { 31, 32 }, { 32, 31 }, { 2049, 32 }, { 32, 2049 }, { 10, 10 }, { 3000, 100 } };
        for (int[] size : sizes) {
            ApiException e = refused(400, "validation-error", () -> ImageCheck.photo(png(opaque(size[0], size[1]))));
            assertEquals("photo: must be between 32 and 2048 px on each side; this image is " + size[0] + "×" + size[1]
                    + " px", e.detail());
        }
    }

    @Test
    public void aPhotoOfExactlyTheByteLimitIsTakenAndOneByteMoreIsNot() {
        byte[] atLimit = padded(png(opaque(200, 200)), ImageCheck.MAX_PHOTO_BYTES);
        assertEquals(1_047_552, atLimit.length);
        assertEquals(Format.PNG, ImageCheck.photo(atLimit).format());
        ApiException e = refused(413, "payload-too-large",
                () -> ImageCheck.photo(padded(png(opaque(200, 200)), ImageCheck.MAX_PHOTO_BYTES + 1)));
        assertEquals("The photo may be at most 1023 KiB (1047552 bytes); 1047553 bytes were sent", e.detail());
    }

    @Test
    public void aPhotoIsRefusedLikeALogoForItsContent() {
        assertTrue(refused(415, "unsupported-image-type", () -> ImageCheck.photo(encode(opaque(200, 200), "bmp")))
                .detail().startsWith("The photo must be a PNG, JPEG or GIF image"));
        byte[] jpeg = jpeg(noise(200, 200));
        assertTrue(refused(400, "validation-error", () -> ImageCheck.photo(Arrays.copyOf(jpeg, jpeg.length / 2)))
                .detail().startsWith("photo: is not a readable JPEG image: "));
    }

    @Test
    public void theWarningsOfACheckedImageCannotBeChanged() {
        Checked c = ImageCheck.logo(png(opaque(300, 120)));
        try {
            c.warnings().clear();
        } catch (UnsupportedOperationException expected) {
            return;
        }
        throw new AssertionError("the warnings could be changed");
    }

    // ---- helpers

    private static void assertGuardRefuses(int width, int height) {
        for (Function<byte[], Checked> check : List.of(LOGO, PHOTO)) {
            ApiException e = refused(400, "validation-error", () -> check.apply(claiming(width, height)));
            assertTrue(e.detail(), e.detail().endsWith(": is " + width + "×" + height + " px, larger than the host "
                    + "decodes (at most 4096 px on a side and 16000000 pixels)"));
        }
    }

    private static void assertLogoSizeRefused(int width, int height) {
        assertEquals("logo: must be exactly 300×120 px; this image is " + width + "×" + height + " px",
                refused(400, "validation-error", () -> ImageCheck.logo(claiming(width, height))).detail());
    }

    /** A transparent 300×120 logo: a blue ellipse on a fully transparent background. */
    private static BufferedImage transparentLogo() {
        BufferedImage image = new BufferedImage(300, 120, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.BLUE);
        g.fillOval(20, 10, 260, 100);
        g.dispose();
        return image;
    }

    /** An image without alpha: the same ellipse on white. */
    private static BufferedImage opaque(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        fill(image, Color.WHITE);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.BLUE);
        g.fillOval(width / 10, height / 10, width * 8 / 10, height * 8 / 10);
        g.dispose();
        return image;
    }

    /** Random pixels, so that a JPEG has enough data that half of it ends inside the scan. */
    private static BufferedImage noise(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(7);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt());
            }
        }
        return image;
    }

    /** A 300×120 palette image (index 0 white, 1 blue); with {@code transparent} index 0 is the transparent one. */
    private static BufferedImage indexedLogo(boolean transparent) {
        byte[] r = { (byte) 255, 0 };
        byte[] g = { (byte) 255, 0 };
        byte[] b = { (byte) 255, (byte) 255 };
        IndexColorModel palette = transparent ? new IndexColorModel(8, 2, r, g, b, 0) : new IndexColorModel(8, 2, r, g, b);
        BufferedImage image = new BufferedImage(300, 120, BufferedImage.TYPE_BYTE_INDEXED, palette);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(Color.BLUE);
        graphics.fillOval(20, 10, 260, 100);
        graphics.dispose();
        return image;
    }

    private static void fill(BufferedImage image, Color color) {
        Graphics2D g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.dispose();
    }

    private static byte[] png(BufferedImage image) {
        return encode(image, "png");
    }

    private static byte[] jpeg(BufferedImage image) {
        return encode(image, "jpeg");
    }

    private static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new AssertionError("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * A valid 1×1 PNG whose IHDR chunk is patched to claim {@code width}×{@code height} (with its CRC
     * recomputed): the header reads fine, the pixels it promises are not there.
     */
    private static byte[] claiming(int width, int height) {
        byte[] png = png(new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB));
        ByteBuffer bytes = ByteBuffer.wrap(png);
        assertEquals("IHDR", new String(png, 12, 4, StandardCharsets.US_ASCII));
        bytes.putInt(16, width);
        bytes.putInt(20, height);
        CRC32 crc = new CRC32();
        crc.update(png, 12, 4 + 13); // the chunk's type and data
        bytes.putInt(29, (int) crc.getValue());
        return png;
    }

    /**
     * The PNG made exactly {@code length} bytes long by a private ancillary chunk ({@code hmPd}, which decoders
     * skip) inserted before the closing IEND chunk.
     */
    private static byte[] padded(byte[] png, int length) {
        int iend = png.length - 12;
        assertEquals("IEND", new String(png, iend + 4, 4, StandardCharsets.US_ASCII));
        int dataLength = length - png.length - 12;
        ByteBuffer out = ByteBuffer.allocate(length);
        out.put(png, 0, iend);
        out.putInt(dataLength);
        int typeAt = out.position();
        out.put("hmPd".getBytes(StandardCharsets.US_ASCII));
        out.put(new byte[dataLength]);
        CRC32 crc = new CRC32();
        crc.update(out.array(), typeAt, 4 + dataLength);
        out.putInt((int) crc.getValue());
        out.put(png, iend, 12);
        return out.array();
    }
}
