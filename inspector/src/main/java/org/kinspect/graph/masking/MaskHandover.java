package org.kinspect.graph.masking;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.kinspect.graph.base.MaskedByOrigin;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Hands the Keras masks that {@link KerasMasks} computed to the vertices of a graph that read
 * them: kinspect's own readers ({@link MaskReader}) directly, and kinspect's GRU under a
 * LastTimeStep or in a Bidirectional (which reverses the mask for its backward half) through DL4J's
 * {@code setMaskArray} of the wrapper, which the GRU keeps as its Keras mask.
 *
 * <pre>{@code
 * List<String> origins = MaskHandover.origins(vertex);
 * if (!origins.isEmpty()) MaskHandover.hand(vertex, masks); // before vertex.doForward
 * }</pre>
 */
public final class MaskHandover {

    private MaskHandover() {}

    /**
     * @param vertex a vertex of a built graph
     * @return for each of its inputs the Masking or Embedding layer whose mask it reads, or null;
     *     empty when it reads none
     */
    public static List<String> origins(GraphVertex vertex) {
        MaskReader reader = reader(vertex);
        if (reader != null) {
            return reader.maskOrigins().stream().anyMatch(origin -> origin != null) ? reader.maskOrigins() : List.of();
        }
        String origin = vertex.hasLayer() ? gruMaskOrigin(vertex.getLayer().conf().getLayer()) : null;
        return origin == null ? List.of() : Collections.singletonList(origin);
    }

    /**
     * @param vertex a vertex whose {@link #origins} are not empty
     * @param masks for each of its inputs, its Keras mask (batch, steps) or null
     */
    public static void hand(GraphVertex vertex, List<INDArray> masks) {
        MaskReader reader = reader(vertex);
        if (reader != null) {
            reader.setKerasMasks(new ArrayList<>(masks));
            return;
        }
        // A LastTimeStep hands it to the GRU, a Bidirectional to both halves (reversed for the backward one).
        vertex.getLayer().setMaskArray(masks.get(0));
    }

    private static MaskReader reader(GraphVertex vertex) {
        if (vertex instanceof MaskReader reader) {
            return reader;
        }
        return vertex.hasLayer() && vertex.getLayer() instanceof MaskReader reader ? reader : null;
    }

    private static String gruMaskOrigin(org.deeplearning4j.nn.conf.layers.Layer layer) {
        if (layer instanceof MaskedByOrigin masked) {
            return masked.getMaskOrigin();
        }
        if (layer instanceof Bidirectional bidirectional) {
            return gruMaskOrigin(bidirectional.getFwd());
        }
        if (layer instanceof org.deeplearning4j.nn.conf.layers.wrapper.BaseWrapperLayer wrapper) {
            return gruMaskOrigin(wrapper.getUnderlying());
        }
        return null;
    }

}
