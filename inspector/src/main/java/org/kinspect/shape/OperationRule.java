package org.kinspect.shape;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.kinspect.config.LayerSpec;
import org.kinspect.config.OperationLayers;
import org.kinspect.graph.operations.OperationVertex;

/**
 * A {@code keras.ops} call or tf.keras op layer in kinspect's operation form
 * ({@link OperationLayers}): the shape rule of the operation itself, as kinspect computes it.
 *
 * <pre>{@code
 * // ops.mean(x, axis=1) on (None, 4, 3): [(None, 3)]
 * }</pre>
 */
final class OperationRule implements ShapeRule {

    @Override
    public List<KerasShape> outputs(LayerSpec layer, List<KerasShape> inputs) {
        Map<?, ?> operation = layer.notes().operation();
        List<long[]> shapes = new ArrayList<>();
        for (KerasShape input : inputs) shapes.add(input.toArray());
        return List.of(KerasShape.ofOpen(OperationVertex.kerasOutputShape(operation, shapes)));
    }
}
