package org.kinspect.graph.pooling;

import java.util.Arrays;
import java.util.Map;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Convolution3D;
import org.kinspect.graph.reshaping.WeightlessLayer;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Keras 3's adaptive average and max pooling of sequences, images and volumes: each spatial axis of
 * length {@code L} is cut into {@code n} bins, bin {@code i} running from {@code floor(i * L / n)}
 * to {@code ceil((i + 1) * L / n)} (so bins may overlap), and each bin is averaged or maxed. Bins
 * are boxes, so pooling one axis after the other gives the same numbers. Sequences are pooled
 * along their steps (channels_first ones reach DL4J as channels_last, see
 * {@code ChannelsFirstSequences}); images and volumes along the spatial axes of DL4J's array, wherever
 * its channels are. Fields are plain properties, for DL4J's JSON.
 *
 * <pre>{@code
 * new AdaptivePooling("pool", new int[] {3, 2}, false); // any image to 3 x 2, averaged
 * }</pre>
 */
public class AdaptivePooling extends WeightlessLayer {
    private int[] outputSize;
    private boolean max;
    private long[] inputSize;
    private int[] spatialAxes;
    private boolean permuted;

    /** For DL4J's JSON. */
    public AdaptivePooling() {}

    /**
     * @param name the layer name
     * @param outputSize the number of bins along each spatial axis
     * @param max max pooling, else average pooling
     */
    public AdaptivePooling(String name, int[] outputSize, boolean max) {
        setLayerName(name);
        this.outputSize = outputSize.clone();
        this.max = max;
    }

    @Override
    public SDVariable defineLayer(SameDiff sameDiff, SDVariable layerInput, Map<String, SDVariable> paramTable,
            SDVariable mask) {
        SDVariable pooled = permuted ? sameDiff.permute(layerInput, 0, 2, 1) : layerInput;
        for (int i = 0; i < spatialAxes.length; i++) {
            pooled = poolAxis(sameDiff, pooled, spatialAxes[i], inputSize[i], outputSize[i]);
        }
        return permuted ? sameDiff.permute(pooled, 0, 2, 1) : pooled;
    }

    private SDVariable poolAxis(SameDiff sameDiff, SDVariable input, int axis, long length, int bins) {
        SDVariable[] pooledBins = new SDVariable[bins];
        int rank = spatialAxes.length + 2;
        for (int bin = 0; bin < bins; bin++) {
            long start = bin * length / bins;
            long end = ((bin + 1) * length + bins - 1) / bins;
            SDIndex[] indices = new SDIndex[rank];
            Arrays.fill(indices, SDIndex.all());
            indices[axis] = SDIndex.interval(start, end);
            SDVariable part = input.get(indices);
            pooledBins[bin] = max ? sameDiff.max(part, true, axis) : sameDiff.mean(part, true, axis);
        }
        return bins == 1 ? pooledBins[0] : sameDiff.concat(axis, pooledBins);
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        if (inputType instanceof InputType.InputTypeRecurrent sequence) {
            // pooled in Keras's layout [batch, steps, channels]: DL4J's NCW array is it permuted
            permuted = sequence.getFormat() == RNNFormat.NCW;
            spatialAxes = new int[] {1};
            inputSize = new long[] {sequence.getTimeSeriesLength()};
        } else if (inputType instanceof InputType.InputTypeConvolutional image) {
            permuted = false;
            spatialAxes = image.getFormat() == CNN2DFormat.NHWC ? new int[] {1, 2} : new int[] {2, 3};
            inputSize = new long[] {image.getHeight(), image.getWidth()};
        } else if (inputType instanceof InputType.InputTypeConvolutional3D volume) {
            permuted = false;
            spatialAxes = volume.getDataFormat() == Convolution3D.DataFormat.NDHWC ? new int[] {1, 2, 3}
                    : new int[] {2, 3, 4};
            inputSize = new long[] {volume.getDepth(), volume.getHeight(), volume.getWidth()};
        } else {
            throw new IllegalStateException("layer '" + getLayerName() + "' reads sequences, images or volumes, not "
                    + inputType);
        }
        if (spatialAxes.length != outputSize.length || Arrays.stream(inputSize).anyMatch(length -> length <= 0)) {
            throw new IllegalStateException("layer '" + getLayerName() + "' pools " + outputSize.length
                    + " axes of known length, not " + inputType);
        }
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        if (inputType instanceof InputType.InputTypeRecurrent sequence) {
            return InputType.recurrent(sequence.getSize(), outputSize[0], sequence.getFormat());
        }
        if (inputType instanceof InputType.InputTypeConvolutional image) {
            return InputType.convolutional(outputSize[0], outputSize[1], image.getChannels(), image.getFormat());
        }
        if (!(inputType instanceof InputType.InputTypeConvolutional3D volume)) {
            throw new IllegalStateException("layer '" + getLayerName() + "' reads sequences, images or volumes, not "
                    + inputType);
        }
        return InputType.convolutional3D(volume.getDataFormat(), outputSize[0], outputSize[1], outputSize[2],
                volume.getChannels());
    }

    public int[] getOutputSize() {
        return outputSize;
    }

    public void setOutputSize(int[] outputSize) {
        this.outputSize = outputSize;
    }

    public boolean isMax() {
        return max;
    }

    public void setMax(boolean max) {
        this.max = max;
    }

    public long[] getInputSize() {
        return inputSize;
    }

    public void setInputSize(long[] inputSize) {
        this.inputSize = inputSize;
    }

    public int[] getSpatialAxes() {
        return spatialAxes;
    }

    public void setSpatialAxes(int[] spatialAxes) {
        this.spatialAxes = spatialAxes;
    }

    public boolean isPermuted() {
        return permuted;
    }

    public void setPermuted(boolean permuted) {
        this.permuted = permuted;
    }
}
