package org.kinspect.graph.masking;

import org.kinspect.config.LayerSpec;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The mask a Masking layer or an Embedding with {@code mask_zero} makes, as Keras makes it, from
 * that layer's own input: for an Embedding, the steps whose token id is not 0 (whatever the
 * embedding of the token: a real token's row may be all zeros); for a Masking layer, the steps
 * with any feature not equal to its {@code mask_value}.
 *
 * <pre>{@code
 * INDArray keep = KerasMasks.keep(spec.layer("embedding").orElseThrow(), tokenIds); // (batch, steps)
 * }</pre>
 */
public final class KerasMasks {

    private KerasMasks() {}

    /**
     * @param origin a Masking layer or an Embedding with {@code mask_zero} ({@link InputMask#isOrigin})
     * @param kerasInput the layer's input in Keras's layout: token ids (batch, steps) for an
     *     Embedding (a trailing or inner axis of size 1 is allowed), (batch, steps, features) for Masking
     * @return 1 for the steps Keras computes and 0 for masked ones, (batch, steps), as floats
     */
    public static INDArray keep(LayerSpec origin, INDArray kerasInput) {
        long batch = kerasInput.size(0);
        if (origin.className().equals("Embedding")) {
            return kerasInput.neq(0.0).castTo(DataType.FLOAT).reshape('c', batch, kerasInput.length() / batch);
        }
        double maskValue = origin.config().get("mask_value") instanceof Number value ? value.doubleValue() : 0.0;
        return kerasInput.neq(maskValue).castTo(DataType.FLOAT).max(kerasInput.rank() - 1)
                .reshape('c', batch, kerasInput.size(1));
    }
}
