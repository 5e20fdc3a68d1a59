package org.kinspect.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Keras model as its configuration describes it, normalised to one form (Keras 2 functional)
 * whatever Keras version wrote it and whether it was Sequential or functional.
 *
 * @param modelName the model's name in Keras
 * @param originalClassName {@code Sequential}, {@code Model} or {@code Functional}, as written
 * @param kerasMajorVersion 1, 2 or 3: the Keras that wrote the configuration
 * @param backend the backend that wrote the file, or null when unknown
 * @param layers every layer in Keras's order, input layers included
 * @param inputNames the model's input layers, in order
 * @param outputNames the model's output layers, in order
 * @param functionalConfig the normalised configuration as a Keras 2 functional model config
 *     ({@code {"class_name": "Model", "config": {...}}}), for DL4J's layer mappers; unmodifiable all
 *     the way down ({@link ConfigValues#mutableCopy} gives a copy to change)
 */
public record ModelSpec(
        String modelName,
        String originalClassName,
        int kerasMajorVersion,
        String backend,
        List<LayerSpec> layers,
        List<String> inputNames,
        List<String> outputNames,
        Map<String, Object> functionalConfig) {

    public ModelSpec {
        layers = List.copyOf(layers);
        // handed out and shared (a layer's config is also in it): no one may change it
        functionalConfig = ConfigValues.frozen(functionalConfig);
        inputNames = List.copyOf(inputNames);
        outputNames = List.copyOf(outputNames);
    }

    /**
     * @param name a Keras layer name
     * @return that layer, if the model has it
     */
    public Optional<LayerSpec> layer(String name) {
        return layers.stream().filter(layer -> layer.name().equals(name)).findFirst();
    }

    /** @return every layer name, in Keras's order */
    public List<String> layerNames() {
        return layers.stream().map(LayerSpec::name).toList();
    }

    /**
     * @return the model's outputs as tensors, in order: a layer's extra output (an RNN's returned
     *     state) may be a model output, e.g. {@code ("gru_1", 0, 1)}
     */
    public List<TensorRef> outputTensors() {
        List<TensorRef> outputs = new ArrayList<>();
        if (functionalConfig.get("config") instanceof Map<?, ?> model
                && model.get("output_layers") instanceof List<?> endpoints) {
            if (!endpoints.isEmpty() && endpoints.get(0) instanceof String) {
                outputs.add(endpoint(endpoints)); // a single output written flat: ["dense_1", 0, 0]
            } else {
                for (Object endpoint : endpoints) {
                    outputs.add(endpoint((List<?>) endpoint));
                }
            }
        }
        return outputs;
    }

    private static TensorRef endpoint(List<?> endpoint) {
        int node = endpoint.size() > 1 && endpoint.get(1) instanceof Number number ? number.intValue() : 0;
        int index = endpoint.size() > 2 && endpoint.get(2) instanceof Number number ? number.intValue() : 0;
        return new TensorRef(String.valueOf(endpoint.get(0)), node, index);
    }
}
