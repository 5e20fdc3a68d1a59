package org.kinspect.inspect.memory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.kinspect.config.LayerSpec;
import org.kinspect.config.ModelSpec;

/**
 * The order the layers run in: DL4J's own order of its vertices, which carry the Keras layer
 * names. A Keras layer with no vertex of its own (an input, a Flatten that DL4J folds into the next
 * layer) runs as soon as the layers it reads have run.
 */
final class ExecutionOrder {

    private ExecutionOrder() {}

    /**
     * @param spec the model
     * @param graph its DL4J graph
     * @return every layer of the model once, each after the layers it reads
     */
    static List<LayerSpec> of(ModelSpec spec, ComputationGraph graph) {
        Map<String, Integer> dl4jRank = dl4jRanks(graph);
        Map<String, LayerSpec> byName = new LinkedHashMap<>();
        spec.layers().forEach(layer -> byName.put(layer.name(), layer));
        Map<String, Integer> waitingFor = new HashMap<>();
        Map<String, List<String>> readers = new HashMap<>();
        for (LayerSpec layer : spec.layers()) {
            List<String> inputs = layer.inboundLayers().stream().filter(byName::containsKey).toList();
            waitingFor.put(layer.name(), inputs.size());
            inputs.forEach(input -> readers.computeIfAbsent(input, key -> new ArrayList<>()).add(layer.name()));
        }
        // Kahn's algorithm; among the layers ready to run, DL4J's order first, then Keras's.
        List<String> kerasOrder = spec.layerNames();
        PriorityQueue<String> ready = new PriorityQueue<>((a, b) -> {
            int byDl4j = Integer.compare(dl4jRank.getOrDefault(a, -1), dl4jRank.getOrDefault(b, -1));
            return byDl4j != 0 ? byDl4j : Integer.compare(kerasOrder.indexOf(a), kerasOrder.indexOf(b));
        });
        waitingFor.forEach((name, count) -> {
            if (count == 0) ready.add(name);
        });
        List<LayerSpec> order = new ArrayList<>();
        while (!ready.isEmpty()) {
            String next = ready.poll();
            order.add(byName.get(next));
            for (String reader : readers.getOrDefault(next, List.of())) {
                if (waitingFor.merge(reader, -1, Integer::sum) == 0) ready.add(reader);
            }
        }
        if (order.size() != byName.size()) {
            return spec.layers(); // a cycle cannot be imported anyway; Keras's order is topological
        }
        return order;
    }

    /**
     * @param graph a DL4J graph
     * @return its inputs and vertices by name, in the order DL4J runs them
     */
    static List<String> dl4jOrder(ComputationGraph graph) {
        Map<Integer, String> names = graph.calculateIndices().getIdxToName();
        List<String> order = new ArrayList<>();
        for (int index : graph.topologicalSortOrder()) {
            order.add(names.get(index));
        }
        return order;
    }

    private static Map<String, Integer> dl4jRanks(ComputationGraph graph) {
        Map<String, Integer> ranks = new HashMap<>();
        List<String> order = dl4jOrder(graph);
        for (int rank = 0; rank < order.size(); rank++) {
            ranks.put(order.get(rank), rank);
        }
        return ranks;
    }
}
