package org.kinspect.report.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kinspect.config.InitialStateSource;
import org.kinspect.config.InitialStateSources;
import org.kinspect.config.LayerSpec;
import org.kinspect.config.ModelSpec;
import org.kinspect.config.RecurrentLayer;
import org.kinspect.config.TensorRef;
import org.kinspect.inspect.ModelSummary;
import org.kinspect.shape.KerasShape;
import org.kinspect.shape.ShapeModel;

/**
 * A model's structure as a graph to draw: one node per layer call (as kinspect's description has
 * them: shared layers' later calls are {@code LAYER@k}, nested models' layers {@code MODEL/LAYER}),
 * one edge per tensor a call reads (a layer reading the same tensor twice has two), nested models
 * as groups, and recurrent states named on the edges that carry them.
 *
 * <pre>{@code
 * ModelGraph graph = ModelGraph.of(ModelInternals.spec(model), model.summary());
 * graph.nodes().size();   // one per layer call
 * graph.edges().size();   // one per inbound tensor of the configuration
 * }</pre>
 *
 * @param modelName the model's name in Keras
 * @param nodes every layer call, in Keras's order
 * @param edges every tensor read, in the readers' order and then call order
 * @param groups the nested models, outer ones first
 */
public record ModelGraph(String modelName, List<GraphNode> nodes, List<GraphEdge> edges, List<NestedGroup> groups) {

    public ModelGraph {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
        groups = List.copyOf(groups);
    }

    /**
     * @param spec the model's description
     * @param summary its summary (output shapes, parameter counts)
     * @return its graph
     */
    static ModelGraph of(ModelSpec spec, ModelSummary summary) {
        Map<String, ModelSummary.Row> rows = new HashMap<>();
        summary.layers().forEach(row -> rows.put(row.name(), row));
        ShapeModel shapes = ShapeModel.of(spec);
        Map<String, Integer> callCounts = new HashMap<>();
        spec.layers().forEach(layer -> callCounts.merge(layer.weightsOwner(), 1, Integer::sum));
        Map<String, NestedGroup> groups = new LinkedHashMap<>();
        for (LayerSpec layer : spec.layers()) {
            if (layer.standsForNestedModel()) {
                groups.put(layer.name(), null); // filled below, once every nested model is known
            }
        }
        for (LayerSpec layer : spec.layers()) {
            if (layer.standsForNestedModel()) {
                groups.put(layer.name(), new NestedGroup(layer.name(), layer.nestedModelClass(),
                        enclosingGroup(layer.name(), groups)));
            }
        }
        java.util.Set<String> outputs = new java.util.HashSet<>();
        spec.outputTensors().forEach(tensor -> outputs.add(tensor.layer()));
        List<GraphNode> nodes = new ArrayList<>();
        for (LayerSpec layer : spec.layers()) {
            ModelSummary.Row row = rows.get(layer.name());
            String owner = layer.weightsOwner();
            int calls = callCounts.get(owner);
            // A nested model's output identity closes its box: it is the model's output.
            String group = layer.standsForNestedModel() ? layer.name() : enclosingGroup(layer.name(), groups);
            nodes.add(new GraphNode(layer.name(),
                    layer.standsForNestedModel() ? layer.nestedModelClass() : layer.className(),
                    row == null ? null : row.outputShape(), row == null ? 0 : row.parameters(), layer.isInput(),
                    outputs.contains(layer.name()) || spec.outputNames().contains(layer.name()),
                    calls > 1 ? owner : null, calls > 1 ? callIndex(layer) : 0, calls, group));
        }
        return new ModelGraph(spec.modelName(), nodes, edges(spec, shapes, rows), List.copyOf(groups.values()));
    }

    /** The innermost nested model whose layers' names start with its name and a slash, or null. */
    private static String enclosingGroup(String name, Map<String, NestedGroup> groups) {
        String enclosing = null;
        for (String group : groups.keySet()) {
            if (name.startsWith(group + "/") && (enclosing == null || group.length() > enclosing.length())) {
                enclosing = group;
            }
        }
        return enclosing;
    }

    /** {@code shared@2} is call 2 of {@code shared}; the first call keeps the plain name. */
    private static int callIndex(LayerSpec layer) {
        if (!layer.isLaterCall()) {
            return 0;
        }
        String suffix = layer.name().substring(layer.weightsOwner().length());
        int separator = suffix.indexOf('@');
        int end = suffix.indexOf('/', separator);
        try {
            return Integer.parseInt(end < 0 ? suffix.substring(separator + 1) : suffix.substring(separator + 1, end));
        } catch (RuntimeException e) {
            return 1;
        }
    }

    private static List<GraphEdge> edges(ModelSpec spec, ShapeModel shapes, Map<String, ModelSummary.Row> rows) {
        Map<String, RecurrentLayer> recurrent = new HashMap<>();
        RecurrentLayer.in(spec).forEach(layer -> recurrent.put(layer.name(), layer));
        Map<String, InitialStateSource> initialStates = new HashMap<>();
        InitialStateSources.of(spec).forEach(source -> initialStates.put(source.layer(), source));
        List<GraphEdge> edges = new ArrayList<>();
        for (LayerSpec layer : spec.layers()) {
            List<TensorRef> inbound = layer.inboundTensors();
            for (int position = 0; position < inbound.size(); position++) {
                TensorRef tensor = inbound.get(position);
                String state = returnedState(recurrent.get(tensor.layer()), tensor.index());
                InitialStateSource initial = initialStates.get(layer.name());
                if (initial != null && position >= 1 && position - 1 < initial.states().size()) {
                    // An RNN's inputs after its sequence are its initial states, in Keras's order.
                    String initialState = initial.states().get(position - 1).state();
                    state = state == null || state.equals(initialState) ? initialState : state + " \u2192 " + initialState;
                }
                edges.add(new GraphEdge(tensor.layer(), layer.name(), tensor.index(), shape(tensor, shapes, rows), state));
            }
        }
        return edges;
    }

    /** The state a recurrent layer's output {@code index} is: output 0 is its sequence or last output. */
    private static String returnedState(RecurrentLayer layer, int index) {
        if (layer == null || index < 1 || index > layer.stateNames().size()) {
            return null;
        }
        return layer.stateNames().get(index - 1);
    }

    private static List<Long> shape(TensorRef tensor, ShapeModel shapes, Map<String, ModelSummary.Row> rows) {
        Optional<KerasShape> known = shapes.shape(tensor.outputName());
        if (known.isPresent()) {
            return known.get().with(0, null).sizes();
        }
        ModelSummary.Row row = rows.get(tensor.layer());
        return tensor.index() == 0 && row != null ? row.outputShape() : null;
    }

    /**
     * @param name a layer call's name
     * @return its node
     */
    public Optional<GraphNode> node(String name) {
        return nodes.stream().filter(node -> node.name().equals(name)).findFirst();
    }
}
