package org.kinspect.report.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The SVG's numbers and colours are written as {@code String.format} writes them, to the byte:
 * coordinates ({@code %.1f}), parameter counts ({@code %,d}) and colours ({@code #%02x%02x%02x}).
 */
class GraphTextFormatTest {

    private static String formatted(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }

    @Test
    void halfwayAndSignedValuesRoundAsTheFormatterRoundsThem() {
        double[] values = {0.05, -0.05, 0.04, -0.04, -0.0, 0.25, 0.35, 0.45, 1.45, 2.675, -2.675, 12.95, -12.95,
            99.95, -99.95, 0.95, 1e-9, -1e-9, 123456.75, 1.0E7 + 0.05, 4.35, 8.15, 1.005, 0.15000000000000002,
            Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE, 1e15 + 0.5};
        for (double value : values) {
            assertEquals(formatted(value), SvgCanvas.number(value), "value " + value);
        }
    }

    @Test
    void coordinatesOfEveryScaleRoundAsTheFormatterRoundsThem() {
        SplittableRandom random = new SplittableRandom(18);
        for (int draw = 0; draw < 200_000; draw++) {
            double scale = Math.pow(10, random.nextInt(-4, 7));
            double value = (random.nextDouble() * 2 - 1) * scale;
            if (draw % 3 == 0) {
                value = Math.round(value * 100) / 100.0; // two decimals: many exact halves at one decimal
            }
            assertEquals(formatted(value), SvgCanvas.number(value), "value " + value);
        }
    }

    @Test
    void parameterCountsAreGroupedAsTheFormatterGroupsThem() {
        long[] values = {0, 7, -7, 999, 1000, -1000, 12_345, 999_999, 1_000_000, -123_456_789, Long.MAX_VALUE,
            Long.MIN_VALUE};
        for (long value : values) {
            assertEquals(String.format(Locale.ROOT, "%,d", value), NodeText.grouped(value), "value " + value);
        }
        SplittableRandom random = new SplittableRandom(18);
        for (int draw = 0; draw < 20_000; draw++) {
            long value = random.nextLong() >> random.nextInt(64);
            assertEquals(String.format(Locale.ROOT, "%,d", value), NodeText.grouped(value), "value " + value);
        }
    }

    @Test
    void coloursAreWrittenAsTheFormatterWritesThem() {
        for (int channel = -300; channel <= 300; channel++) {
            assertEquals(String.format(Locale.ROOT, "#%02x%02x%02x", channel, 255 - channel, channel & 0xf),
                    GraphDrawing.hexColour(channel, 255 - channel, channel & 0xf), "channel " + channel);
        }
    }
}
