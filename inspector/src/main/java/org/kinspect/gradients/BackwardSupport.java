package org.kinspect.gradients;

import java.util.Set;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.graph.vertex.impl.LayerVertex;
import org.kinspect.config.LayerSpec;
import org.kinspect.errors.KinspectException;
import org.kinspect.graph.ImportedGraph;
import org.kinspect.graph.base.InferenceVertex;
import org.kinspect.graph.masking.InputMask;

/**
 * The layers and vertices whose backward pass kinspect has checked against Keras's own gradients
 * (the fixtures of {@code src/test/resources/gradients}, and those whose backward pass is the
 * identity or a fixed rearrangement in inference mode). Any other layer the target depends on is
 * refused by name before anything runs: DL4J has backward passes for most of its layers, but an
 * unchecked one may differ from Keras's. kinspect's own vertices say for themselves
 * ({@code InferenceVertex.hasCheckedBackward}): element-wise operation layers, the attention layers
 * (Attention, AdditiveAttention, MultiHeadAttention, GroupQueryAttention) without Keras masks, LSTM
 * and GRU layers with initial or returned states (a seq2seq model's gradient reaches its encoder),
 * and the vertices taking a packed output apart have a checked one; SimpleRNN layers with states
 * have none. (Two of DL4J's were found wrong and are replaced in {@code InferenceBackward}: its
 * Conv1D backward pass fails on channels-last sequences, and every SameDiff layer's, kinspect's
 * normalisation layers among them, comes out doubled.)
 */
final class BackwardSupport {
    /** DL4J layer configurations (wrappers looked through) with a checked backward pass. */
    private static final Set<String> LAYERS = Set.of(
            "DenseLayer", "ConvolutionLayer", "SubsamplingLayer", "BatchNormalization", "DropoutLayer",
            // backward passes of kinspect's own (InferenceBackward): DL4J's fail or double
            "Convolution1DLayer", "LayerNormalizationLayer", "RmsNormalizationLayer", "GroupNormalizationLayer",
            "UnitNormalizationLayer",
            "ActivationLayer", "LSTM", "LastTimeStep", "Bidirectional", "GlobalPoolingLayer", "GruLayer",
            "SimpleRnn", "ZeroPaddingLayer");
    /** DL4J vertices with a checked backward pass. */
    private static final Set<String> VERTICES = Set.of("PreprocessorVertex", "MergeVertex", "ElementWiseVertex");

    private BackwardSupport() {
    }

    /**
     * @param imported the graph
     * @param needed the indices of the vertices the target depends on
     * @throws KinspectException (unsupported) naming the first layer without a checked backward pass
     */
    static void check(ImportedGraph imported, Set<Integer> needed) {
        for (LayerSpec layer : imported.spec().layers()) {
            if (InputMask.isOrigin(layer)) {
                throw KinspectException.unsupported("layer '" + layer.name() + "' (" + layer.className() + ") makes a"
                        + " mask, and kinspect has not checked gradients of masked models against Keras; refused"
                        + " rather than given wrong");
            }
        }
        // the one nearest the target first: the layer to target before, when there are several
        int[] order = imported.graph().topologicalSortOrder();
        for (int position = order.length - 1; position >= 0; position--) {
            GraphVertex vertex = imported.graph().getVertices()[order[position]];
            if (!needed.contains(vertex.getVertexIndex()) || vertex.isInputVertex() || supported(vertex)) {
                continue;
            }
            LayerSpec layer = kerasLayer(imported, vertex.getVertexName());
            String name = layer == null ? vertex.getVertexName() : layer.name();
            String className = layer == null ? vertex.getClass().getSimpleName() : layer.className();
            throw KinspectException.unsupported("layer '" + name + "' (" + className + ") has no backward pass"
                    + " kinspect has checked against Keras; gradients through it are refused rather than given wrong"
                    + " (target a layer before it with --target LAYER:UNIT)");
        }
    }

    /** The Keras layer a vertex computes: its name, or a name it extends ({@code encoder__outputs}). */
    private static LayerSpec kerasLayer(ImportedGraph imported, String vertexName) {
        LayerSpec best = null;
        for (LayerSpec layer : imported.spec().layers()) {
            if ((vertexName.equals(layer.name()) || vertexName.startsWith(layer.name() + "__"))
                    && (best == null || layer.name().length() > best.name().length())) {
                best = layer;
            }
        }
        return best;
    }

    private static boolean supported(GraphVertex vertex) {
        if (vertex instanceof LayerVertex layerVertex) {
            // DL4J's own input preprocessors (reshapes, permutes) have exact backward passes; kinspect's are unchecked
            boolean preprocessorChecked = layerVertex.getLayerPreProcessor() == null
                    || layerVertex.getLayerPreProcessor().getClass().getName().startsWith("org.deeplearning4j.");
            return preprocessorChecked && supported(layerVertex.getLayer().conf().getLayer());
        }
        if (vertex instanceof InferenceVertex inference) {
            return inference.hasCheckedBackward();
        }
        return VERTICES.contains(vertex.getClass().getSimpleName());
    }

    private static boolean supported(Layer layer) {
        if (!LAYERS.contains(layer.getClass().getSimpleName())) {
            return false;
        }
        if (layer instanceof BaseWrapperLayer wrapper) {
            return supported(wrapper.getUnderlying());
        }
        if (layer instanceof Bidirectional both) {
            return supported(both.getFwd()) && supported(both.getBwd());
        }
        return true;
    }
}
