package org.kinspect.graph;

import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.kinspect.errors.KinspectException;
import org.kinspect.safety.Memory;

/**
 * Checks a DL4J graph configuration before anything is allocated for it. A configuration is just
 * numbers from the file: a damaged one may ask for a layer of 10^12 parameters (which would be
 * allocated, and fail deep in native code or get the process killed), or for a layer whose output
 * has a size of zero (on which native code divides by zero and kills the JVM).
 *
 * <pre>{@code
 * GraphLimits.check(configuration, kerasModel.getOutputTypes(), "model.h5"); // before graph.init
 * }</pre>
 */
final class GraphLimits {
    /**
     * While the weights are copied, the graph's parameters exist twice: in the graph and as DL4J's
     * converted copy of the file's tensors.
     */
    private static final int PARAMETER_COPIES = 2;

    private GraphLimits() {}

    /**
     * @param configuration the graph, not yet initialised
     * @param outputTypes DL4J's description of each layer's output, by layer name
     * @param source the model file, for messages
     * @return the number of parameters of the graph
     * @throws KinspectException when a layer's output would be empty or the parameters cannot fit in memory
     */
    static long check(ComputationGraphConfiguration configuration, Map<String, InputType> outputTypes, String source) {
        outputTypes.forEach((layer, type) -> {
            // A model input of token ids with an unknown length, batch_input_shape [None, None], is
            // FeedForward(0) to DL4J: its size is the unknown length, not a feature count.
            boolean tokenSequence = configuration.getNetworkInputs().contains(layer)
                    && type instanceof InputType.InputTypeFeedForward feedForward && feedForward.getSize() == 0;
            if (!tokenSequence) {
                requirePositiveSizes(layer, type, source);
            }
        });
        double parameters = 0;
        for (var vertex : configuration.getVertices().entrySet()) {
            long count = vertex.getValue().numParams(true);
            if (count < 0) {
                throw KinspectException.modelFile(source + ": layer '" + vertex.getKey() + "' would have " + count
                        + " parameters; its configuration is damaged");
            }
            parameters += count;
        }
        double count = parameters;
        Memory.require(PARAMETER_COPIES * 4.0 * parameters, () -> source + ": the model's "
                + String.format(java.util.Locale.ROOT, "%,.0f", count) + " parameters",
                "if the configuration is right, run kinspect on a machine with more memory "
                        + "(or raise -Dorg.bytedeco.javacpp.maxphysicalbytes)");
        return (long) parameters;
    }

    /**
     * Spatial sizes and a sequence's length may be unknown (DL4J says -1 or 0 for those); the number
     * of features or channels never is.
     */
    private static void requirePositiveSizes(String layer, InputType type, String source) {
        long features = 1;
        if (type instanceof InputType.InputTypeFeedForward feedForward) {
            features = feedForward.getSize();
        } else if (type instanceof InputType.InputTypeRecurrent recurrent) {
            features = recurrent.getSize();
        } else if (type instanceof InputType.InputTypeConvolutional convolutional) {
            features = convolutional.getChannels();
        } else if (type instanceof InputType.InputTypeConvolutional3D convolutional) {
            features = convolutional.getChannels();
        } else if (type instanceof InputType.InputTypeConvolutionalFlat flat) {
            features = flat.getDepth();
        }
        if (features < 1) {
            throw KinspectException.modelFile(source + ": layer '" + layer + "' would output " + features
                    + " features (DL4J: " + type + "); its configuration, or that of a layer before it, is damaged "
                    + "or inconsistent");
        }
    }
}
