package org.kinspect.diff;

import java.util.List;
import java.util.Optional;

/**
 * Where two models part ways on the same examples: each layer they share, in model A's order,
 * and the first whose output differs beyond the tolerance.
 *
 * <pre>{@code
 * ModelDifference difference = ModelDiffer.of(a, b).compare(batches);
 * difference.firstDivergentLayer();   // Optional[lstm_1], or empty when they agree
 * }</pre>
 *
 * @param examples how many examples were run through both
 * @param tolerance a layer diverges when its max relative difference is above it
 * @param layers the layers compared, in model A's order
 * @param unmatched the layers of either model that could not be compared, and why
 */
public record ModelDifference(long examples, double tolerance, List<LayerDifference> layers,
        List<UnmatchedLayer> unmatched) {

    public ModelDifference {
        layers = List.copyOf(layers);
        unmatched = List.copyOf(unmatched);
    }

    /** @return the first layer, in model A's order, above the tolerance; empty when none is */
    public Optional<String> firstDivergentLayer() {
        return layers.stream().filter(LayerDifference::divergent).map(LayerDifference::name).findFirst();
    }

    /**
     * @param name a layer name
     * @return its difference, when it was compared
     */
    public Optional<LayerDifference> layer(String name) {
        return layers.stream().filter(layer -> layer.name().equals(name)).findFirst();
    }
}
