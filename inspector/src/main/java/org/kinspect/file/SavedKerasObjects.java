package org.kinspect.file;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Keras objects of a SavedModel by node id: their identifier ({@code _tf_keras_layer},
 * {@code _tf_keras_sequential}...) and JSON metadata (class name, layer name, configuration).
 * From {@code keras_metadata.pb} (a {@code SavedMetadata}, TensorFlow 2.5 and later), or from the
 * user objects of {@code saved_model.pb}'s object graph (TensorFlow 2.0 to 2.4).
 *
 * <pre>{@code
 * SavedKerasObjects objects = SavedKerasObjects.fromKerasMetadata(bytes, "my_model/keras_metadata.pb");
 * String rootJson = objects.get(0).orElseThrow().metadataJson();
 * }</pre>
 *
 * @param byNodeId each Keras object by its node id
 */
public record SavedKerasObjects(Map<Integer, KerasObject> byNodeId) {
    private static final String KERAS_PREFIX = "_tf_keras_";

    /**
     * @param identifier what it is, e.g. {@code _tf_keras_layer}, {@code _tf_keras_network}
     * @param metadataJson its JSON metadata
     */
    public record KerasObject(String identifier, String metadataJson) {
        /** @return true for a model (Sequential, Functional or subclassed) */
        public boolean isModel() {
            return identifier.equals("_tf_keras_model") || identifier.equals("_tf_keras_network")
                    || identifier.equals("_tf_keras_sequential");
        }
    }

    /**
     * @param nodeId a node id of the checkpoint's object graph
     * @return the Keras object of this node, when it is one
     */
    public Optional<KerasObject> get(int nodeId) {
        return Optional.ofNullable(byNodeId.get(nodeId));
    }

    /**
     * @param bytes {@code keras_metadata.pb}
     * @param what the file, for messages
     * @return its objects
     */
    static SavedKerasObjects fromKerasMetadata(byte[] bytes, String what) {
        ProtobufReader reader = new ProtobufReader(bytes, what);
        Map<Integer, KerasObject> objects = new HashMap<>();
        while (reader.next()) {
            if (reader.field() != 1) {
                reader.skip();
                continue;
            }
            ProtobufReader object = reader.message();
            int nodeId = 0;
            String identifier = "";
            String metadata = "";
            while (object.next()) {
                switch (object.field()) {
                    case 2 -> nodeId = object.nonNegativeInt();
                    case 4 -> identifier = object.string();
                    case 5 -> metadata = object.string();
                    default -> object.skip();
                }
            }
            objects.put(nodeId, new KerasObject(identifier, metadata));
        }
        return new SavedKerasObjects(Map.copyOf(objects));
    }

    /**
     * @param bytes {@code saved_model.pb} (a {@code SavedModel}: meta graphs, each with an object graph)
     * @param what the file, for messages
     * @return the Keras user objects of its first meta graph's object graph, by node id (their index)
     */
    static SavedKerasObjects fromSavedModel(byte[] bytes, String what) {
        ProtobufReader reader = new ProtobufReader(bytes, what);
        while (reader.next()) {
            if (reader.field() != 2) { // meta_graphs
                reader.skip();
                continue;
            }
            ProtobufReader metaGraph = reader.message();
            while (metaGraph.next()) {
                if (metaGraph.field() == 7) { // object_graph_def
                    return fromObjectGraph(metaGraph.message());
                }
                metaGraph.skip();
            }
        }
        return new SavedKerasObjects(Map.of());
    }

    private static SavedKerasObjects fromObjectGraph(ProtobufReader graph) {
        List<KerasObject> nodes = new ArrayList<>();
        while (graph.next()) {
            if (graph.field() != 1) { // nodes
                graph.skip();
                continue;
            }
            ProtobufReader node = graph.message();
            KerasObject user = null;
            while (node.next()) {
                if (node.field() == 4) { // user_object: identifier 1, version 2, metadata 3
                    ProtobufReader userObject = node.message();
                    String identifier = "";
                    String metadata = "";
                    while (userObject.next()) {
                        switch (userObject.field()) {
                            case 1 -> identifier = userObject.string();
                            case 3 -> metadata = userObject.string();
                            default -> userObject.skip();
                        }
                    }
                    user = new KerasObject(identifier, metadata);
                } else {
                    node.skip();
                }
            }
            nodes.add(user);
        }
        Map<Integer, KerasObject> objects = new HashMap<>();
        for (int id = 0; id < nodes.size(); id++) {
            if (nodes.get(id) != null && nodes.get(id).identifier().startsWith(KERAS_PREFIX)) {
                objects.put(id, nodes.get(id));
            }
        }
        return new SavedKerasObjects(Map.copyOf(objects));
    }
}
