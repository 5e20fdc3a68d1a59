package org.kinspect.file;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A checkpoint's own object graph (the {@code _CHECKPOINTABLE_OBJECT_GRAPH} entry, a
 * {@code TrackableObjectGraph}): for each object, its children by name and, for a variable, the
 * checkpoint key of its value. Node ids are those of the SavedModel's object graph and of
 * {@code keras_metadata.pb}.
 *
 * <pre>{@code
 * CheckpointObjectGraph graph = CheckpointObjectGraph.parse(bytes, "variables/variables.index");
 * graph.node(0).children();   // layer-0, layer_with_weights-0, variables, keras_api, optimizer...
 * }</pre>
 *
 * @param nodes the objects, by node id
 */
public record CheckpointObjectGraph(List<Node> nodes) {
    /** The key of the entry that holds the object graph. */
    static final String KEY = "_CHECKPOINTABLE_OBJECT_GRAPH";
    /**
     * Children that list, again, objects reachable from elsewhere, or are no part of the model (the
     * optimizer and its slots): the model's own variables are reached without them, but for a
     * stateful RNN's states, under {@value #KERAS_API}/{@value #STATES}.
     */
    public static final Set<String> BOOKKEEPING = Set.of("variables", "trainable_variables", "non_trainable_variables",
            "trainable_weights", "non_trainable_weights", "weights", "keras_api", "optimizer", "regularization_losses",
            "layer_regularization_losses", "layer_metrics", "metrics", "signatures", "save_counter",
            "_self_saveable_object_factories", "_default_save_signature");
    /** A layer's serialized attributes, among them its {@value #STATES}. */
    public static final String KERAS_API = "keras_api";
    /** A stateful RNN's states, in its {@value #KERAS_API}: variables that are not among its weights. */
    public static final String STATES = "states";
    private static final String VARIABLE_VALUE = "VARIABLE_VALUE";

    /**
     * An object of the graph.
     *
     * @param children the objects it refers to, in order
     * @param valueKey the checkpoint key of its value when it is a variable, else null
     * @param valueFullName the variable's TensorFlow name ({@code lstm/lstm_cell/kernel}, the path an
     *     HDF5 file gives it), or empty
     */
    public record Node(List<Child> children, String valueKey, String valueFullName) {
        /** @return the variable's checkpoint key, when this object is a variable */
        public Optional<String> variableKey() {
            return Optional.ofNullable(valueKey);
        }
    }

    /**
     * @param nodeId the child's node id
     * @param name the name its parent gives it ({@code layer-0}, {@code cell}, {@code kernel})
     */
    public record Child(int nodeId, String name) {}

    /**
     * @param bytes the encoded {@code TrackableObjectGraph}
     * @param what where it was read, for messages
     * @return the graph; every child id checked to name a node of it
     */
    static CheckpointObjectGraph parse(byte[] bytes, String what) {
        ProtobufReader reader = new ProtobufReader(bytes, what + " (object graph)");
        List<Node> nodes = new ArrayList<>();
        while (reader.next()) {
            if (reader.field() == 1) {
                nodes.add(node(reader.message()));
            } else {
                reader.skip();
            }
        }
        for (Node node : nodes) {
            for (Child child : node.children()) {
                if (child.nodeId() >= nodes.size()) {
                    throw reader.damaged("a child names node " + child.nodeId() + " of " + nodes.size());
                }
            }
        }
        return new CheckpointObjectGraph(List.copyOf(nodes));
    }

    /**
     * @param nodeId a node id, as a child or {@code keras_metadata.pb} gives it
     * @return the node of this id
     */
    public Node node(int nodeId) {
        return nodes.get(nodeId);
    }

    private static Node node(ProtobufReader reader) {
        List<Child> children = new ArrayList<>();
        String valueKey = null;
        String valueFullName = "";
        while (reader.next()) {
            switch (reader.field()) {
                case 1 -> {
                    ProtobufReader reference = reader.message();
                    int id = 0;
                    String name = "";
                    while (reference.next()) {
                        switch (reference.field()) {
                            case 1 -> id = reference.nonNegativeInt();
                            case 2 -> name = reference.string();
                            default -> reference.skip();
                        }
                    }
                    children.add(new Child(id, name));
                }
                case 2 -> {
                    ProtobufReader attribute = reader.message();
                    String name = "";
                    String fullName = "";
                    String key = null;
                    while (attribute.next()) {
                        switch (attribute.field()) {
                            case 1 -> name = attribute.string();
                            case 2 -> fullName = attribute.string();
                            case 3 -> key = attribute.string();
                            default -> attribute.skip();
                        }
                    }
                    if (VARIABLE_VALUE.equals(name)) {
                        valueKey = key;
                        valueFullName = fullName;
                    }
                }
                default -> reader.skip();
            }
        }
        return new Node(List.copyOf(children), valueKey, valueFullName);
    }
}
