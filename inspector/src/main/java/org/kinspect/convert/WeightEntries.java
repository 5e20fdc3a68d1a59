package org.kinspect.convert;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kinspect.file.LayerWeights;
import org.kinspect.file.WeightStore;
import org.kinspect.file.WeightTensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The Keras weights of a converted model, by Keras layer and weight name, as raw little-endian
 * float32 entries (one per weight) with their shapes in the metadata: {@code kinspect weights},
 * {@code gates}, the summary's parameter counts and a model re-imported with its states returned
 * read them as from the Keras file. Raw values rather than ND4J's serialised form, so reading a
 * hostile file allocates nothing its entry's size does not already hold.
 */
final class WeightEntries {
    static final String FOLDER = "kinspect/weights/";

    private final Map<String, byte[]> entries = new LinkedHashMap<>();

    /** @return the metadata describing every weight; the values go to {@link #entries()} */
    Map<String, Object> describe(WeightStore store) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("configuration_only", store.configurationOnly());
        List<Object> layers = new ArrayList<>();
        Map<String, Object> lookedAt = new LinkedHashMap<>();
        Map<String, Object> savedStates = new LinkedHashMap<>();
        for (LayerWeights layer : store.layers().values()) {
            List<Object> tensors = new ArrayList<>();
            for (WeightTensor tensor : layer.tensors()) {
                Map<String, Object> tensorJson = new LinkedHashMap<>();
                tensorJson.put("name", tensor.name());
                tensorJson.put("path", tensor.path());
                tensorJson.put("shape", tensor.shape());
                tensorJson.put("entry", add(tensor.values()));
                tensors.add(tensorJson);
            }
            layers.add(Map.of("layer", layer.layerName(), "tensors", tensors));
            store.lookedAt(layer.layerName()).ifPresent(where -> lookedAt.put(layer.layerName(), where));
            List<INDArray> states = store.savedStates(layer.layerName());
            if (!states.isEmpty()) {
                savedStates.put(layer.layerName(), states.stream()
                        .map(state -> (Object) Map.of("shape", state.shape(), "entry", add(state))).toList());
            }
        }
        json.put("layers", layers);
        json.put("looked_at", lookedAt);
        json.put("unread", store.unread());
        json.put("saved_states", savedStates);
        return json;
    }

    /** @return the weights' entries by name, filled by {@link #describe} */
    Map<String, byte[]> entries() {
        return entries;
    }

    private String add(INDArray values) {
        String name = FOLDER + String.format("%06d.f32", entries.size());
        float[] floats = values.castTo(DataType.FLOAT).dup('c').data().asFloat();
        ByteBuffer bytes = ByteBuffer.allocate(Math.multiplyExact(floats.length, Float.BYTES)).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(floats);
        entries.put(name, bytes.array());
        return name;
    }

    /**
     * @param json the metadata {@link #describe} wrote
     * @param entries the converted model's entries
     * @param fields typed reads naming the file
     * @return the weights as the Keras file held them
     */
    static WeightStore read(Map<String, Object> json, Map<String, byte[]> entries, MetadataFields fields) {
        if (fields.flag(json, "configuration_only")) {
            return WeightStore.empty();
        }
        Map<String, LayerWeights> layers = new LinkedHashMap<>();
        for (Object each : fields.list(json, "layers")) {
            Map<String, Object> layer = fields.object(each, "weights.layers[]");
            String layerName = fields.text(layer, "layer");
            List<WeightTensor> tensors = new ArrayList<>();
            for (Object tensorEach : fields.list(layer, "tensors")) {
                Map<String, Object> tensor = fields.object(tensorEach, "tensors[]");
                tensors.add(new WeightTensor(fields.text(tensor, "name"), fields.text(tensor, "path"),
                        values(tensor, entries, fields)));
            }
            layers.put(layerName, new LayerWeights(layerName, tensors));
        }
        Map<String, String> lookedAt = new LinkedHashMap<>();
        fields.object(json.get("looked_at"), "looked_at").forEach((layer, where) -> lookedAt.put(layer, fields.text(where, "looked_at")));
        Map<String, List<INDArray>> savedStates = new LinkedHashMap<>();
        fields.object(json.get("saved_states"), "saved_states").forEach((layer, states) -> savedStates.put(layer,
                fields.list(states, "saved_states").stream().map(state -> values(fields.object(state, "state"), entries, fields)).toList()));
        WeightStore store = new WeightStore(layers, lookedAt, fields.texts(json, "unread"));
        return savedStates.isEmpty() ? store : store.withSavedStates(savedStates);
    }

    private static INDArray values(Map<String, Object> tensor, Map<String, byte[]> entries, MetadataFields fields) {
        List<Object> dimensions = fields.list(tensor, "shape");
        long[] shape = new long[dimensions.size()];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = fields.whole(dimensions.get(i), "shape");
            if (shape[i] < 0) {
                throw fields.damaged("a weight's shape has a negative size");
            }
            count = Math.multiplyExact(count, shape[i]);
        }
        String entry = fields.text(tensor, "entry");
        byte[] bytes = entries.get(entry);
        if (bytes == null || !entry.startsWith(FOLDER) || bytes.length != count * Float.BYTES) {
            throw fields.damaged("weight entry '" + entry + "' is missing or does not hold " + count + " values");
        }
        float[] floats = new float[(int) count];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(floats);
        return Nd4j.create(floats, shape, 'c');
    }
}
