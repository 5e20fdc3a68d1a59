package org.kinspect.convert;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kinspect.config.LayerSpec;
import org.kinspect.config.ModelSpec;
import org.kinspect.config.TensorRef;

/**
 * A {@link ModelSpec} as plain JSON values and back. The description is kept as the import used it
 * (normalised, states returned, shared calls named) rather than normalised again from the Keras
 * configuration on reload: what was imported is what is described.
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
            List<TensorRef> inbound = new ArrayList<>();
            for (Object tensor : fields.list(layer, "inbound")) {
                List<Object> parts = fields.list(tensor, "inbound[]");
                if (parts.size() != 3) {
                    throw fields.damaged("an inbound tensor of layer '" + layer.get("name") + "' is not [layer, node, index]");
                }
                inbound.add(new TensorRef(fields.text(parts.get(0), "inbound layer"),
                        fields.integer(parts.get(1), "inbound node"), fields.integer(parts.get(2), "inbound index")));
            }
            layers.add(new LayerSpec(fields.text(layer, "name"), fields.text(layer, "class_name"),
                    fields.object(layer.get("config"), "config"), inbound));
        }
        return new ModelSpec(fields.optionalText(json, "model_name"), fields.optionalText(json, "original_class_name"),
                fields.integer(json.get("keras_major_version"), "keras_major_version"), fields.optionalText(json, "backend"),
                layers, fields.texts(json, "input_names"), fields.texts(json, "output_names"),
                fields.object(json.get("functional_config"), "functional_config"));
    }
}
