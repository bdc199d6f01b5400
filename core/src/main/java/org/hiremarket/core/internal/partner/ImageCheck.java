package org.hiremarket.core.internal.partner;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

import org.hiremarket.core.internal.common.ApiException;

/**
 * Checks the images a partner uploads: the company <b>logo</b> and an optional personal <b>photo</b>.
 * Pure and stateless: it looks only at the bytes it is given and answers with what the image is, or throws
 * an {@link ApiException} the REST layer turns into a problem response.
 *
 * <h2>The content decides</h2>
 * The format is decided by decoding the bytes with {@code javax.imageio}, never by a file name or a declared
 * {@code Content-Type}: a PNG sent as {@code photo.jpg} with {@code image/jpeg} is a PNG, and a BMP sent as
 * {@code image/png} is refused. So no declared type is taken.
 *
 * <h2>Order of the checks</h2>
 * <ol>
 * <li>no bytes: 400 {@code validation-error} on the field ({@code logo} or {@code photo});</li>
 * <li>more than {@link #MAX_LOGO_BYTES} / {@link #MAX_PHOTO_BYTES}: 413 {@code payload-too-large}, before
 * anything is parsed;</li>
 * <li>not PNG, JPEG or GIF by its content (BMP, TIFF, WebP, SVG, PDF, text, random bytes, a PNG whose
 * signature is damaged): 415 {@code unsupported-image-type};</li>
 * <li>the width and height are read from the header, <em>before</em> any pixel is decoded. More than
 * {@link #MAX_SIDE} px on a side or {@link #MAX_PIXELS} pixels: 400 (a guard against decompression bombs,
 * a small file that claims a huge image); then the field's own rule: exactly {@value #LOGO_WIDTH}×{@value
 * #LOGO_HEIGHT} px for a logo, {@value #MIN_PHOTO_SIDE}..{@value #MAX_PHOTO_SIDE} px on each side for a
 * photo: 400;</li>
 * <li>the first image is decoded in full, so a truncated or corrupt file is refused with 400. Decoder
 * warnings count as failures: the JPEG decoder only <em>warns</em> about a truncated file and fills the
 * missing rows with grey.</li>
 * </ol>
 * Any exception the decoder throws on broken input (also the runtime ones some decoders throw, such as
 * {@code IndexOutOfBoundsException}) becomes the 400, never a 500. Metadata is not read (an ancillary
 * chunk such as a compressed PNG text can itself be a bomb); transparency is part of the pixel data and
 * survives that. Of an animated GIF only the first frame is checked.
 *
 * <h2>The logo's transparent background (a heuristic, shown as a warning only)</h2>
 * A logo is shown on pages of any colour, so it displays best on a transparent background. A logo counts as
 * having one when <b>each of its four corner pixels is at least partly transparent</b> (alpha below 255)
 * after decoding. Corners are the pixels least likely to belong to the mark itself. A colour model without
 * an alpha channel or a transparent palette index reports every pixel as opaque, so an opaque PNG or GIF
 * fails this test by construction; a JPEG cannot be transparent at all. Either way the logo is
 * <em>accepted</em>, with a warning in {@link Checked#warnings()}. A mark that reaches into a corner also
 * gets the warning; that is a false alarm the uploader can ignore.
 */
public final class ImageCheck {

    /** The one size a logo may have, in pixels. */
    public static final int LOGO_WIDTH = 300;
    public static final int LOGO_HEIGHT = 120;

    /**
     * The most bytes a logo may have: 256 KiB. A 300×120 image has 36,000 pixels; even stored without any
     * compression at 32 bits a pixel that is 144,000 bytes, so every honest encoding fits with room for
     * metadata, and anything larger is not a logo.
     */
    public static final int MAX_LOGO_BYTES = 256 * 1024;

    /** The most bytes a photo may have: 1023 KiB, under the API's 1 MiB request body limit. */
    public static final int MAX_PHOTO_BYTES = 1024 * 1024 - 1024;

    /** The smallest and largest side of a photo, in pixels (both inclusive). */
    public static final int MIN_PHOTO_SIDE = 32;
    public static final int MAX_PHOTO_SIDE = 2048;

    /** Nothing wider or higher than this is decoded, whatever the field allows. */
    public static final int MAX_SIDE = 4096;

    /** Nothing with more pixels than this (16 megapixels, 64 MB decoded at 32 bits) is decoded. */
    public static final long MAX_PIXELS = 16_000_000L;

    /** The image formats the host takes, with the media type to serve each with. */
    public enum Format {
        PNG("image/png"), JPEG("image/jpeg"), GIF("image/gif");

        private final String mediaType;

        Format(String mediaType) {
            this.mediaType = mediaType;
        }

        /** @return the media type to serve an image of this format with, e.g. {@code image/png} */
        public String mediaType() {
            return mediaType;
        }

        /** @return the format an {@code ImageReader} of this format name reads, or null for any other */
        static Format ofReaderFormat(String formatName) {
            for (Format f : values()) {
                if (f.name().equalsIgnoreCase(formatName)) {
                    return f;
                }
            }
            return null;
        }
    }

    /**
     * A valid image.
     *
     * @param format   its format, decided by its content
     * @param width    its width in pixels
     * @param height   its height in pixels
     * @param warnings what the uploader should know although the image is accepted, e.g. that the logo has no
     *                 transparent background; empty when all is well
     */
    public record Checked(Format format, int width, int height, List<String> warnings) {
        public Checked {
            warnings = List.copyOf(warnings);
        }
    }

    static final String JPEG_LOGO_WARNING = "the logo is a JPEG, which has no transparent background; "
            + "a PNG or GIF with a transparent background displays best";
    static final String OPAQUE_LOGO_WARNING = "the logo has no transparent background (its corners are opaque); "
            + "it displays best on a transparent background";

    private ImageCheck() {
    }

    /**
     * Checks a company logo: PNG, JPEG or GIF of exactly {@value #LOGO_WIDTH}×{@value #LOGO_HEIGHT} px, at most
     * {@link #MAX_LOGO_BYTES} bytes. One without a transparent background is accepted with a warning.
     *
     * @param bytes the uploaded bytes
     * @return the logo's format, size and warnings
     * @throws ApiException 400, 413 or 415 as described on the class
     */
    public static Checked logo(byte[] bytes) {
        Decoded d = decode("logo", bytes, MAX_LOGO_BYTES, (w, h) -> w == LOGO_WIDTH && h == LOGO_HEIGHT ? null
                : "must be exactly " + LOGO_WIDTH + "×" + LOGO_HEIGHT + " px; this image is " + w + "×" + h + " px");
        List<String> warnings = new ArrayList<>();
        if (d.format() == Format.JPEG) {
            warnings.add(JPEG_LOGO_WARNING);
        } else if (!hasTransparentBackground(d.image())) {
            warnings.add(OPAQUE_LOGO_WARNING);
        }
        return new Checked(d.format(), d.image().getWidth(), d.image().getHeight(), warnings);
    }

    /**
     * Checks a personal photo: PNG, JPEG or GIF, {@value #MIN_PHOTO_SIDE}..{@value #MAX_PHOTO_SIDE} px on each
     * side, at most {@link #MAX_PHOTO_BYTES} bytes. Never warns.
     *
     * @param bytes the uploaded bytes
     * @return the photo's format and size
     * @throws ApiException 400, 413 or 415 as described on the class
     */
    public static Checked photo(byte[] bytes) {
        Decoded d = decode("photo", bytes, MAX_PHOTO_BYTES, (w, h) -> photoSide(w) && photoSide(h) ? null
                : "must be between " + MIN_PHOTO_SIDE + " and " + MAX_PHOTO_SIDE + " px on each side; this image is "
                        + w + "×" + h + " px");
        return new Checked(d.format(), d.image().getWidth(), d.image().getHeight(), List.of());
    }

    private static boolean photoSide(int px) {
        return px >= MIN_PHOTO_SIDE && px <= MAX_PHOTO_SIDE;
    }

    /**
     * The heuristic described on the class: each corner pixel at least partly transparent.
     * {@link BufferedImage#getRGB} answers alpha 255 for every pixel of a colour model without alpha, so this
     * also tells whether the image can be transparent at all.
     */
    static boolean hasTransparentBackground(BufferedImage image) {
        int right = image.getWidth() - 1;
        int bottom = image.getHeight() - 1;
        return notOpaque(image.getRGB(0, 0)) && notOpaque(image.getRGB(right, 0)) && notOpaque(image.getRGB(0, bottom))
                && notOpaque(image.getRGB(right, bottom));
    }

    private static boolean notOpaque(int argb) {
        return argb >>> 24 < 255;
    }

    /** The field's own rule on width and height; answers what is wrong, or null when they are fine. */
    @FunctionalInterface
    private interface SizeRule {
        String problem(int width, int height);
    }

    private record Decoded(Format format, BufferedImage image) {
    }

    private static Decoded decode(String field, byte[] bytes, int maxBytes, SizeRule rule) {
        if (bytes == null || bytes.length == 0) {
            throw ApiException.validation(field,
                    "is required: send the image's bytes as the request body (a PNG, JPEG or GIF image)");
        }
        if (bytes.length > maxBytes) {
            throw new ApiException(413, "payload-too-large", "Image too large", "The " + field + " may be at most "
                    + maxBytes / 1024 + " KiB (" + maxBytes + " bytes); " + bytes.length + " bytes were sent", null);
        }
        // In memory on purpose: ImageIO.createImageInputStream would cache the upload in a temporary file.
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            ImageReader reader = readerFor(field, in);
            try {
                return decode(field, in, reader, rule);
            } finally {
                reader.dispose();
            }
        } catch (IOException e) { // closing an in-memory stream; nothing to tell the uploader
            throw new IllegalStateException(e);
        }
    }

    private static Decoded decode(String field, ImageInputStream in, ImageReader reader, SizeRule rule) {
        Format format = Format.ofReaderFormat(formatName(reader));
        int width;
        int height;
        BufferedImage image;
        List<String> warnings = new ArrayList<>();
        try {
            reader.setInput(in, true, true);
            reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
            width = reader.getWidth(0);
            height = reader.getHeight(0);
        } catch (IOException | RuntimeException e) {
            throw unreadable(field, format, e);
        }
        if (width > MAX_SIDE || height > MAX_SIDE || (long) width * height > MAX_PIXELS) {
            throw ApiException.validation(field, "is " + width + "×" + height + " px, larger than the host decodes"
                    + " (at most " + MAX_SIDE + " px on a side and " + MAX_PIXELS + " pixels)");
        }
        String problem = rule.problem(width, height);
        if (problem != null) {
            throw ApiException.validation(field, problem);
        }
        try {
            image = reader.read(0);
        } catch (IOException | RuntimeException e) {
            throw unreadable(field, format, e);
        }
        if (!warnings.isEmpty()) {
            throw ApiException.validation(field, "is not a readable " + format + " image: " + warnings.get(0));
        }
        return new Decoded(format, image);
    }

    private static ApiException unreadable(String field, Format format, Exception e) {
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return ApiException.validation(field, "is not a readable " + format + " image: " + why);
    }

    /**
     * @return a reader of PNG, JPEG or GIF that recognises the content; the readers not taken are disposed
     * @throws ApiException 415 when no such reader recognises it
     */
    private static ImageReader readerFor(String field, ImageInputStream in) {
        String other = null;
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        while (readers.hasNext()) {
            ImageReader reader = readers.next();
            if (Format.ofReaderFormat(formatName(reader)) != null) {
                return reader;
            }
            if (other == null) {
                other = formatName(reader).toUpperCase(Locale.ROOT);
            }
            reader.dispose();
        }
        throw new ApiException(415, "unsupported-image-type", "Unsupported image type", "The " + field
                + " must be a PNG, JPEG or GIF image (decided by its content, not its name or declared type); "
                + (other == null ? "this content is not an image the host recognises" : "this one is " + other),
                null);
    }

    /** @return the reader's main format name, e.g. {@code png}, {@code JPEG}, {@code bmp} (what getFormatName answers, without its IOException) */
    private static String formatName(ImageReader reader) {
        return reader.getOriginatingProvider().getFormatNames()[0];
    }
}
