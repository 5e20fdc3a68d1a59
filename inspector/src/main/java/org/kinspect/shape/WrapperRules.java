package org.kinspect.shape;

import java.util.ArrayList;
import java.util.List;
import org.kinspect.config.LayerSpec;

/**
 * {@code TimeDistributed}: the wrapped layer's rule on one step ({@code (batch, *input[2:])}), the
 * steps put back after the batch.
 *
 * <pre>{@code
 * // TimeDistributed(Dense(4)) on (None, 5, 3): Dense on (None, 3) is (None, 4), so (None, 5, 4)
 * }</pre>
 */
final class WrapperRules {

    private WrapperRules() {}

    static List<KerasShape> timeDistributed(LayerSpec layer, List<KerasShape> inputs) {
        KerasShape input = inputs.get(0);
        if (input.rank() < 3) throw new IllegalArgumentException("on a tensor of rank " + input.rank());
        LayerSpec wrapped = new LayerConfig(layer).wrapped();
        ShapeRule rule = ShapeRules.forClass(wrapped.className())
                .orElseThrow(() -> new IllegalArgumentException("around a " + wrapped.className()));
        List<Long> step = new ArrayList<>(input.sizes());
        step.remove(1);
        List<KerasShape> outputs = new ArrayList<>();
        for (KerasShape output : rule.outputs(wrapped, List.of(new KerasShape(step)))) {
            List<Long> sizes = new ArrayList<>(output.sizes());
            sizes.add(1, input.size(1));
            outputs.add(new KerasShape(sizes));
        }
        return outputs;
    }
}
