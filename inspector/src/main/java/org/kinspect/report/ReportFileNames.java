package org.kinspect.report;

import java.util.regex.Pattern;

/**
 * File names for a layer's charts: the same layer always gets the same name, and any layer name,
 * even one with {@code /} or spaces in it, gives a name safe on every file system.
 *
 * <p>{@code lstm_1} and {@code heatmap} give {@code lstm_1.heatmap.png}; {@code block/conv 1} gives
 * {@code block_conv_1-1f3a9c.heatmap.png}, the suffix (from the original name) keeping it apart
 * from a layer really called {@code block_conv_1}.
 */
final class ReportFileNames {
    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9_.-]");

    private ReportFileNames() {}

    /**
     * @param layer a Keras layer name
     * @param parts what the file shows, e.g. {@code "heatmap"} or {@code "kernel", "hinton"}
     * @return the PNG file name
     */
    static String png(String layer, String... parts) {
        StringBuilder name = new StringBuilder(safe(layer));
        for (String part : parts) {
            name.append('.').append(safe(part));
        }
        return name.append(".png").toString();
    }

    /**
     * @param name any name
     * @return it when it is already safe, else its safe characters plus a short hash of the original
     */
    static String safe(String name) {
        String cleaned = UNSAFE.matcher(name).replaceAll("_");
        if (cleaned.startsWith(".")) {
            cleaned = "_" + cleaned.substring(1); // no hidden files
        }
        if (cleaned.equals(name) && !name.isEmpty()) {
            return name;
        }
        // String.hashCode is specified, so the suffix is the same on every run and every JVM.
        return cleaned + "-" + String.format("%06x", name.hashCode() & 0xffffff);
    }
}
