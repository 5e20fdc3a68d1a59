package org.kinspect.graph.convolution;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Convolution3D;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;

/**
 * Keras's {@code ConvLSTM2D}: an LSTM whose gates are 2D convolutions of the frame and of the
 * previous output, over a sequence of images DL4J holds as a volume (it has no type for
 * sequences of images): {@code [batch, steps, height, width, channels]} read as NDHWC, or for
 * channels_first frames {@code [batch, steps, channels, height, width]} read as NCDHW. The steps are unrolled; the state starts at zero. Gates in Keras's order
 * {@code i, f, c, o}: {@code c = f c + i activation(x_c + h_c)}, {@code h = o activation(c)}.
 * Output: every step's {@code h} as a volume, or the last one as an image. As Keras's
 * {@code Bidirectional} (a merge mode given), a second LSTM runs the other way (weights
 * {@code backward_*}, the first's {@code forward_*}) and the two outputs are merged. Fields are
 * plain properties, for DL4J's JSON.
 *
 * <pre>{@code
 * ConvolutionalLstm layer = new ConvolutionalLstm();
 * layer.setFilters(4);
 * layer.setKernel(new int[] {3, 3});
 * }</pre>
 */
public class ConvolutionalLstm extends SameDiffLayer {
    public static final String KERNEL = "kernel";
    public static final String RECURRENT_KERNEL = "recurrent_kernel";
    public static final String BIAS = "bias";
    private long channels;
    private long steps;
    private long height;
    private long width;
    private int filters;
    private int[] kernel = {3, 3};
    private int[] stride = {1, 1};
    private int[] dilation = {1, 1};
    private boolean same;
    private boolean hasBias = true;
    private boolean returnSequences;
    private boolean goBackwards;
    private Activation activation = Activation.TANH;
    private Activation recurrentActivation = Activation.SIGMOID;
    private boolean keras3 = true;
    private boolean channelsFirst;
    /** Null for one direction; else Keras's Bidirectional merge mode: concat, sum, mul or ave. */
    private String mergeMode;

    @Override
    public void defineParameters(SDLayerParams params) {
        for (String prefix : prefixes()) {
            params.addWeightParam(prefix + KERNEL, kernel[0], kernel[1], channels, 4L * filters);
            params.addWeightParam(prefix + RECURRENT_KERNEL, kernel[0], kernel[1], filters, 4L * filters);
            if (hasBias) {
                params.addBiasParam(prefix + BIAS, 4L * filters);
            }
        }
    }

    /** The parameter names' prefixes: Keras's names of a Bidirectional's two layers' weights. */
    private List<String> prefixes() {
        return mergeMode == null ? List.of("") : List.of("forward_", "backward_");
    }

    @Override
    public SDVariable defineLayer(SameDiff sameDiff, SDVariable layerInput, Map<String, SDVariable> paramTable,
            SDVariable mask) {
        SDVariable[] frames = sameDiff.unstack(layerInput, 1, Math.toIntExact(steps));
        List<SDVariable> forward = run(sameDiff, frames, paramTable, prefixes().get(0), goBackwards);
        if (mergeMode == null) {
            return returnSequences ? sameDiff.stack(1, forward.toArray(new SDVariable[0])) : forward.get(forward.size() - 1);
        }
        // Keras's Bidirectional: the backward layer runs the other way; its sequence is put back in time order
        List<SDVariable> backward = new ArrayList<>(run(sameDiff, frames, paramTable, "backward_", !goBackwards));
        SDVariable forwardOutput;
        SDVariable backwardOutput;
        if (returnSequences) {
            java.util.Collections.reverse(backward);
            forwardOutput = sameDiff.stack(1, forward.toArray(new SDVariable[0]));
            backwardOutput = sameDiff.stack(1, backward.toArray(new SDVariable[0]));
        } else {
            forwardOutput = forward.get(forward.size() - 1);
            backwardOutput = backward.get(backward.size() - 1); // its state after all the steps it ran
        }
        return switch (mergeMode) {
            case "sum" -> forwardOutput.add(backwardOutput);
            case "mul" -> forwardOutput.mul(backwardOutput);
            case "ave" -> forwardOutput.add(backwardOutput).div(2.0);
            default -> sameDiff.concat(returnSequences ? 4 : 3, forwardOutput, backwardOutput); // Keras: the last axis
        };
    }

    /** @return each step's output, in the order the steps are run */
    private List<SDVariable> run(SameDiff sameDiff, SDVariable[] frames, Map<String, SDVariable> paramTable,
            String prefix, boolean backwards) {
        String imageFormat = channelsFirst ? "NCHW" : "NHWC";
        int channelAxis = channelsFirst ? 1 : 3;
        Conv2DConfig inputWindow = Conv2DConfig.builder().kH(kernel[0]).kW(kernel[1]).sH(stride[0]).sW(stride[1])
                .dH(dilation[0]).dW(dilation[1]).paddingMode(same ? PaddingMode.SAME : PaddingMode.VALID)
                .dataFormat(imageFormat).build();
        Conv2DConfig recurrentWindow = Conv2DConfig.builder().kH(kernel[0]).kW(kernel[1]).sH(1).sW(1)
                .paddingMode(PaddingMode.SAME).dataFormat(imageFormat).build();
        SDVariable inputKernel = paramTable.get(prefix + KERNEL);
        SDVariable recurrentKernel = paramTable.get(prefix + RECURRENT_KERNEL);
        SDVariable bias = paramTable.get(prefix + BIAS);
        SDVariable h = null;
        SDVariable c = null;
        List<SDVariable> outputs = new ArrayList<>();
        for (int step = 0; step < frames.length; step++) {
            SDVariable frame = frames[backwards ? frames.length - 1 - step : step];
            SDVariable z = bias != null ? sameDiff.cnn().conv2d(frame, inputKernel, bias, inputWindow)
                    : sameDiff.cnn().conv2d(frame, inputKernel, inputWindow);
            if (h != null) { // the state starts at zero: no recurrent term at the first step
                z = z.add(sameDiff.cnn().conv2d(h, recurrentKernel, recurrentWindow));
            }
            SDVariable[] gates = sameDiff.split(z, 4, channelAxis);
            SDVariable input = ElementWiseActivations.apply(sameDiff, gates[0], recurrentActivation, keras3);
            SDVariable candidate = input.mul(ElementWiseActivations.apply(sameDiff, gates[2], activation, keras3));
            c = c == null ? candidate
                    : ElementWiseActivations.apply(sameDiff, gates[1], recurrentActivation, keras3).mul(c).add(candidate);
            h = ElementWiseActivations.apply(sameDiff, gates[3], recurrentActivation, keras3)
                    .mul(ElementWiseActivations.apply(sameDiff, c, activation, keras3));
            outputs.add(h);
        }
        return outputs;
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        Frames frames = frames(inputType);
        if (channels <= 0 || override) {
            channels = frames.channels();
        }
        steps = frames.steps();
        height = frames.height();
        width = frames.width();
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        Frames frames = frames(inputType);
        long outHeight = convolvedLength(frames.height(), 0);
        long outWidth = convolvedLength(frames.width(), 1);
        long outFilters = filters;
        if ("concat".equals(mergeMode)) { // along the last axis: the filters, or channels_first the width
            outFilters = channelsFirst ? filters : 2L * filters;
            outWidth = channelsFirst ? 2 * outWidth : outWidth;
        }
        if (!returnSequences) {
            return InputType.convolutional(outHeight, outWidth, outFilters, channelsFirst ? CNN2DFormat.NCHW : CNN2DFormat.NHWC);
        }
        // [batch, steps, filters, h, w] read as NCDHW, or [batch, steps, h, w, filters] as NDHWC
        return channelsFirst
                ? InputType.convolutional3D(Convolution3D.DataFormat.NCDHW, outFilters, outHeight, outWidth, frames.steps())
                : InputType.convolutional3D(Convolution3D.DataFormat.NDHWC, frames.steps(), outHeight, outWidth, outFilters);
    }

    /** The frames' sizes, from DL4J's description of the array [batch, steps, frame...]. */
    private record Frames(long steps, long channels, long height, long width) {}

    private Frames frames(InputType inputType) {
        if (!(inputType instanceof InputType.InputTypeConvolutional3D) || ((InputType.InputTypeConvolutional3D)
                inputType).getDepth() <= 0) {
            throw new IllegalStateException("layer '" + getLayerName() + "' reads a sequence of a known number of"
                    + " images, not " + inputType);
        }
        // read the array in the layer's own layout, as Keras does
        InputType.InputTypeConvolutional3D array = (InputType.InputTypeConvolutional3D) ImageLayoutPreProcessor
                .readAs(inputType, channelsFirst ? Convolution3D.DataFormat.NCDHW : Convolution3D.DataFormat.NDHWC);
        return channelsFirst ? new Frames(array.getChannels(), array.getDepth(), array.getHeight(), array.getWidth())
                : new Frames(array.getDepth(), array.getChannels(), array.getHeight(), array.getWidth());
    }

    private long convolvedLength(long length, int axis) {
        return same ? (length + stride[axis] - 1) / stride[axis]
                : (length - (long) dilation[axis] * (kernel[axis] - 1) - 1) / stride[axis] + 1;
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        // Keras's weights are copied in; a graph is never trained from these
        params.values().forEach(param -> param.assign(0));
    }

    public long getChannels() {
        return channels;
    }

    public void setChannels(long channels) {
        this.channels = channels;
    }

    public long getSteps() {
        return steps;
    }

    public void setSteps(long steps) {
        this.steps = steps;
    }

    public long getHeight() {
        return height;
    }

    public void setHeight(long height) {
        this.height = height;
    }

    public long getWidth() {
        return width;
    }

    public void setWidth(long width) {
        this.width = width;
    }

    public int getFilters() {
        return filters;
    }

    public void setFilters(int filters) {
        this.filters = filters;
    }

    public int[] getKernel() {
        return kernel;
    }

    public void setKernel(int[] kernel) {
        this.kernel = kernel;
    }

    public int[] getStride() {
        return stride;
    }

    public void setStride(int[] stride) {
        this.stride = stride;
    }

    public int[] getDilation() {
        return dilation;
    }

    public void setDilation(int[] dilation) {
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

    public boolean isReturnSequences() {
        return returnSequences;
    }

    public void setReturnSequences(boolean returnSequences) {
        this.returnSequences = returnSequences;
    }

    public boolean isGoBackwards() {
        return goBackwards;
    }

    public void setGoBackwards(boolean goBackwards) {
        this.goBackwards = goBackwards;
    }

    public Activation getActivation() {
        return activation;
    }

    public void setActivation(Activation activation) {
        this.activation = activation;
    }

    /** @return whether {@code hard_sigmoid} is Keras 3's (else Keras 2's) */
    public boolean isKeras3() {
        return keras3;
    }

    public void setKeras3(boolean keras3) {
        this.keras3 = keras3;
    }

    /** @return whether each frame is channels_first ({@code [batch, steps, channels, h, w]}) */
    public boolean isChannelsFirst() {
        return channelsFirst;
    }

    public void setChannelsFirst(boolean channelsFirst) {
        this.channelsFirst = channelsFirst;
    }

    public String getMergeMode() {
        return mergeMode;
    }

    public void setMergeMode(String mergeMode) {
        this.mergeMode = mergeMode;
    }

    public Activation getRecurrentActivation() {
        return recurrentActivation;
    }

    public void setRecurrentActivation(Activation recurrentActivation) {
        this.recurrentActivation = recurrentActivation;
    }
}
