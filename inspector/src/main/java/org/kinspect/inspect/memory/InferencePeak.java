package org.kinspect.inspect.memory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.kinspect.config.LayerSpec;

/**
 * The most activation memory alive at once while the model runs, when each output is freed as
 * soon as the last layer reading it has run (model outputs are kept to the end: they are the
 * result). A view keeps the output it views alive.
 *
 * <pre>{@code
 * // input -> a -> b; a -> c; (b, c) -> add: while c runs, a (still to be read by c), b and c are alive.
 * InferencePeak peak = InferencePeak.of(order, layers, List.of("add"));
 * peak.atLayer();    // "c"
 * peak.alive();      // [a, b, c]
 * }</pre>
 *
 * @param activationBytes the activation bytes alive at the peak
 * @param atLayer the layer running at the peak, or null for a model without layers of known size
 * @param alive the layers whose outputs are alive then, in running order
 */
public record InferencePeak(long activationBytes, String atLayer, List<String> alive) {

    public InferencePeak {
        alive = List.copyOf(alive);
    }

    /**
     * @param order the layers in running order
     * @param memory each layer's memory, by name
     * @param outputs the model's output layers
     * @return the peak
     */
    static InferencePeak of(List<LayerSpec> order, Map<String, LayerMemory> memory, Collection<String> outputs) {
        Map<String, Integer> position = new HashMap<>();
        for (int step = 0; step < order.size(); step++) {
            position.put(order.get(step).name(), step);
        }
        // Every output is freed after the last step that reads it or any view of it.
        Map<String, Integer> lastUse = new HashMap<>();
        for (LayerSpec layer : order) {
            String owner = owner(layer.name(), memory);
            lastUse.merge(owner, position.get(layer.name()), Math::max);
            if (outputs.contains(layer.name())) {
                lastUse.put(owner, Integer.MAX_VALUE);
            }
            for (String input : layer.inboundLayers()) {
                if (position.containsKey(input)) {
                    lastUse.merge(owner(input, memory), position.get(layer.name()), Math::max);
                }
            }
        }
        long peakBytes = -1;
        int peakStep = -1;
        for (int step = 0; step < order.size(); step++) {
            long alive = 0;
            for (String owner : aliveAt(step, order, lastUse, memory)) {
                alive += memory.get(owner).ownBytes(false);
            }
            if (alive > peakBytes) {
                peakBytes = alive;
                peakStep = step;
            }
        }
        if (peakStep < 0) {
            return new InferencePeak(0, null, List.of());
        }
        return new InferencePeak(peakBytes, order.get(peakStep).name(), aliveAt(peakStep, order, lastUse, memory));
    }

    private static List<String> aliveAt(int step, List<LayerSpec> order, Map<String, Integer> lastUse,
            Map<String, LayerMemory> memory) {
        List<String> alive = new ArrayList<>();
        for (int earlier = 0; earlier <= step; earlier++) {
            String name = order.get(earlier).name();
            if (memory.get(name).viewOf() == null && lastUse.getOrDefault(name, earlier) >= step) {
                alive.add(name);
            }
        }
        return alive;
    }

    /** @return the layer whose memory {@code name}'s output lives in at inference */
    private static String owner(String name, Map<String, LayerMemory> memory) {
        String owner = name;
        for (int hops = 0; memory.containsKey(owner) && memory.get(owner).viewOf() != null && hops <= memory.size(); hops++) {
            owner = memory.get(owner).viewOf();
        }
        return owner;
    }
}
