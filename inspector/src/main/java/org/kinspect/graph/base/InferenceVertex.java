package org.kinspect.graph.base;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.BaseGraphVertex;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A running DL4J vertex of kinspect's that computes a Keras layer (attention, operations, recurrent
 * layers with states): it holds no DL4J layer and passes no mask on unless it says otherwise. It is
 * for inference only unless it has a backward pass checked against Keras's gradients
 * ({@link #hasCheckedBackward()}; element-wise operations, the attention layers, LSTM and GRU layers
 * with states, the vertices that take a packed output apart), which then hands back its
 * parameters' gradients under the names of {@link #paramTable(boolean)}.
 *
 * <pre>{@code
 * final class DoubleVertexImpl extends InferenceVertex {
 *     DoubleVertexImpl(ComputationGraph graph, String name, int index, DataType type) {
 *         super(graph, name, index, type, "doubling layer");
 *     }
 *     public INDArray doForward(boolean training, LayerWorkspaceMgr workspaces) {
 *         return getInputs()[0].mul(2);
 *     }
 * }
 * }</pre>
 */
public abstract class InferenceVertex extends BaseGraphVertex {
    private final String kind;

    /**
     * @param graph the graph
     * @param name the vertex name
     * @param index the vertex index
     * @param dataType the network's data type
     * @param kind what the vertex computes, for messages ("attention layer")
     */
    protected InferenceVertex(ComputationGraph graph, String name, int index, DataType dataType, String kind) {
        super(graph, name, index, null, null, dataType);
        this.kind = kind;
    }

    @Override
    public boolean hasLayer() {
        return false;
    }

    @Override
    public Layer getLayer() {
        return null;
    }

    /**
     * @return whether this vertex has a backward pass that kinspect has checked against Keras's
     *     gradients (the others are for inference only)
     */
    public boolean hasCheckedBackward() {
        return false;
    }

    @Override
    public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaceMgr) {
        throw new UnsupportedOperationException(kind + " '" + vertexName + "' is imported for inference only");
    }

    /**
     * For a vertex that packs several outputs of one Keras layer into one array: after
     * {@link #doBackward}, the gradient with respect to the packed output with each output's part
     * the total derivative Keras reports for that tensor, through every path. Where one output is
     * computed from another (an LSTM's final h from its final c, its last output being that h, an
     * attention layer's output from its scores) the gradient handed in counts only each output's
     * own readers.
     *
     * @return the packed total gradient, or null when the outputs are independent (or no backward pass ran)
     */
    public INDArray totalOutputGradient() {
        return null;
    }

    @Override
    public void setBackpropGradientsViewArray(INDArray backpropGradientsViewArray) {
        // inference only: no gradients
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArrays(INDArray[] maskArrays, MaskState currentMaskState,
            int minibatchSize) {
        return new Pair<>(null, currentMaskState);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + vertexName + ")";
    }
}
