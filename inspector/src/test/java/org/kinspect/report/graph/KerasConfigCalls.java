package org.kinspect.report.graph;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * Counts a Keras configuration's layer calls and connections straight from the JSON Keras wrote,
 * independently of kinspect's normaliser: the numbers the drawn graph must have.
 *
 * <ul>
 *   <li>a functional model: every layer once per call ({@code inbound_nodes}; an input layer once),
 *       and every tensor each call reads: Keras 1 and 2, the node's entries (not
 *       {@code _CONSTANT_VALUE}) and tensors in their keyword arguments ({@code y=}, {@code value=});
 *       Keras 3, every {@code keras_history} in the node's arguments, initial states included;
 *   <li>a Sequential model: its layers in a chain, with an input layer first when Keras wrote none;
 *   <li>a nested model called {@code k} times: per call its layers but its input layers (the outer
 *       tensors take their place), their connections, and one identity giving its output (one more
 *       connection: it reads the nested model's output).
 * </ul>
 *
 * <p>Three things Keras writes that a graph of what is computed draws otherwise, each as kinspect's
 * description has it (and its summary shows):
 * <ul>
 *   <li>a mask: Keras 3 writes the ops computing a {@code mask=} argument as layers; the mask is the
 *       masked layer's business, so a layer whose output is only ever a mask (or read only by such
 *       layers) is not drawn, nor is the mask argument an edge;
 *   <li>attention called on one tensor as query and value (and key): one edge per distinct tensor;
 *   <li>an RNN over stacked cells: one layer per cell, in a chain.
 * </ul>
 */
final class KerasConfigCalls {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> MODELS = Set.of("Sequential", "Functional", "Model");
    private static final Set<String> ATTENTION = Set.of("MultiHeadAttention", "Attention", "AdditiveAttention",
            "GroupQueryAttention", "GroupedQueryAttention");

    /** The counts of one model. */
    record Counts(int calls, int connections) {
        Counts plus(Counts other) {
            return new Counts(calls + other.calls, connections + other.connections);
        }

        Counts times(int count) {
            return new Counts(calls * count, connections * count);
        }
    }

    /** One call: the layers whose outputs it reads as data, and as a mask. */
    private record Call(List<String> data, List<String> masks) {}

    private KerasConfigCalls() {}

    static Counts of(String modelConfigJson) {
        try {
            return ofModel(JSON.readTree(modelConfigJson), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @param outermost true for the file's model; false for a nested one (its inputs are not drawn) */
    private static Counts ofModel(JsonNode model, boolean outermost) {
        JsonNode config = model.path("config");
        JsonNode layers = config.isArray() ? config : config.path("layers");
        if (model.path("class_name").asText().equals("Sequential")) {
            Counts counts = new Counts(outermost ? 1 : 0, 0); // the input, Keras's or added
            for (JsonNode layer : layers) {
                if (layer.path("class_name").asText().equals("InputLayer")) {
                    continue;
                }
                JsonNode nested = nestedModel(layer);
                // a layer reads the previous output; a nested model's first layers do, inside it
                counts = counts.plus(nested != null ? ofModel(nested, false).plus(new Counts(1, 1))
                        : cellsCounts(layer).plus(new Counts(0, 1)));
            }
            return counts;
        }
        Map<String, List<Call>> callsByLayer = new LinkedHashMap<>();
        for (JsonNode layer : layers) {
            List<Call> calls = new ArrayList<>();
            for (JsonNode node : layer.path("inbound_nodes")) {
                calls.add(call(node));
            }
            callsByLayer.put(name(layer), calls);
        }
        Set<String> maskOnly = maskOnlyLayers(callsByLayer, outputs(config));
        Counts counts = new Counts(0, 0);
        for (JsonNode layer : layers) {
            String layerClass = layer.path("class_name").asText();
            if (maskOnly.contains(name(layer))) {
                continue;
            }
            if (layerClass.equals("InputLayer")) {
                counts = counts.plus(new Counts(outermost ? 1 : 0, 0));
                continue;
            }
            List<Call> calls = callsByLayer.get(name(layer));
            JsonNode nested = nestedModel(layer);
            if (nested != null) {
                counts = counts.plus(ofModel(nested, false).plus(new Counts(1, 1)).times(Math.max(1, calls.size())));
                continue;
            }
            for (Call call : calls) {
                List<String> data = call.data().stream().filter(read -> !maskOnly.contains(read)).toList();
                int reads = ATTENTION.contains(layerClass) ? new LinkedHashSet<>(data).size() : data.size();
                counts = counts.plus(cellsCounts(layer)).plus(new Counts(0, reads));
            }
        }
        return counts;
    }

    /** An RNN over stacked cells is one layer per cell, each reading the one before: n calls, n - 1 connections. */
    private static Counts cellsCounts(JsonNode layer) {
        JsonNode cell = layer.path("config").path("cell");
        JsonNode cells = cell.isArray() ? cell : cell.path("class_name").asText().equals("StackedRNNCells")
                ? cell.path("config").path("cells") : null;
        int count = cells == null || cells.size() == 0 ? 1 : cells.size();
        return new Counts(count, count - 1);
    }

    /** Layers whose output is read only as a mask, or only by such layers (never a model output). */
    private static Set<String> maskOnlyLayers(Map<String, List<Call>> callsByLayer, Set<String> outputs) {
        Set<String> maskOnly = new HashSet<>();
        boolean grew = true;
        while (grew) {
            grew = false;
            for (String layer : callsByLayer.keySet()) {
                if (maskOnly.contains(layer) || outputs.contains(layer)) {
                    continue;
                }
                boolean read = false;
                boolean readAsData = false;
                for (Map.Entry<String, List<Call>> reader : callsByLayer.entrySet()) {
                    for (Call call : reader.getValue()) {
                        if (call.masks().contains(layer)) read = true;
                        if (call.data().contains(layer)) {
                            read = true;
                            if (!maskOnly.contains(reader.getKey())) readAsData = true;
                        }
                    }
                }
                if (read && !readAsData) {
                    maskOnly.add(layer);
                    grew = true;
                }
            }
        }
        return maskOnly;
    }

    private static Set<String> outputs(JsonNode config) {
        Set<String> outputs = new HashSet<>();
        JsonNode endpoints = config.path("output_layers");
        if (endpoints.size() > 0 && endpoints.get(0).isTextual()) {
            outputs.add(endpoints.get(0).asText());
        } else {
            endpoints.forEach(endpoint -> outputs.add(endpoint.path(0).asText()));
        }
        return outputs;
    }

    /** Keras 1 and 2: {@code [[layer, node, index, kwargs], ...]}; Keras 3: {@code {"args": [...], "kwargs": {...}}}. */
    private static Call call(JsonNode node) {
        List<String> data = new ArrayList<>();
        List<String> masks = new ArrayList<>();
        if (node.isObject()) {
            histories(node.path("args"), data);
            node.path("kwargs").fields().forEachRemaining(argument ->
                    histories(argument.getValue(), argument.getKey().equals("mask") ? masks : data));
            return new Call(data, masks);
        }
        List<JsonNode> entries = new ArrayList<>();
        if (node.size() > 0 && node.get(0).isTextual()) {
            entries.add(node); // one tensor written flat
        } else {
            node.forEach(entries::add);
        }
        Map<String, String> keywordTensors = new HashMap<>();
        for (JsonNode entry : entries) {
            if (!entry.path(0).asText().equals("_CONSTANT_VALUE")) {
                data.add(entry.path(0).asText());
            }
            entry.path(3).fields().forEachRemaining(argument -> {
                JsonNode value = argument.getValue();
                if (value.isArray() && value.size() == 3 && value.get(0).isTextual() && value.get(1).isInt()) {
                    keywordTensors.put(argument.getKey(), value.get(0).asText()); // y=, value=, key=: a tensor
                }
            });
        }
        keywordTensors.forEach((argument, layer) -> (argument.equals("mask") ? masks : data).add(layer));
        return new Call(data, masks);
    }

    private static void histories(JsonNode value, List<String> into) {
        if (value.isObject() && value.has("keras_history")) {
            into.add(value.path("keras_history").path(0).asText());
            return;
        }
        for (JsonNode child : value) {
            histories(child, into);
        }
    }

    private static String name(JsonNode layer) {
        return layer.has("name") ? layer.path("name").asText() : layer.path("config").path("name").asText();
    }

    /** @return the model a layer is (a nested model) or wraps in a TimeDistributed, else null */
    private static JsonNode nestedModel(JsonNode layer) {
        if (MODELS.contains(layer.path("class_name").asText())) {
            return layer;
        }
        JsonNode wrapped = layer.path("config").path("layer");
        return layer.path("class_name").asText().equals("TimeDistributed")
                && MODELS.contains(wrapped.path("class_name").asText()) ? wrapped : null;
    }
}
