package org.kinspect.shape;

import java.util.List;
import org.kinspect.config.LayerSpec;

/**
 * Keras's {@code compute_output_shape} for one family of layer classes: the shapes of a layer's
 * outputs from its configuration and the shapes of the tensors it is called on.
 *
 * <pre>{@code
 * ShapeRule dense = ShapeRules.forClass("Dense").orElseThrow();
 * dense.outputs(layer, List.of(KerasShape.of(null, 7, 3)));  // [(None, 7, units)]
 * }</pre>
 */
@FunctionalInterface
public interface ShapeRule {

    /**
     * @param layer the layer, its configuration in Keras 2 form (Keras 1 field names kept)
     * @param inputs the shapes of its inbound tensors, in call order
     * @return the shape of each of its outputs: output 0, then {@code LAYER__1}...
     * @throws IllegalArgumentException when the inputs cannot be given to such a layer (why, in a few words)
     */
    List<KerasShape> outputs(LayerSpec layer, List<KerasShape> inputs);
}
