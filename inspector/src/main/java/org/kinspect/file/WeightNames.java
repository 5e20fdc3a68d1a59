package org.kinspect.file;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns the path Keras stored a weight under into the weight's Keras name: {@code lstm_1/kernel:0}
 * and {@code model_weights/lstm_1/lstm_1/kernel:0} become {@code kernel}, Keras 1's
 * {@code lstm_1_W_i:0} becomes {@code W_i}, and the halves of a Bidirectional wrapper become
 * {@code forward_kernel} and {@code backward_kernel}.
 */
public final class WeightNames {
    private static final Pattern TENSOR_SUFFIX = Pattern.compile(":\\d+$");
    // TensorFlow makes names unique with "_1", "_2" (kernel_1:0) when a graph is built twice.
    private static final Pattern UNIQUE_SUFFIX = Pattern.compile("_\\d+$");

    private WeightNames() {}

    /**
     * Weights of a layer's sublayers that Keras names alike (MultiHeadAttention's four
     * {@code kernel}s, under {@code query/}, {@code key/}, {@code value/}, {@code attention_output/})
     * are told apart by the sublayer: {@code query/kernel}. Other names stay as they are.
     *
     * @param tensors one layer's weights, named by {@link #kerasName}
     * @return the same weights, repeated names qualified by the folder they are stored in
     */
    public static List<WeightTensor> qualifiedWhereRepeated(List<WeightTensor> tensors) {
        Map<String, Long> counts = tensors.stream().collect(Collectors.groupingBy(WeightTensor::name,
                Collectors.counting()));
        if (counts.values().stream().allMatch(count -> count == 1)) {
            return tensors;
        }
        List<WeightTensor> qualified = new ArrayList<>();
        for (WeightTensor tensor : tensors) {
            String[] parts = tensor.path().split("/");
            boolean repeated = counts.get(tensor.name()) > 1 && parts.length >= 2;
            qualified.add(repeated ? new WeightTensor(parts[parts.length - 2] + "/" + tensor.name(), tensor.path(),
                    tensor.stored()) : tensor);
        }
        return qualified;
    }

    /**
     * @param layerName the layer the weight is of
     * @param weightPath the path it is stored under, from the layer's group on or whole
     * @return its Keras name, e.g. {@code kernel}, {@code W_i}, {@code forward_kernel}
     */
    public static String kerasName(String layerName, String weightPath) {
        String[] parts = weightPath.split("/");
        String name = TENSOR_SUFFIX.matcher(parts[parts.length - 1]).replaceFirst("");
        // Keras 1: lstm_1_W_i, flat or under a TensorFlow scope; not Keras 3's attention/attention_score_weight,
        // stored in a folder named after the layer
        boolean inLayerFolder = parts.length >= 2 && parts[parts.length - 2].equals(layerName);
        if (name.startsWith(layerName + "_") && !inLayerFolder) {
            name = name.substring(layerName.length() + 1);
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
