package org.kinspect.graph.convolution;

import java.util.HashMap;
import java.util.Map;
import org.deeplearning4j.nn.modelimport.keras.KerasLayer;
import org.deeplearning4j.nn.modelimport.keras.layers.convolutional.KerasAtrousConvolution2D;
import org.deeplearning4j.nn.modelimport.keras.layers.convolutional.KerasConvolution2D;
import org.deeplearning4j.nn.modelimport.keras.layers.convolutional.KerasDeconvolution2D;
import org.kinspect.config.ModelSpec;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's Conv2D and Conv2DTranspose mappers read the kernel of a {@code channels_first} layer as
 * Theano's ({@code [out, in, rows, cols]}, filters rotated by 180 degrees). Keras 2 and 3 under
 * TensorFlow, JAX or PyTorch keep every kernel as {@code (rows, cols, in, out)} (transposed:
 * {@code (rows, cols, out, in)}), whatever the data format, so such a layer computed wrong numbers
 * with the right shape. Its kernel is handed to the mapper in Theano's form, which the mapper
 * turns back into DL4J's.
 *
 * <pre>{@code
 * layer.setWeights(ChannelsFirstKernels.forMapper(layer, weights, spec));
 * }</pre>
 */
public final class ChannelsFirstKernels {
    private static final String KERNEL = "kernel";

    private ChannelsFirstKernels() {}

    /**
     * @param layer DL4J's mapper of the layer
     * @param weights the layer's weights by Keras name
     * @param spec the model, for its Keras version and backend
     * @return the weights to give the mapper's {@code setWeights}: the same, or with the kernel in
     *     Theano's form where the mapper reads it so
     */
    public static Map<String, INDArray> forMapper(KerasLayer layer, Map<String, INDArray> weights, ModelSpec spec) {
        boolean twoDimensional = layer instanceof KerasConvolution2D || layer instanceof KerasAtrousConvolution2D
                || layer instanceof KerasDeconvolution2D;
        INDArray kernel = weights.get(KERNEL);
        if (!twoDimensional || layer.getDimOrder() != KerasLayer.DimOrder.THEANO || spec.kerasMajorVersion() < 2
                || "theano".equals(spec.backend()) || kernel == null || kernel.rank() != 4) {
            return weights;
        }
        Map<String, INDArray> converted = new HashMap<>(weights);
        converted.put(KERNEL, rotated(kernel.permute(3, 2, 0, 1)));
        return converted;
    }

    /** The filters of {@code [a, b, rows, cols]} rotated by 180 degrees (the mapper rotates them back). */
    private static INDArray rotated(INDArray filters) {
        long rows = filters.size(2);
        long cols = filters.size(3);
        INDArray result = filters.dup('c');
        for (long row = 0; row < rows; row++) {
            for (long col = 0; col < cols; col++) {
                result.get(all(), all(), point(rows - 1 - row), point(cols - 1 - col))
                        .assign(filters.get(all(), all(), point(row), point(col)));
            }
        }
        return result;
    }

    private static org.nd4j.linalg.indexing.INDArrayIndex all() {
        return org.nd4j.linalg.indexing.NDArrayIndex.all();
    }

    private static org.nd4j.linalg.indexing.INDArrayIndex point(long index) {
        return org.nd4j.linalg.indexing.NDArrayIndex.point(index);
    }
}
