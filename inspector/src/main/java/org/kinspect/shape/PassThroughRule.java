package org.kinspect.shape;

import java.util.List;
import org.kinspect.config.LayerSpec;

/**
 * Layers whose output has their input's shape: activations, normalisation, dropout and noise,
 * masking, image augmentation at inference, the identity that stands for an inlined nested model.
 *
 * <pre>{@code
 * new PassThroughRule().outputs(relu, List.of(KerasShape.of(null, 8)));  // [(None, 8)]
 * }</pre>
 */
final class PassThroughRule implements ShapeRule {

    @Override
    public List<KerasShape> outputs(LayerSpec layer, List<KerasShape> inputs) {
        if (inputs.isEmpty()) throw new IllegalArgumentException("called on nothing");
        return List.of(inputs.get(0));
    }
}
