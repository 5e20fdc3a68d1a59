package org.kinspect.diff;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Whether a second data set lights up a model differently from the first (a distribution shift),
 * per layer and unit.
 *
 * <pre>{@code
 * DataSetShift shift = ShiftSurveyor.of(model).bins(10).survey(training, incoming);
 * shift.ranked().get(0).name();   // the layer that moved most (by mean PSI)
 * }</pre>
 *
 * @param firstExamples how many examples the first set holds
 * @param secondExamples how many the second holds
 * @param bins histogram bins per unit over the first set's range (two more for outside it)
 * @param epsilon the least proportion a bin counts as in KL and PSI
 * @param layers each layer surveyed, in the model's order
 */
public record DataSetShift(long firstExamples, long secondExamples, int bins, double epsilon, List<LayerShift> layers) {

    public DataSetShift {
        layers = List.copyOf(layers);
    }

    /** @return the layers by their average shift (mean PSI), largest first */
    public List<LayerShift> ranked() {
        return layers.stream().sorted(Comparator.comparingDouble((LayerShift layer) ->
                Double.isNaN(layer.meanPsi()) ? Double.NEGATIVE_INFINITY : layer.meanPsi()).reversed()).toList();
    }

    /**
     * @param name a layer name
     * @return its shift, when it was surveyed
     */
    public Optional<LayerShift> layer(String name) {
        return layers.stream().filter(layer -> layer.name().equals(name)).findFirst();
    }
}
