package org.kinspect.graph.convolution;

import java.util.Map;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;

/**
 * A 1D convolution DL4J 1.0.0-M2.1 lacks, computed as the matching 2D operation on the sequence
 * seen as an image one column wide: {@code [batch, channels, steps]} becomes
 * {@code [batch, channels, steps, 1]} (or {@code [batch, steps, 1, channels]} for DL4J's
 * {@code NWC} sequences), and the result goes back to a sequence in the input's format. Keras's
 * kernels keep their values: a {@code (k, ...)} kernel is the {@code (k, 1, ...)} kernel of the
 * image. Fields are plain properties, for DL4J's JSON.
 *
 * <pre>{@code
 * SequenceConvolution layer = new DepthwiseConvolution1D();
 * layer.setKernel(3);
 * layer.setSame(true);
 * layer.setActivation(Activation.RELU);
 * }</pre>
 */
public abstract class SequenceConvolution extends SameDiffLayer {
    public static final String BIAS = "bias";
    private long inputChannels;
    private long outputChannels;
    private long inputLength;
    private RNNFormat format = RNNFormat.NCW;
    private int kernel;
    private int stride = 1;
    private int dilation = 1;
    private boolean same;
    private boolean hasBias = true;
    private int depthMultiplier = 1;
    private Activation activation = Activation.IDENTITY;

    /**
     * @param sameDiff the graph
     * @param image the sequence as an image one column wide
     * @param parameters the layer's parameters
     * @param dataFormat {@code NCHW} or {@code NHWC}, the image's layout
     * @return the image result, before the activation
     */
    protected abstract SDVariable defineOnImage(SameDiff sameDiff, SDVariable image, Map<String, SDVariable> parameters,
            String dataFormat);

    /**
     * @param inputLength the input's number of steps, or -1 when unknown
     * @return the output's number of steps, or -1 when unknown
     */
    protected abstract long outputLength(long inputLength);

    @Override
    public SDVariable defineLayer(SameDiff sameDiff, SDVariable layerInput, Map<String, SDVariable> paramTable,
            SDVariable mask) {
        boolean channelsFirst = format == RNNFormat.NCW;
        int widthAxis = channelsFirst ? 3 : 2;
        SDVariable image = sameDiff.expandDims(layerInput, widthAxis);
        SDVariable output = defineOnImage(sameDiff, image, paramTable, channelsFirst ? "NCHW" : "NHWC");
        return ElementWiseActivations.apply(sameDiff, sameDiff.squeeze(output, widthAxis), activation);
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        InputType.InputTypeRecurrent sequence = sequence(inputType);
        if (inputChannels <= 0 || override) {
            inputChannels = sequence.getSize();
        }
        inputLength = sequence.getTimeSeriesLength();
        format = sequence.getFormat();
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        InputType.InputTypeRecurrent sequence = sequence(inputType);
        return InputType.recurrent(outputChannels, outputLength(sequence.getTimeSeriesLength()), sequence.getFormat());
    }

    private InputType.InputTypeRecurrent sequence(InputType inputType) {
        if (!(inputType instanceof InputType.InputTypeRecurrent sequence)) {
            throw new IllegalStateException("layer '" + getLayerName() + "' reads sequences, not " + inputType);
        }
        return sequence;
    }

    /** The output length of a convolution over {@code length} steps (Keras's conv_output_length). */
    protected long convolvedLength(long length) {
        if (length < 0) {
            return -1;
        }
        return same ? (length + stride - 1) / stride : (length - (long) dilation * (kernel - 1) - 1) / stride + 1;
    }

    /**
     * @param dataFormat {@code NCHW} or {@code NHWC}
     * @return the 2D convolution over the steps the layer's window describes, one column wide
     */
    protected Conv2DConfig imageWindow(String dataFormat) {
        return Conv2DConfig.builder().kH(kernel).kW(1).sH(stride).sW(1).dH(dilation).dW(1)
                .paddingMode(same ? PaddingMode.SAME : PaddingMode.VALID).dataFormat(dataFormat).build();
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        // Keras's weights are copied in; a graph is never trained from these
        params.values().forEach(param -> param.assign(0));
    }

    public long getInputChannels() {
        return inputChannels;
    }

    public void setInputChannels(long inputChannels) {
        this.inputChannels = inputChannels;
    }

    public long getOutputChannels() {
        return outputChannels;
    }

    public void setOutputChannels(long outputChannels) {
        this.outputChannels = outputChannels;
    }

    public long getInputLength() {
        return inputLength;
    }

    public void setInputLength(long inputLength) {
        this.inputLength = inputLength;
    }

    public RNNFormat getFormat() {
        return format;
    }

    public void setFormat(RNNFormat format) {
        this.format = format;
    }

    public int getKernel() {
        return kernel;
    }

    public void setKernel(int kernel) {
        this.kernel = kernel;
    }

    public int getStride() {
        return stride;
    }

    public void setStride(int stride) {
        this.stride = stride;
    }

    public int getDilation() {
        return dilation;
    }

    public void setDilation(int dilation) {
        this.dilation = dilation;
    }

    public boolean isSame() {
        return same;
    }

    public void setSame(boolean same) {
        this.same = same;
    }

    public boolean isHasBias() {
        return hasBias;
    }

    public void setHasBias(boolean hasBias) {
        this.hasBias = hasBias;
    }

    public int getDepthMultiplier() {
        return depthMultiplier;
    }

    public void setDepthMultiplier(int depthMultiplier) {
        this.depthMultiplier = depthMultiplier;
    }

    public Activation getActivation() {
        return activation;
    }

    public void setActivation(Activation activation) {
        this.activation = activation;
    }
}
