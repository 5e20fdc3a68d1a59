package org.kinspect.convert;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kinspect.config.ConfigValues;
import org.kinspect.config.LayerNotes;
import org.kinspect.config.LayerSpec;
import org.kinspect.config.ModelSpec;
import org.kinspect.config.TensorRef;

/**
 * A {@link ModelSpec} as plain JSON values and back. The description is kept as the import used it
 * (normalised, states returned, shared calls named) rather than normalised again from the Keras
 * configuration on reload: what was imported is what is described. A layer's notes
 * ({@link LayerNotes}) are saved beside its configuration (format 2); a file of format 1 has them
 * inside the configuration, under kinspect's keys, which reading takes out.
 */
final class SpecJson {

    private SpecJson() {}

    static Map<String, Object> toJson(ModelSpec spec) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("model_name", spec.modelName());
        json.put("original_class_name", spec.originalClassName());
        json.put("keras_major_version", spec.kerasMajorVersion());
        json.put("backend", spec.backend());
        List<Object> layers = new ArrayList<>();
        for (LayerSpec layer : spec.layers()) {
            Map<String, Object> layerJson = new LinkedHashMap<>();
            layerJson.put("name", layer.name());
            layerJson.put("class_name", layer.className());
            layerJson.put("config", layer.config());
            if (!layer.notes().equals(LayerNotes.NONE)) {
                layerJson.put("notes", layer.notes().toJson());
            }
            layerJson.put("inbound", layer.inboundTensors().stream()
                    .map(tensor -> List.of(tensor.layer(), tensor.node(), tensor.index())).toList());
            layers.add(layerJson);
        }
        json.put("layers", layers);
        json.put("input_names", spec.inputNames());
        json.put("output_names", spec.outputNames());
        json.put("functional_config", spec.functionalConfig());
        return json;
    }

    @SuppressWarnings("unchecked")
    static ModelSpec fromJson(Map<String, Object> json, MetadataFields fields) {
        List<LayerSpec> layers = new ArrayList<>();
        for (Object each : fields.list(json, "layers")) {
            Map<String, Object> layer = fields.object(each, "layers[]");
            Map<String, Object> config = ConfigValues.mutableCopy(fields.object(layer.get("config"), "config"));
            LayerNotes inConfig = LayerNotes.takeFrom(config); // format 1
            LayerNotes notes = layer.containsKey("notes")
                    ? LayerNotes.fromJson(fields.object(layer.get("notes"), "notes")) : inConfig;
            List<TensorRef> inbound = new ArrayList<>();
            for (Object tensor : fields.list(layer, "inbound")) {
                List<Object> parts = fields.list(tensor, "inbound[]");
                if (parts.size() != 3) {
                    throw fields.damaged("an inbound tensor of layer '" + layer.get("name") + "' is not [layer, node, index]");
                }
                inbound.add(new TensorRef(fields.text(parts.get(0), "inbound layer"),
                        fields.integer(parts.get(1), "inbound node"), fields.integer(parts.get(2), "inbound index")));
            }
            layers.add(new LayerSpec(fields.text(layer, "name"), fields.text(layer, "class_name"), config, inbound,
                    notes));
        }
        Map<String, Object> functional = ConfigValues.mutableCopy(
                fields.object(json.get("functional_config"), "functional_config"));
        if (functional.get("config") instanceof Map<?, ?> model && model.get("layers") instanceof List<?> entries) {
            for (Object entry : entries) {
                if (entry instanceof Map<?, ?> map && map.get("config") instanceof Map<?, ?> config) {
                    LayerNotes.takeFrom((Map<String, Object>) config); // format 1 kept them here too
                }
            }
        }
        return new ModelSpec(fields.optionalText(json, "model_name"), fields.optionalText(json, "original_class_name"),
                fields.integer(json.get("keras_major_version"), "keras_major_version"), fields.optionalText(json, "backend"),
                layers, fields.texts(json, "input_names"), fields.texts(json, "output_names"), functional);
    }
}
