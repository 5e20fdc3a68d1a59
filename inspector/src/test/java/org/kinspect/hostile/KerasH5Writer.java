package org.kinspect.hostile;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes small HDF5 files in Keras 2's layout with jhdf, to build files no Keras would write: a
 * model whose weights do not fit, NaN weights, a configuration of any size.
 *
 * <pre>{@code
 * KerasH5Writer.model(config).layer("dense", Map.of("kernel", new float[][] {{1, 2}})).write(path);
 * }</pre>
 */
final class KerasH5Writer {
    private final Object modelConfig;
    private final Map<String, Map<String, Object>> layers = new LinkedHashMap<>();
    private boolean weightsGroup;

    private KerasH5Writer(Object modelConfig) {
        this.modelConfig = modelConfig;
    }

    /** @param modelConfig the model_config attribute: JSON text, or anything else jhdf can write */
    static KerasH5Writer model(Object modelConfig) {
        return new KerasH5Writer(modelConfig);
    }

    /** Adds a layer's weights, keyed by Keras weight name (kernel, bias...), as Java arrays. */
    KerasH5Writer layer(String name, Map<String, Object> weights) {
        layers.put(name, new LinkedHashMap<>(weights));
        weightsGroup = true;
        return this;
    }

    /** Writes a model_weights group even when no layer has weights. */
    KerasH5Writer withWeightsGroup() {
        weightsGroup = true;
        return this;
    }

    Path write(Path file) {
        try (WritableHdfFile hdf = HdfFile.write(file)) {
            if (modelConfig != null) {
                hdf.putAttribute("model_config", modelConfig);
            }
            hdf.putAttribute("keras_version", "2.2.4");
            hdf.putAttribute("backend", "tensorflow");
            if (weightsGroup) {
                WritableGroup weights = hdf.putGroup("model_weights");
                weights.putAttribute("layer_names", layers.keySet().toArray(String[]::new));
                for (var layer : layers.entrySet()) {
                    WritableGroup group = weights.putGroup(layer.getKey());
                    group.putAttribute("weight_names", layer.getValue().keySet().stream()
                            .map(weight -> layer.getKey() + "/" + weight + ":0").toArray(String[]::new));
                    WritableGroup inner = group.putGroup(layer.getKey());
                    layer.getValue().forEach((weight, values) -> inner.putDataset(weight + ":0", values));
                }
            }
        }
        return file;
    }

    /** @return a Sequential of one Dense layer, Keras 2 style */
    static String denseConfig(String name, long inputs, long units) {
        return "{\"class_name\": \"Sequential\", \"config\": {\"name\": \"s\", \"layers\": [{\"class_name\": \"Dense\", "
                + "\"config\": {\"name\": \"" + name + "\", \"units\": " + units + ", \"activation\": \"linear\", "
                + "\"use_bias\": true, \"batch_input_shape\": [null, " + inputs + "], \"dtype\": \"float32\", "
                + "\"kernel_initializer\": {\"class_name\": \"Zeros\", \"config\": {}}, "
                + "\"bias_initializer\": {\"class_name\": \"Zeros\", \"config\": {}}, \"kernel_regularizer\": null, "
                + "\"bias_regularizer\": null, \"activity_regularizer\": null, \"kernel_constraint\": null, "
                + "\"bias_constraint\": null, \"trainable\": true}}]}}";
    }
}
