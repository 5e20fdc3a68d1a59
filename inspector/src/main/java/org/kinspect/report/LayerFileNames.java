package org.kinspect.report;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The one rule for naming the files kinspect writes about layers (their {@code .npy} outputs,
 * their charts, their weights): the same model always gives the same names, and any layer name
 * gives a name every file system accepts.
 *
 * <p>Every character other than an ASCII letter, digit, {@code .}, {@code -} or {@code _} becomes
 * {@code _} ({@code block_1/conv} gives {@code block_1_conv}). When two names would be the same,
 * also when they differ only in case (macOS and Windows do not tell those apart), the later one
 * gets {@code -2}, {@code -3}...
 *
 * <pre>{@code
 * Map<String, String> stems = LayerFileNames.stems(List.of("block_1/conv", "block_1_conv"));
 * // {block_1/conv=block_1_conv, block_1_conv=block_1_conv-2}
 * String png = LayerFileNames.join(stems.get("block_1/conv"), "heatmap", "png"); // block_1_conv.heatmap.png
 * }</pre>
 */
public final class LayerFileNames {

    private LayerFileNames() {}

    /**
     * @param names layer (or weight) names, in order
     * @return for each name its file name stem, unique among them, in the same order
     */
    public static Map<String, String> stems(List<String> names) {
        Map<String, String> stems = new LinkedHashMap<>();
        Set<String> taken = new HashSet<>();
        for (String name : names) {
            if (stems.containsKey(name)) continue;
            String base = safe(name);
            String stem = base;
            for (int suffix = 2; !taken.add(stem.toLowerCase(Locale.ROOT)); suffix++) {
                stem = base + "-" + suffix;
            }
            stems.put(name, stem);
        }
        return stems;
    }

    /**
     * @param name any name
     * @return it with every character but ASCII letters, digits, {@code .}, {@code -} and {@code _} made {@code _}
     */
    public static String safe(String name) {
        StringBuilder safe = new StringBuilder(name.length());
        for (char c : name.toCharArray()) {
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '-' || c == '_';
            safe.append(allowed ? c : '_');
        }
        return safe.toString();
    }

    /**
     * @param stem a stem from {@link #stems}
     * @param parts what the file holds and its extension, each already safe
     * @return the parts joined by dots: {@code join("lstm_1", "weights", "kernel", "npy")} gives
     *     {@code lstm_1.weights.kernel.npy}
     */
    public static String join(String stem, String... parts) {
        return stem + (parts.length == 0 ? "" : "." + String.join(".", parts));
    }

    /**
     * @param layerStem the layer's stem, from {@link #stems} of the layer names
     * @param weightStem the weight's, from {@link #stems} of the layer's weight names
     * @param parts what the file holds and its extension
     * @return e.g. {@code lstm_1.weights.kernel.npy}, or {@code lstm_1.weights.kernel.hinton.png}
     */
    public static String weightFile(String layerStem, String weightStem, String... parts) {
        String[] all = new String[parts.length + 2];
        all[0] = "weights";
        all[1] = weightStem;
        System.arraycopy(parts, 0, all, 2, parts.length);
        return join(layerStem, all);
    }

    /**
     * @param layerStem the layer's stem, from {@link #stems}
     * @param traceName a gate trace's name ({@code f}, {@code forward_c}), safe
     * @param parts what the file holds and its extension
     * @return e.g. {@code lstm_1.gates.f.npy}, or for a Bidirectional half {@code bi.forward.gates.c.npy}
     */
    public static String gateFile(String layerStem, String traceName, String... parts) {
        List<String> all = new java.util.ArrayList<>();
        String name = traceName;
        for (String direction : List.of("forward", "backward")) {
            if (traceName.startsWith(direction + "_")) {
                all.add(direction);
                name = traceName.substring(direction.length() + 1);
            }
        }
        all.add("gates");
        all.add(name);
        all.addAll(List.of(parts));
        return join(layerStem, all.toArray(String[]::new));
    }
}
