package org.kinspect.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kinspect.catalog.KerasClass.Trait;
import org.kinspect.catalog.KerasClasses;
import org.kinspect.catalog.Recurrence;
import org.kinspect.config.Keras3CallArguments.KerasTensor;
import org.kinspect.errors.KinspectException;

/**
 * Reads the calls of attention layers as tf.keras 2.x writes them, into the same
 * {@link AttentionCall} that {@link Keras3Config} makes of a Keras 3 call.
 *
 * <p>tf.keras ({@code Node.serialize}) writes the call's first argument as tensor entries
 * {@code [layer, node, index, kwargs]} and every other argument in {@code kwargs} by its parameter
 * name, tensors there as {@code [layer, node, index]}:
 * <ul>
 *   <li>{@code mha(q, v, key=k, attention_mask=m, return_attention_scores=True)} becomes
 *       {@code [["q", 0, 0, {"value": ["v", 0, 0], "key": ["k", 0, 0], "attention_mask": ["m", 0, 0],
 *       "return_attention_scores": true}]]};
 *   <li>{@code Attention()([q, v, k], use_causal_mask=True)} becomes one entry per tensor of the list,
 *       each with the same kwargs: {@code [["q", 0, 0, {"use_causal_mask": true}], ["v", ...], ["k", ...]]}.
 * </ul>
 * The layer's inbound node then lists each distinct tensor once, as for Keras 3, and its config gets
 * the call ({@value LayerNotes#ATTENTION_CALL}) and {@value LayerNotes#ATTENTION_CALL_OF_TF_KERAS}. Sequence
 * lengths, which size returned scores, come from MultiHeadAttention's {@code query_shape} and
 * {@code value_shape} when tf.keras wrote them, else from the model's inputs through layers that
 * keep the number of steps.
 *
 * <pre>{@code
 * Keras2AttentionCalls.rewrite(model, "model.h5"); // model: {"class_name": "Functional", "config": ...}
 * }</pre>
 */
final class Keras2AttentionCalls {

    private final String source;
    private final Map<String, Map<String, Object>> byName = new HashMap<>();

    private Keras2AttentionCalls(String source) {
        this.source = source;
    }

    /**
     * Rewrites, in place, every attention layer of the model (and of models inside it) whose call
     * tf.keras recorded.
     *
     * @param model a model configuration in Keras 2 form
     * @param source the file, for messages
     */
    static void rewrite(Map<String, Object> model, String source) {
        if (model.get("config") instanceof Map<?, ?> config) {
            new Keras2AttentionCalls(source).rewriteLayers(config.get("layers"));
        }
    }

    @SuppressWarnings("unchecked")
    private void rewriteLayers(Object layers) {
        if (!(layers instanceof List<?> list)) {
            return;
        }
        for (Object layerObject : list) {
            if (layerObject instanceof Map<?, ?> layer && layer.get("config") instanceof Map<?, ?> config) {
                byName.put(String.valueOf(layer.containsKey("name") ? layer.get("name") : config.get("name")),
                        (Map<String, Object>) layer);
            }
        }
        for (Object layerObject : list) {
            if (!(layerObject instanceof Map<?, ?> layer) || !(layer.get("config") instanceof Map<?, ?> config)) {
                continue;
            }
            if (NestedModels.isModel(layer.get("class_name"))) {
                new Keras2AttentionCalls(source).rewriteLayers(config.get("layers"));
            } else if (AttentionCall.CLASSES.contains(String.valueOf(layer.get("class_name")))
                    && !config.containsKey(LayerNotes.ATTENTION_CALL)
                    && layer.get("inbound_nodes") instanceof List<?> nodes && !nodes.isEmpty()
                    && nodes.stream().allMatch(node -> node instanceof List<?>)) {
                rewriteCall((Map<String, Object>) layer, (Map<String, Object>) config, nodes);
            }
        }
    }

    private void rewriteCall(Map<String, Object> layer, Map<String, Object> config, List<?> nodes) {
        String className = String.valueOf(layer.get("class_name"));
        String name = String.valueOf(config.get("name"));
        if (nodes.size() != 1) {
            throw KinspectException.unsupported(source + ": cannot import layer '" + name + "' (" + className
                    + "): it is called " + nodes.size() + " times; shared attention layers are not supported yet");
        }
        boolean multiHead = AttentionCall.MULTI_HEAD_CLASSES.contains(className);
        AttentionCalls.Read read = AttentionCalls.read(name, className,
                callArguments(config, (List<?>) nodes.get(0), multiHead), source);
        List<Object> node = new ArrayList<>();
        read.tensors().forEach(tensor -> node.add(tensor.keras2Form()));
        List<Object> converted = new ArrayList<>();
        converted.add(node);
        layer.put("inbound_nodes", converted);
        config.put(LayerNotes.ATTENTION_CALL, read.call().toConfig());
        config.put(LayerNotes.ATTENTION_CALL_OF_TF_KERAS, true);
    }

    /** The call in the form {@link AttentionCalls} reads: the first argument's tensors, then the kwargs. */
    private Keras3CallArguments callArguments(Map<String, Object> config, List<?> call, boolean multiHead) {
        List<List<?>> entries = new ArrayList<>();
        if (!call.isEmpty() && call.get(0) instanceof String) {
            entries.add(call); // a single tensor written flat: ["q", 0, 0, {...}]
        } else {
            call.stream().filter(entry -> entry instanceof List<?>).forEach(entry -> entries.add((List<?>) entry));
        }
        List<KerasTensor> first = new ArrayList<>();
        List<Object> constants = new ArrayList<>();
        Map<String, Object> kwargs = new LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            List<?> entry = entries.get(i);
            if ("_CONSTANT_VALUE".equals(entry.get(0))) {
                constants.add(entry.size() > 2 ? entry.get(2) : null);
            } else {
                first.add(tensor(entry, multiHead && i == 0 ? shapeField(config, "query_shape") : null));
            }
            if (entry.size() > 3 && entry.get(3) instanceof Map<?, ?> arguments) {
                arguments.forEach((key, value) -> kwargs.put(String.valueOf(key), value));
            }
        }
        Map<String, List<KerasTensor>> tensorKeywords = new LinkedHashMap<>();
        Map<String, Object> plainKeywords = new LinkedHashMap<>();
        for (Map.Entry<String, Object> keyword : kwargs.entrySet()) {
            List<KerasTensor> found = new ArrayList<>();
            collectTensors(keyword.getValue(), found, shapeField(config, keyword.getKey() + "_shape"));
            if (found.isEmpty()) {
                plainKeywords.put(keyword.getKey(), keyword.getValue());
            } else {
                tensorKeywords.put(keyword.getKey(), found);
            }
        }
        List<List<KerasTensor>> positional = new ArrayList<>();
        positional.add(List.copyOf(first));
        return new Keras3CallArguments(first, constants, tensorKeywords, positional, plainKeywords, List.of());
    }

    /** MultiHeadAttention's {@code query_shape}, {@code value_shape}, {@code key_shape}, when tf.keras wrote it. */
    private static List<Object> shapeField(Map<String, Object> config, String field) {
        return config.get(field) instanceof List<?> shape ? new ArrayList<>(shape) : null;
    }

    /** Tensors written {@code [layer, node, index]}, alone or in (nested) lists; other values hold none. */
    private void collectTensors(Object value, List<KerasTensor> into, List<Object> shape) {
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            return;
        }
        if (list.get(0) instanceof String && list.size() >= 3 && list.get(1) instanceof Number
                && list.get(2) instanceof Number) {
            into.add(tensor(list, shape));
            return;
        }
        for (Object item : list) {
            collectTensors(item, into, null);
        }
    }

    private KerasTensor tensor(List<?> entry, List<Object> shape) {
        String layer = String.valueOf(entry.get(0));
        int node = entry.size() > 1 && entry.get(1) instanceof Number number ? number.intValue() : 0;
        int index = entry.size() > 2 && entry.get(2) instanceof Number number ? number.intValue() : 0;
        if (shape == null) {
            Integer steps = steps(layer, index, 0);
            if (steps != null) {
                shape = new ArrayList<>();
                shape.add(null);
                shape.add(steps);
                shape.add(null);
            }
        }
        return new KerasTensor(layer, node, index, shape);
    }

    /**
     * @return the number of steps of a sequence a layer outputs, when the model fixes it and the
     *     layers between keep it; null when unknown (or not a sequence)
     */
    private Integer steps(String layerName, int index, int depth) {
        Map<String, Object> layer = byName.get(layerName);
        if (layer == null || depth > byName.size() || !(layer.get("config") instanceof Map<?, ?> config)) {
            return null;
        }
        String className = String.valueOf(layer.get("class_name"));
        if (className.equals("InputLayer")) {
            return config.get("batch_input_shape") instanceof List<?> shape && shape.size() == 3
                    && shape.get(1) instanceof Number steps ? steps.intValue() : null;
        }
        List<TensorRef> inputs = InboundNodes.tensors(layer.get("inbound_nodes"));
        if (inputs.isEmpty()) {
            return null;
        }
        if (className.equals("Embedding")) {
            if (config.get("input_length") instanceof Number length) {
                return length.intValue();
            }
            Map<String, Object> input = byName.get(inputs.get(0).layer());
            return input != null && "InputLayer".equals(input.get("class_name"))
                    && input.get("config") instanceof Map<?, ?> inputConfig
                    && inputConfig.get("batch_input_shape") instanceof List<?> shape && shape.size() == 2
                    && shape.get(1) instanceof Number steps ? steps.intValue() : null;
        }
        boolean keeps = index == 0 && (KerasClasses.has(className, Trait.KEEPS_STEPS)
                || KerasClasses.is(className, kind -> kind.isVectorLayer() || kind == Recurrence.WRAPPER) && returnsSequences(config)
                || className.equals("Conv1D") && "same".equals(config.get("padding")) && unitStrides(config.get("strides")));
        return keeps ? steps(inputs.get(0).layer(), inputs.get(0).index(), depth + 1) : null;
    }

    private static boolean returnsSequences(Map<?, ?> config) {
        if (config.get("layer") instanceof Map<?, ?> wrapped && wrapped.get("config") instanceof Map<?, ?> inner) {
            return Boolean.TRUE.equals(inner.get("return_sequences"));
        }
        return Boolean.TRUE.equals(config.get("return_sequences"));
    }

    private static boolean unitStrides(Object strides) {
        Object single = strides instanceof List<?> list && list.size() == 1 ? list.get(0) : strides;
        return single == null || single instanceof Number number && number.intValue() == 1;
    }
}
