package org.kinspect.graph.convolution;

import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Convolution3D;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Makes a layer read its input image in the layout its Keras configuration names, as Keras does:
 * a {@code channels_last} layer after a {@code channels_first} one reads the array
 * {@code [batch, c, h, w]} as {@code [batch, height c, width h, channels w]}. The array is passed
 * on as it is; only DL4J's description of it changes, so that the layer (which takes its layout
 * from that description) works on the axes Keras's layer works on. Fields are plain properties,
 * for DL4J's JSON.
 *
 * <pre>{@code
 * vertex.setPreProcessor(new ImageLayoutPreProcessor(CNN2DFormat.NHWC));
 * }</pre>
 */
public class ImageLayoutPreProcessor implements InputPreProcessor {
    private CNN2DFormat format = CNN2DFormat.NHWC;

    /** For DL4J's JSON. */
    public ImageLayoutPreProcessor() {}

    /** @param format the layout the layer reads its input in */
    public ImageLayoutPreProcessor(CNN2DFormat format) {
        this.format = format;
    }

    /**
     * @param input DL4J's description of an image array
     * @param format the layout to read the same array in
     * @return the description of the same array in that layout
     */
    public static InputType readAs(InputType input, CNN2DFormat format) {
        if (!(input instanceof InputType.InputTypeConvolutional image) || image.getFormat() == format) {
            return input;
        }
        // the array's axes after the batch axis, in memory order
        long[] axes = image.getFormat() == CNN2DFormat.NCHW
                ? new long[] {image.getChannels(), image.getHeight(), image.getWidth()}
                : new long[] {image.getHeight(), image.getWidth(), image.getChannels()};
        return format == CNN2DFormat.NCHW ? InputType.convolutional(axes[1], axes[2], axes[0], format)
                : InputType.convolutional(axes[0], axes[1], axes[2], format);
    }

    /**
     * @param input DL4J's description of a volume array
     * @param format the layout to read the same array in
     * @return the description of the same array in that layout
     */
    public static InputType readAs(InputType input, Convolution3D.DataFormat format) {
        if (!(input instanceof InputType.InputTypeConvolutional3D volume) || volume.getDataFormat() == format) {
            return input;
        }
        long[] axes = volume.getDataFormat() == Convolution3D.DataFormat.NCDHW
                ? new long[] {volume.getChannels(), volume.getDepth(), volume.getHeight(), volume.getWidth()}
                : new long[] {volume.getDepth(), volume.getHeight(), volume.getWidth(), volume.getChannels()};
        return format == Convolution3D.DataFormat.NCDHW
                ? InputType.convolutional3D(format, axes[1], axes[2], axes[3], axes[0])
                : InputType.convolutional3D(format, axes[0], axes[1], axes[2], axes[3]);
    }

    @Override
    public INDArray preProcess(INDArray input, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        return input;
    }

    @Override
    public INDArray backprop(INDArray output, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        return output;
    }

    @Override
    public InputPreProcessor clone() {
        return new ImageLayoutPreProcessor(format);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ImageLayoutPreProcessor preProcessor && preProcessor.format == format;
    }

    @Override
    public int hashCode() {
        return format.hashCode();
    }

    @Override
    public InputType getOutputType(InputType inputType) {
        return readAs(inputType, format);
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState,
            int minibatchSize) {
        return new Pair<>(maskArray, currentMaskState);
    }

    public CNN2DFormat getFormat() {
        return format;
    }

    public void setFormat(CNN2DFormat format) {
        this.format = format;
    }
}
