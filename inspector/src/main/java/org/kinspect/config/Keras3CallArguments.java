package org.kinspect.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kinspect.errors.KinspectException;

/**
 * One call of a layer as a Keras 3 configuration records it in {@code inbound_nodes}:
 * {@code {"args": [...], "kwargs": {...}}}, where each tensor is
 * {@code {"class_name": "__keras_tensor__", "config": {"shape": ..., "keras_history": [LAYER, NODE, INDEX]}}}.
 * Merge layers take one list argument, ops their tensors one by one; both are flattened here.
 *
 * @param tensors the tensors passed as positional arguments, in order
 * @param constants the positional arguments that are not tensors ({@code 2.0} in {@code x * 2.0})
 * @param tensorKeywords keyword arguments that hold tensors ({@code mask}, {@code initial_state})
 * @param positional the tensors of each positional argument, one list per argument (empty for one
 *     that holds none), for layers whose arguments mean different things by position
 *     (MultiHeadAttention's {@code query, value, key})
 * @param plainKeywords keyword arguments that hold no tensor ({@code use_causal_mask: true})
 * @param arguments the positional arguments in call order, each tensor in them (also inside lists)
 *     as a {@link KerasTensor}: what an operation needs ({@code 2.0 - x} is not {@code x - 2.0})
 */
record Keras3CallArguments(List<KerasTensor> tensors, List<Object> constants,
        Map<String, List<KerasTensor>> tensorKeywords, List<List<KerasTensor>> positional,
        Map<String, Object> plainKeywords, List<Object> arguments) {

    /**
     * A symbolic tensor: output {@code index} of call {@code node} of layer {@code layer}.
     *
     * @param layer the layer that produced it
     * @param node which call of that layer
     * @param index which of the call's outputs (an LSTM with {@code return_state}: 1 is h, 2 is c)
     * @param shape its shape, batch first (null for unknown sizes)
     */
    record KerasTensor(String layer, int node, int index, List<Object> shape) {

        /** @return the tensor in Keras 2's inbound form, {@code [layer, node, index, {}]} */
        List<Object> keras2Form() {
            List<Object> form = new ArrayList<>();
            form.add(layer);
            form.add(node);
            form.add(index);
            form.add(new LinkedHashMap<>());
            return form;
        }
    }

    /**
     * @param node one entry of a Keras 3 {@code inbound_nodes} list
     * @param source the file, for messages
     * @return its arguments
     */
    static Keras3CallArguments read(Object node, String source) {
        Map<String, Object> call = ConfigNormalizer.asMap(node, source, "inbound node");
        List<KerasTensor> tensors = new ArrayList<>();
        List<Object> constants = new ArrayList<>();
        List<Object> arguments = new ArrayList<>();
        List<List<KerasTensor>> positional = new ArrayList<>();
        Object args = call.get("args");
        for (Object argument : args instanceof List<?> list ? list : List.of()) {
            arguments.add(withTensors(argument, source));
            List<KerasTensor> found = new ArrayList<>();
            collectTensors(argument, found, source);
            if (found.isEmpty() && argument != null) {
                constants.add(argument);
            }
            tensors.addAll(found);
            positional.add(List.copyOf(found));
        }
        Map<String, List<KerasTensor>> keywords = new LinkedHashMap<>();
        Map<String, Object> plainKeywords = new LinkedHashMap<>();
        if (call.get("kwargs") instanceof Map<?, ?> kwargs) {
            for (Map.Entry<?, ?> keyword : kwargs.entrySet()) {
                List<KerasTensor> found = new ArrayList<>();
                collectTensors(keyword.getValue(), found, source);
                if (!found.isEmpty()) {
                    keywords.put(String.valueOf(keyword.getKey()), found);
                } else {
                    plainKeywords.put(String.valueOf(keyword.getKey()), keyword.getValue());
                }
            }
        }
        return new Keras3CallArguments(tensors, constants, keywords, positional, plainKeywords, arguments);
    }

    /** @return true for a node in Keras 3 form; Keras 2 (and hybrid tf.keras) nodes are lists */
    static boolean isKeras3Node(Object node) {
        return node instanceof Map<?, ?> map && (map.containsKey("args") || map.containsKey("kwargs"));
    }

    /** @return the positional tensors as one Keras 2 call: {@code [[layer, node, index, {}], ...]} */
    List<Object> keras2Node() {
        List<Object> node = new ArrayList<>();
        for (KerasTensor tensor : tensors) {
            node.add(tensor.keras2Form());
        }
        return node;
    }

    /** @return true when every positional tensor has the same shape */
    boolean tensorsHaveOneShape() {
        return tensors.stream().map(KerasTensor::shape).distinct().count() <= 1;
    }

    /** @return the value with every serialized tensor in it replaced by its {@link KerasTensor} */
    private static Object withTensors(Object value, String source) {
        if (value instanceof List<?> list) {
            List<Object> converted = new ArrayList<>();
            for (Object item : list) {
                converted.add(withTensors(item, source));
            }
            return converted;
        }
        if (value instanceof Map<?, ?> map && "__keras_tensor__".equals(map.get("class_name"))) {
            List<KerasTensor> found = new ArrayList<>();
            collectTensors(value, found, source);
            return found.get(0);
        }
        return value;
    }

    private static void collectTensors(Object value, List<KerasTensor> into, String source) {
        if (value instanceof List<?> list) {
            for (Object item : list) {
                collectTensors(item, into, source);
            }
        } else if (value instanceof Map<?, ?> map && "__keras_tensor__".equals(map.get("class_name"))) {
            Map<String, Object> config = ConfigNormalizer.asMap(map.get("config"), source, "tensor");
            List<Object> history = ConfigNormalizer.asList(config.get("keras_history"), source, "keras_history");
            if (history.size() < 3 || !(history.get(1) instanceof Number node)
                    || !(history.get(2) instanceof Number index)) {
                throw KinspectException.modelFile(source + ": the model configuration is damaged (keras_history "
                        + history + " is not [layer, node, tensor])");
            }
            List<Object> shape = config.get("shape") instanceof List<?> dims ? new ArrayList<>(dims) : null;
            into.add(new KerasTensor(String.valueOf(history.get(0)), node.intValue(), index.intValue(), shape));
        }
    }
}
