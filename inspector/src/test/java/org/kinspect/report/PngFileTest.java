package org.kinspect.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.kinspect.report.png.PngFile;

/** PNGs written by {@link PngFile} decode, with the JDK's own reader, to exactly the image's pixels. */
class PngFileTest {

    @Test
    void opaqueImagesOfEveryPixelLayoutDecodeToTheSamePixels() throws IOException {
        for (int type : new int[] {BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_INT_ARGB,
                BufferedImage.TYPE_3BYTE_BGR, BufferedImage.TYPE_INT_ARGB_PRE}) {
            BufferedImage image = randomImage(type, 37, 23, false);
            BufferedImage decoded = roundTrip(image);
            assertSamePixels(image, decoded);
            assertEquals(3, decoded.getColorModel().getNumComponents(), "an opaque image is written as RGB");
        }
    }

    @Test
    void runsOfOneColourBlackAtRowStartsAndUnusedHighBytesDecodeToTheSamePixels() throws IOException {
        // TYPE_INT_RGB straight from its pixel array: runs filter to zeros, black at the start of a
        // row equals the zeros left of it, the unused top byte of a pixel is not part of its colour,
        // and rows are handed to zlib in blocks (here 72 rows of 901 bytes, the last block shorter)
        int width = 300;
        int height = 500;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] pixels = ((java.awt.image.DataBufferInt) image.getRaster().getDataBuffer()).getData();
        Random random = new Random(18);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int colour = x < 3 ? 0 : (x / 40 % 2 == 0 ? 0xffffff : 0x316eaa) ^ (random.nextInt(50) == 0 ? 0x10101 : 0);
                pixels[y * width + x] = (random.nextBoolean() ? 0xff000000 : 0) | colour;
            }
        }
        BufferedImage decoded = roundTrip(image);
        assertSamePixels(image, decoded);
        assertEquals(3, decoded.getColorModel().getNumComponents());
        BufferedImage part = image.getSubimage(7, 11, 101, 53); // an offset raster: read row by row
        assertSamePixels(part, roundTrip(part));
    }

    @Test
    void transparencyIsKept() throws IOException {
        BufferedImage image = randomImage(BufferedImage.TYPE_INT_ARGB, 19, 31, true);
        BufferedImage decoded = roundTrip(image);
        assertSamePixels(image, decoded);
        assertEquals(4, decoded.getColorModel().getNumComponents());
    }

    @Test
    void aRealChartDecodesToItsPixelsAndStaysSmall() throws IOException {
        double[] values = new Random(7).doubles(64, -1, 1).toArray();
        BufferedImage chart = UnitBarChart.create("dense_1", "Dense", "each unit's activation", values,
                List.of("example 0 of 4")).chart().createBufferedImage(800, 500);
        ByteArrayOutputStream ours = new ByteArrayOutputStream();
        PngFile.write(chart, ours);
        assertSamePixels(chart, ImageIO.read(new ByteArrayInputStream(ours.toByteArray())));
        ByteArrayOutputStream jdk = new ByteArrayOutputStream();
        ImageIO.write(chart, "png", jdk);
        // a faster filter and zlib level must not cost a report much disk
        assertTrue(ours.size() < 2 * jdk.size(), ours.size() + " bytes against ImageIO's " + jdk.size());
    }

    private static BufferedImage roundTrip(BufferedImage image) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PngFile.write(image, bytes);
        return ImageIO.read(new ByteArrayInputStream(bytes.toByteArray()));
    }

    private static BufferedImage randomImage(int type, int width, int height, boolean transparent) {
        Random random = new Random(type * 31L + width);
        BufferedImage image = new BufferedImage(width, height, type);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int alpha = transparent ? random.nextInt(256) : 0xff;
                image.setRGB(x, y, alpha << 24 | random.nextInt(1 << 24));
            }
        }
        return image;
    }

    private static void assertSamePixels(BufferedImage expected, BufferedImage actual) {
        assertEquals(expected.getWidth(), actual.getWidth());
        assertEquals(expected.getHeight(), actual.getHeight());
        for (int y = 0; y < expected.getHeight(); y++) {
            for (int x = 0; x < expected.getWidth(); x++) {
                assertEquals(Integer.toHexString(expected.getRGB(x, y)), Integer.toHexString(actual.getRGB(x, y)),
                        "pixel (" + x + ", " + y + ")");
            }
        }
    }
}
