package org.kinspect.graph.masking;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Keras 3's {@code Maximum}, {@code Minimum} or {@code Multiply} of inputs of which some carry a
 * Keras mask: where an input is masked it is left out of the merge (Maximum and Minimum take the
 * running result in its place, Multiply takes 1), as {@code Merge._apply_merge_op_and_or_mask} and
 * {@code Multiply._merge_function} compute it. The masks are the ones their origins (a Masking
 * layer, an Embedding with {@code mask_zero}) make, handed over at run time
 * ({@link MaskReader}).
 *
 * <pre>{@code
 * GraphVertex merge = new MaskedMerge("Maximum", Arrays.asList("embedding", null), 2);
 * }</pre>
 */
public class MaskedMerge extends ElementWiseVertex {
    private final String mergedClass;
    private final List<String> maskOrigins;
    private final int stepsAxis;

    /**
     * @param mergedClass the Keras class: {@code Maximum}, {@code Minimum} or {@code Multiply}
     * @param maskOrigins for each input, the Masking or Embedding layer whose mask it carries, or null
     * @param stepsAxis the steps' axis of the inputs as the graph lays them out (1 or 2)
     */
    public MaskedMerge(@JsonProperty("mergedClass") String mergedClass,
            @JsonProperty("maskOrigins") List<String> maskOrigins, @JsonProperty("stepsAxis") int stepsAxis) {
        super(mergedClass.equals("Multiply") ? Op.Product : Op.Max);
        if (!MaskedMergeImpl.isMerge(mergedClass)) {
            throw new IllegalArgumentException("not a mask-aware Keras merge: " + mergedClass);
        }
        this.mergedClass = mergedClass;
        this.maskOrigins = new ArrayList<>(maskOrigins);
        this.stepsAxis = stepsAxis;
    }

    /** @return the Keras class: {@code Maximum}, {@code Minimum} or {@code Multiply} */
    public String getMergedClass() {
        return mergedClass;
    }

    /** @return for each input, the Masking or Embedding layer whose mask it carries, or null */
    public List<String> getMaskOrigins() {
        return new ArrayList<>(maskOrigins);
    }

    /** @return the steps' axis of the inputs as the graph lays them out */
    public int getStepsAxis() {
        return stepsAxis;
    }

    @Override
    public int minVertexInputs() {
        return maskOrigins.size();
    }

    @Override
    public int maxVertexInputs() {
        return maskOrigins.size();
    }

    @Override
    public GraphVertex instantiate(ComputationGraph graph, String name, int index, INDArray paramsView,
            boolean initializeParams, DataType networkDatatype) {
        return new MaskedMergeImpl(graph, name, index, networkDatatype, this);
    }

    @Override
    public MaskedMerge clone() {
        return new MaskedMerge(mergedClass, maskOrigins, stepsAxis);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MaskedMerge merge && merge.mergedClass.equals(mergedClass)
                && merge.maskOrigins.equals(maskOrigins) && merge.stepsAxis == stepsAxis;
    }

    @Override
    public int hashCode() {
        return Objects.hash(mergedClass, maskOrigins, stepsAxis);
    }

    @Override
    public String toString() {
        return "MaskedMerge(" + mergedClass + ", masks from " + maskOrigins + ")";
    }
}
