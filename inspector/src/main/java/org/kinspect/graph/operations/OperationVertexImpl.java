package org.kinspect.graph.operations;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.BaseGraphVertex;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Runs an {@link OperationVertex}: inputs to Keras's layout, the operation, the result as Keras has it. */
final class OperationVertexImpl extends BaseGraphVertex {
    private final Operation operation;
    private final List<KerasTensorLayout> layouts;

    OperationVertexImpl(ComputationGraph graph, String name, int index, Operation operation,
            List<KerasTensorLayout> layouts, DataType dataType) {
        super(graph, name, index, null, null, dataType);
        this.operation = operation;
        this.layouts = layouts;
    }

    @Override
    public INDArray doForward(boolean training, LayerWorkspaceMgr workspaceMgr) {
        long batch = graph.getInputs() == null || graph.getInputs().length == 0 ? inputs[0].size(0)
                : graph.getInputs()[0].size(0);
        List<INDArray> kerasInputs = new ArrayList<>();
        for (int i = 0; i < inputs.length; i++) {
            KerasTensorLayout layout = i < layouts.size() ? layouts.get(i) : KerasTensorLayout.AS_KERAS;
            kerasInputs.add(layout.toKeras(inputs[i], batch));
        }
        return operation.apply(kerasInputs).castTo(DataType.FLOAT);
    }

    @Override
    public boolean hasLayer() {
        return false;
    }

    @Override
    public Layer getLayer() {
        return null;
    }

    @Override
    public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaceMgr) {
        throw new UnsupportedOperationException("operation layer '" + vertexName + "' is imported for inference only");
    }

    @Override
    public void setBackpropGradientsViewArray(INDArray backpropGradientsViewArray) {
        // no parameters
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArrays(INDArray[] maskArrays, MaskState currentMaskState,
            int minibatchSize) {
        return new Pair<>(null, currentMaskState); // ops do not carry Keras masks on
    }

    @Override
    public String toString() {
        return "OperationVertexImpl(" + vertexName + ")";
    }
}
