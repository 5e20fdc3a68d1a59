package org.kinspect.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Arrays;
import javax.imageio.ImageIO;

/** Checks that a chart file is a real PNG of the size it claims, with something drawn in it. */
final class PngAssertions {
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private PngAssertions() {}

    static void assertDrawn(ReportImage image) {
        try {
            byte[] bytes = Files.readAllBytes(image.file());
            assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(bytes, 8), image.file() + " is not a PNG");
            BufferedImage png = ImageIO.read(image.file().toFile());
            assertNotNull(png, image.file() + " cannot be decoded");
            assertEquals(image.width(), png.getWidth(), image.file() + " width");
            assertEquals(image.height(), png.getHeight(), image.file() + " height");
            assertTrue(luminanceVariance(png) > 100, image.file() + " is blank");
            // Titles and axes are grey; data (bars, cells, lines, squares) is coloured.
            assertTrue(colouredFraction(png) > 0.005, image.file() + " has no data drawn in it");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double luminanceVariance(BufferedImage png) {
        double sum = 0;
        double squares = 0;
        long count = (long) png.getWidth() * png.getHeight();
        for (int y = 0; y < png.getHeight(); y++) {
            for (int x = 0; x < png.getWidth(); x++) {
                Color c = new Color(png.getRGB(x, y));
                double luminance = 0.299 * c.getRed() + 0.587 * c.getGreen() + 0.114 * c.getBlue();
                sum += luminance;
                squares += luminance * luminance;
            }
        }
        double mean = sum / count;
        return squares / count - mean * mean;
    }

    private static double colouredFraction(BufferedImage png) {
        long coloured = 0;
        for (int y = 0; y < png.getHeight(); y++) {
            for (int x = 0; x < png.getWidth(); x++) {
                Color c = new Color(png.getRGB(x, y));
                int spread = Math.max(c.getRed(), Math.max(c.getGreen(), c.getBlue()))
                        - Math.min(c.getRed(), Math.min(c.getGreen(), c.getBlue()));
                if (spread > 40) coloured++;
            }
        }
        return (double) coloured / ((long) png.getWidth() * png.getHeight());
    }
}
