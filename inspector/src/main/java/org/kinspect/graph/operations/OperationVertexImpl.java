package org.kinspect.graph.operations;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.kinspect.graph.base.InferenceVertex;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Runs an {@link OperationVertex}: inputs to Keras's layout, the operation, the result as Keras has it. */
final class OperationVertexImpl extends InferenceVertex {
    private final Operation operation;
    private final List<KerasTensorLayout> layouts;

    OperationVertexImpl(ComputationGraph graph, String name, int index, Operation operation,
            List<KerasTensorLayout> layouts, DataType dataType) {
        super(graph, name, index, dataType, "operation layer");
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


    /** Only an element-wise op on tensors in Keras's layout: no layout to invert, a backward pass checked against Keras. */
    @Override
    public boolean hasCheckedBackward() {
        return operation.differentiable() && layouts.stream().allMatch(layout -> layout == KerasTensorLayout.AS_KERAS);
    }

    @Override
    public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaceMgr) {
        if (!hasCheckedBackward()) {
            return super.doBackward(tbptt, workspaceMgr);
        }
        List<INDArray> gradients = operation.backward(java.util.Arrays.asList(inputs), epsilon);
        INDArray[] byInput = new INDArray[inputs.length];
        for (int i = 0; i < byInput.length; i++) {
            byInput[i] = gradients.get(i) == null ? null : gradients.get(i).reshape(inputs[i].shape());
        }
        return new Pair<>(new org.deeplearning4j.nn.gradient.DefaultGradient(), byInput);
    }
}
