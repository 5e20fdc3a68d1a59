package org.kinspect.graph.layers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kinspect.config.ConfigNormalizer;
import org.kinspect.config.ModelSpec;
import org.kinspect.file.LayerWeights;
import org.kinspect.file.WeightStore;
import org.kinspect.file.WeightTensor;
import org.kinspect.graph.GraphImporter;
import org.kinspect.inspect.ActivationProbe;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A model described by a Keras 1 or 2 configuration written in the test, with weights given in
 * the layout that Keras version stores them in: for layouts no real file of the corpus has (Keras 1
 * GRU, CuDNNGRU), made from real Keras 3 weights with Keras's own conversions.
 */
final class ConfiguredModel {
    private final ActivationProbe probe;

    /**
     * @param configJson the model configuration, as {@code model.to_json()} of that Keras wrote it
     * @param kerasVersion e.g. {@code 1.2.2} or {@code 2.2.4}
     * @param weights layer name to (weight name to values)
     */
    ConfiguredModel(String configJson, String kerasVersion, Map<String, Map<String, INDArray>> weights) {
        ModelSpec spec = ConfigNormalizer.normalize(configJson, kerasVersion, "tensorflow", "test config");
        Map<String, LayerWeights> layers = new LinkedHashMap<>();
        weights.forEach((layer, tensors) -> {
            List<WeightTensor> list = new ArrayList<>();
            tensors.forEach((name, values) -> list.add(new WeightTensor(name, layer + "/" + name, values)));
            layers.put(layer, new LayerWeights(layer, list));
        });
        this.probe = new ActivationProbe(GraphImporter.importGraph(spec, new WeightStore(layers), "test config"));
    }

    /** @return every layer's output in Keras's layout */
    Map<String, INDArray> activations(String input, INDArray values) {
        return probe.activations(Map.of(input, values));
    }

    /** @return every layer's output in Keras's layout, for a model of several inputs */
    Map<String, INDArray> activations(Map<String, INDArray> inputs) {
        return probe.activations(inputs);
    }

    /** A Keras 2 functional model: an input of the given shape, then the layer, as JSON. */
    static String keras2Model(String inputName, String batchInputShape, String layerJson) {
        return """
                {"class_name": "Model", "config": {"name": "m", "layers": [
                  {"class_name": "InputLayer", "name": "%1$s", "inbound_nodes": [],
                   "config": {"batch_input_shape": %2$s, "dtype": "float32", "sparse": false, "name": "%1$s"}},
                  %3$s],
                 "input_layers": [["%1$s", 0, 0]], "output_layers": [["%4$s", 0, 0]]}}
                """.formatted(inputName, batchInputShape, layerJson, layerName(layerJson));
    }

    private static String layerName(String layerJson) {
        var matcher = java.util.regex.Pattern.compile("\"name\": \"([^\"]+)\"").matcher(layerJson);
        if (!matcher.find()) throw new IllegalArgumentException("no name in " + layerJson);
        return matcher.group(1);
    }
}
