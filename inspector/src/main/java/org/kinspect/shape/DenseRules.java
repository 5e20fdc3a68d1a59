package org.kinspect.shape;

import java.util.ArrayList;
import java.util.List;
import org.kinspect.config.LayerSpec;

/**
 * Layers that map the last axis to a size of their own: {@code Dense} (on any rank, as Keras
 * applies it to the last axis), Keras 1 {@code TimeDistributedDense}, {@code EinsumDense} and
 * {@code Embedding} (which adds an axis).
 *
 * <pre>{@code
 * DenseRules.dense(layer, List.of(KerasShape.of(null, 60, 23)));  // (None, 60, units)
 * }</pre>
 */
final class DenseRules {

    private DenseRules() {}

    /** {@code Dense}: the last axis becomes {@code units}. */
    static List<KerasShape> dense(LayerSpec layer, List<KerasShape> inputs) {
        KerasShape input = inputs.get(0);
        if (input.rank() < 2) throw new IllegalArgumentException("on a tensor of rank " + input.rank());
        long units = new LayerConfig(layer).integer("units", "output_dim");
        return List.of(input.with(-1, units));
    }

    /** {@code EinsumDense}: its {@code output_shape} after the batch, open entries the input's own. */
    static List<KerasShape> einsumDense(LayerSpec layer, List<KerasShape> inputs) {
        KerasShape input = inputs.get(0);
        Object declared = new LayerConfig(layer).value("output_shape");
        List<?> sizes = declared instanceof List<?> list ? list : List.of(declared);
        List<Long> example = new ArrayList<>();
        for (int i = 0; i < sizes.size(); i++) {
            if (sizes.get(i) instanceof Number number) {
                example.add(number.longValue());
            } else {
                example.add(i + 1 < input.rank() ? input.size(i + 1) : null);
            }
        }
        return List.of(KerasShape.batchOf(input.size(0), example));
    }

    /** {@code Embedding}: one vector of {@code output_dim} for every index. */
    static List<KerasShape> embedding(LayerSpec layer, List<KerasShape> inputs) {
        KerasShape input = inputs.get(0);
        List<Long> example = new ArrayList<>(input.example());
        example.add((long) new LayerConfig(layer).integer("output_dim"));
        return List.of(KerasShape.batchOf(input.size(0), example));
    }
}
