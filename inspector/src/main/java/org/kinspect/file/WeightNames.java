package org.kinspect.file;

import java.util.regex.Pattern;

/**
 * Turns the path Keras stored a weight under into the weight's Keras name: {@code lstm_1/kernel:0}
 * and {@code model_weights/lstm_1/lstm_1/kernel:0} become {@code kernel}, Keras 1's
 * {@code lstm_1_W_i:0} becomes {@code W_i}, and the halves of a Bidirectional wrapper become
 * {@code forward_kernel} and {@code backward_kernel}.
 */
final class WeightNames {
    private static final Pattern TENSOR_SUFFIX = Pattern.compile(":\\d+$");
    // TensorFlow makes names unique with "_1", "_2" (kernel_1:0) when a graph is built twice.
    private static final Pattern UNIQUE_SUFFIX = Pattern.compile("_\\d+$");

    private WeightNames() {}

    static String kerasName(String layerName, String weightPath) {
        String[] parts = weightPath.split("/");
        String name = TENSOR_SUFFIX.matcher(parts[parts.length - 1]).replaceFirst("");
        if (name.startsWith(layerName + "_")) {
            name = name.substring(layerName.length() + 1); // Keras 1: lstm_1_W_i
        }
        name = UNIQUE_SUFFIX.matcher(name).replaceFirst("");
        for (int i = 0; i < parts.length - 1; i++) {
            if (parts[i].startsWith("forward_") || parts[i].equals("forward_layer")) {
                return "forward_" + name;
            }
            if (parts[i].startsWith("backward_") || parts[i].equals("backward_layer")) {
                return "backward_" + name;
            }
        }
        return name;
    }
}
