package org.kinspect.graph.masking;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Runs {@link MaskedMerge}: Keras 3's merge of masked inputs, step by step as Keras computes it. */
final class MaskedMergeImpl extends org.deeplearning4j.nn.graph.vertex.impl.ElementWiseVertex implements MaskReader {
    private static final Set<String> MERGES = Set.of("Maximum", "Minimum", "Multiply");
    private final MaskedMerge merge;
    private List<INDArray> kerasMasks;

    MaskedMergeImpl(ComputationGraph graph, String name, int index, DataType dataType, MaskedMerge merge) {
        super(graph, name, index, Op.Max, dataType); // unused: doForward computes Keras's merge
        this.merge = merge;
    }

    /** @return whether Keras 3 leaves the masked steps of an input out of this class of merge */
    static boolean isMerge(String kerasClass) {
        return MERGES.contains(kerasClass);
    }

    @Override
    public List<String> maskOrigins() {
        return merge.getMaskOrigins();
    }

    @Override
    public void setKerasMasks(List<INDArray> masks) {
        kerasMasks = new ArrayList<>(masks);
    }

    @Override
    public void clear() {
        super.clear();
        kerasMasks = null;
    }

    @Override
    public INDArray doForward(boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (kerasMasks == null) {
            throw MaskReader.maskMissing(getVertexName());
        }
        INDArray[] given = getInputs();
        List<INDArray> keeps = new ArrayList<>();
        for (int i = 0; i < given.length; i++) {
            keeps.add(kerasMasks.get(i) == null ? null : keep(kerasMasks.get(i), given[i]));
        }
        INDArray output = merge.getMergedClass().equals("Multiply") ? multiply(given, keeps) : extreme(given, keeps);
        return workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, output);
    }

    /** Keras's {@code _apply_merge_op_and_or_mask}: a masked input is replaced by the running result. */
    private INDArray extreme(INDArray[] given, List<INDArray> keeps) {
        boolean maximum = merge.getMergedClass().equals("Maximum");
        INDArray output = given[0].castTo(dataType);
        INDArray outputKeep = keeps.get(0);
        for (int i = 1; i < given.length; i++) {
            INDArray next = given[i].castTo(dataType);
            INDArray keep = keeps.get(i);
            if (keep != null) {
                next = where(keep, next, output);
            }
            if (outputKeep != null) {
                output = where(outputKeep, output, next);
            }
            outputKeep = keep != null && outputKeep != null ? Transforms.max(outputKeep, keep, true) : null;
            output = maximum ? Transforms.max(output, next, true) : Transforms.min(output, next, true);
        }
        return output.dup();
    }

    /**
     * Keras's {@code Multiply._merge_function}: a masked input counts as 1; when every input is
     * masked, the steps no input keeps are 0.
     */
    private INDArray multiply(INDArray[] given, List<INDArray> keeps) {
        boolean everyInputMasked = keeps.stream().allMatch(keep -> keep != null);
        INDArray output = null;
        INDArray outputKeep = null;
        for (int i = 0; i < given.length; i++) {
            INDArray factor = given[i].castTo(dataType);
            INDArray keep = keeps.get(i);
            if (keep != null) {
                factor = factor.mul(keep).addi(keep.rsub(1.0));
                outputKeep = outputKeep == null ? keep : Transforms.max(outputKeep, keep, true);
            }
            output = output == null ? factor.dup() : output.mul(factor);
        }
        return everyInputMasked ? output.mul(outputKeep) : output;
    }

    /** @return {@code chosen} where {@code keep} is 1, {@code otherwise} where it is 0 (Keras's {@code where}) */
    private static INDArray where(INDArray keep, INDArray chosen, INDArray otherwise) {
        return chosen.mul(keep).addi(otherwise.mul(keep.rsub(1.0)));
    }

    /** @return the mask (batch, steps) as 1 and 0 of the input's shape: every feature of a kept step kept */
    private INDArray keep(INDArray mask, INDArray input) {
        int stepsAxis = merge.getStepsAxis();
        if (input.rank() != 3 || input.size(stepsAxis) != mask.size(1) || input.size(0) != mask.size(0)) {
            throw new IllegalStateException("layer '" + getVertexName() + "' (" + merge.getMergedClass()
                    + ") reads a mask of shape " + Arrays.toString(mask.shape()) + " beside an input of shape "
                    + Arrays.toString(input.shape()) + " whose steps are axis " + stepsAxis);
        }
        INDArray keep = mask.castTo(dataType);
        long batch = input.size(0);
        long steps = mask.size(1);
        INDArray expanded = stepsAxis == 2 ? keep.reshape(batch, 1, steps) : keep.reshape(batch, steps, 1);
        return expanded.broadcast(input.shape());
    }

    @Override
    public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaceMgr) {
        throw new UnsupportedOperationException("kinspect's masked merge '" + getVertexName() + "' runs forward only");
    }

    @Override
    public String toString() {
        return "MaskedMergeImpl(" + getVertexName() + ", " + merge + ")";
    }
}
