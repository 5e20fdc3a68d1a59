package org.kinspect.shape;

import java.util.ArrayList;
import java.util.List;
import org.kinspect.config.LayerSpec;

/**
 * Shapes a layer's configuration declares outright: an {@code InputLayer}'s
 * {@code batch_input_shape} (Keras 3: {@code batch_shape}), a {@code Lambda}'s
 * {@code output_shape}.
 *
 * <pre>{@code
 * InputRules.input(imageInput, List.of());  // [(None, None, None, 3)] for Input((None, None, 3))
 * }</pre>
 */
final class InputRules {

    private InputRules() {}

    /** {@code InputLayer}: the shape it declares, batch first. */
    static List<KerasShape> input(LayerSpec layer, List<KerasShape> inputs) {
        Object declared = new LayerConfig(layer).value("batch_input_shape", "batch_shape");
        if (!(declared instanceof List<?> sizes)) throw new IllegalArgumentException("with no declared shape");
        return List.of(new KerasShape(sizes(sizes)));
    }

    /** {@code Lambda}: the {@code output_shape} the file records (without the batch); none: not known. */
    static List<KerasShape> lambda(LayerSpec layer, List<KerasShape> inputs) {
        Object declared = new LayerConfig(layer).value("output_shape");
        if (!(declared instanceof List<?> sizes) || sizes.isEmpty() || sizes.get(0) instanceof List<?>) {
            throw new IllegalArgumentException("whose output shape the file does not record");
        }
        return List.of(KerasShape.batchOf(inputs.isEmpty() ? null : inputs.get(0).size(0), sizes(sizes)));
    }

    private static List<Long> sizes(List<?> declared) {
        List<Long> sizes = new ArrayList<>();
        for (Object size : declared) {
            sizes.add(size instanceof Number number && number.longValue() > 0 ? number.longValue() : null);
        }
        return sizes;
    }
}
