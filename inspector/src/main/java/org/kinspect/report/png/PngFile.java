package org.kinspect.report.png;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.SinglePixelPackedSampleModel;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Writes a chart's image as a PNG file, several times faster than {@code ImageIO}: the JDK's PNG
 * writer tries all five row filters on every row in Java, which made encoding most of a report's
 * time. Here every row gets the one filter that suits charts (Sub: flat colours and horizontal
 * runs become zeros) and zlib compresses at a fast level; the pixels are exactly the image's.
 * Opaque images are written as RGB, others as RGBA, 8 bits a channel.
 *
 * <pre>{@code
 * PngFile.write(chart.createBufferedImage(800, 500), Path.of("report/lstm_1.units.png"));
 * }</pre>
 */
public final class PngFile {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final int FILTER_SUB = 1;
    private static final int COLOUR_RGB = 2;
    private static final int COLOUR_RGBA = 6;
    // zlib level 3: nearly level 6's size on charts, at about half its time
    private static final int COMPRESSION = 3;

    private PngFile() {}

    /**
     * @param image the image
     * @param file where to write it; replaced if it exists
     * @throws IOException when the file cannot be written
     */
    public static void write(BufferedImage image, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            write(image, out);
        }
    }

    /**
     * @param image the image
     * @param out where the PNG's bytes go; left open
     * @throws IOException when the stream fails
     */
    public static void write(BufferedImage image, OutputStream out) throws IOException {
        int width = image.getWidth();
        int height = image.getHeight();
        boolean alpha = hasTransparency(image);
        int channels = alpha ? 4 : 3;
        DataOutputStream png = new DataOutputStream(out);
        png.write(SIGNATURE);
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        DataOutputStream fields = new DataOutputStream(header);
        fields.writeInt(width);
        fields.writeInt(height);
        fields.writeByte(8); // bits per channel
        fields.writeByte(alpha ? COLOUR_RGBA : COLOUR_RGB);
        fields.writeByte(0); // deflate
        fields.writeByte(0); // adaptive filtering (one filter type per row)
        fields.writeByte(0); // not interlaced
        chunk(png, "IHDR", header.toByteArray());

        ByteArrayOutputStream compressed = new ByteArrayOutputStream(width * height / 4 + 1024);
        Deflater deflater = new Deflater(COMPRESSION);
        try (DeflaterOutputStream zlib = new DeflaterOutputStream(compressed, deflater, 1 << 16)) {
            int[] plain = opaqueInts(image);
            if (plain != null) {
                writeOpaqueRows(plain, image.getRaster().getDataBuffer().getOffset(),
                        ((SinglePixelPackedSampleModel) image.getSampleModel()).getScanlineStride(), width, height,
                        zlib);
            } else {
                writeRows(image, alpha, channels, zlib);
            }
        } finally {
            deflater.end();
        }
        chunk(png, "IDAT", compressed.toByteArray());
        chunk(png, "IEND", new byte[0]);
        png.flush();
    }

    /**
     * The rows of an opaque image of plain ints, filtered straight from its pixel array: one pass,
     * a few operations a pixel (a short command runs this code mostly before it is compiled, so the
     * row is a method of its own, which the JVM compiles after some hundreds of rows, and each block
     * of rows starts as a new zeroed array rather than being cleared byte by byte).
     */
    private static void writeOpaqueRows(int[] pixels, int offset, int stride, int width, int height,
            OutputStream zlib) throws IOException {
        // several rows per write: fewer calls into zlib
        int rowBytes = 1 + width * 3;
        int rowsPerBlock = Math.max(1, (1 << 16) / rowBytes);
        byte[] block = new byte[rowBytes * rowsPerBlock];
        int filled = 0;
        for (int y = 0; y < height; y++) {
            filterRow(pixels, offset + y * stride, width, block, filled * rowBytes);
            if (++filled == rowsPerBlock) {
                zlib.write(block, 0, filled * rowBytes);
                filled = 0;
                if (y + 1 < height) {
                    block = new byte[block.length];
                }
            }
        }
        zlib.write(block, 0, filled * rowBytes);
    }

    /**
     * One row with the Sub filter into a zeroed part of {@code block}: a pixel like the one left of
     * it filters to three zeros, and most of a chart is runs of one colour, so only the changes are
     * written.
     */
    private static void filterRow(int[] pixels, int from, int width, byte[] block, int at) {
        block[at++] = FILTER_SUB;
        int end = from + width;
        int previous = 0; // the pixel left of the first reads as zeros
        for (int index = from; index < end; index++, at += 3) {
            int rgb = pixels[index];
            if (rgb != previous) {
                block[at] = (byte) ((rgb >> 16) - (previous >> 16));
                block[at + 1] = (byte) ((rgb >> 8) - (previous >> 8));
                block[at + 2] = (byte) (rgb - previous);
                previous = rgb;
            }
        }
    }

    /** The rows of any other image, read through {@link #readRow}. */
    private static void writeRows(BufferedImage image, boolean alpha, int channels, OutputStream zlib)
            throws IOException {
        int width = image.getWidth();
        int[] pixels = new int[width];
        byte[] row = new byte[1 + width * channels];
        row[0] = FILTER_SUB;
        for (int y = 0; y < image.getHeight(); y++) {
            readRow(image, y, pixels);
            int previous = 0; // the pixel left of the first reads as zeros
            int at = 1;
            for (int x = 0; x < width; x++) {
                int argb = pixels[x];
                row[at++] = (byte) ((argb >>> 16) - (previous >>> 16));
                row[at++] = (byte) ((argb >>> 8) - (previous >>> 8));
                row[at++] = (byte) (argb - previous);
                if (alpha) {
                    row[at++] = (byte) ((argb >>> 24) - (previous >>> 24));
                }
                previous = argb;
            }
            zlib.write(row);
        }
    }

    /** @return the pixel array of an opaque TYPE_INT_RGB image, or null for any other image */
    private static int[] opaqueInts(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_INT_RGB
                && image.getRaster().getDataBuffer() instanceof DataBufferInt buffer
                && image.getSampleModel() instanceof SinglePixelPackedSampleModel
                && image.getRaster().getSampleModelTranslateX() == 0 && image.getRaster().getSampleModelTranslateY() == 0) {
            return buffer.getData();
        }
        return null;
    }

    /** Reads one row as non-premultiplied ARGB, straight from the pixel array when the image is plain ints. */
    private static void readRow(BufferedImage image, int y, int[] pixels) {
        int type = image.getType();
        if ((type == BufferedImage.TYPE_INT_RGB || type == BufferedImage.TYPE_INT_ARGB)
                && image.getRaster().getDataBuffer() instanceof DataBufferInt buffer
                && image.getSampleModel() instanceof SinglePixelPackedSampleModel model
                && image.getRaster().getSampleModelTranslateX() == 0 && image.getRaster().getSampleModelTranslateY() == 0) {
            System.arraycopy(buffer.getData(), buffer.getOffset() + y * model.getScanlineStride(), pixels, 0,
                    pixels.length);
            if (type == BufferedImage.TYPE_INT_RGB) {
                for (int x = 0; x < pixels.length; x++) {
                    pixels[x] |= 0xff000000;
                }
            }
            return;
        }
        image.getRGB(0, y, pixels.length, 1, pixels, 0, pixels.length);
    }

    private static boolean hasTransparency(BufferedImage image) {
        if (!image.getColorModel().hasAlpha()) {
            return false;
        }
        int[] pixels = new int[image.getWidth()];
        for (int y = 0; y < image.getHeight(); y++) {
            readRow(image, y, pixels);
            for (int pixel : pixels) {
                if (pixel >>> 24 != 0xff) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void chunk(DataOutputStream png, String type, byte[] data) throws IOException {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        png.writeInt(data.length);
        png.write(name);
        png.write(data);
        png.writeInt((int) crc.getValue());
    }
}
