package org.kinspect.graph.base;

import java.util.Collection;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Convolution3D;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.params.WrapperLayerParamInitializer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * A layer applied to every step of a sequence whose steps are not vectors, as Keras's
 * {@code TimeDistributed} does on a 5-D input (batch, time, height, width, channels: a sequence of
 * images) or a 4-D one (batch, time, steps, features: a sequence of sequences): time is folded
 * into the batch, the wrapped layer runs on (batch * time) steps, and time is unfolded again.
 * DL4J's own {@code TimeDistributed} only takes sequences of vectors.
 *
 * <p>Both kinds keep Keras's memory layout: a sequence of images is DL4J's {@code Convolutional3D}
 * type in NDHWC form with depth = time, a sequence of sequences its {@code Convolutional} type in
 * NHWC form with height = time; a step that becomes a vector (Flatten, global pooling, a recurrent
 * layer without {@code return_sequences}) gives a DL4J sequence in NWC form, (batch, time, features).
 *
 * <pre>{@code
 * // (batch, 3, 6, 5, 2) -> Conv2D(4, 3) on each of the 3 images -> (batch, 3, 4, 3, 4)
 * Layer perStep = new TimeFoldingLayer(convolution, TimeFoldingLayer.Mode.STEPS, false);
 * }</pre>
 */
public class TimeFoldingLayer extends BaseWrapperLayer {

    /** How the underlying layer reads a step. */
    public enum Mode {
        /** the step as it is (an image, or a sequence) */
        STEPS,
        /** the step flattened to a vector in its channels-last order, as Keras's Flatten; the layer is an identity */
        FLATTENED_STEPS,
        /** every vector along the step's last axis, as Keras's Dense and BatchNormalization on more than one axis */
        LAST_AXIS
    }

    private Mode mode;
    private boolean stepChannelsFirst;

    /**
     * @param underlying the layer applied to each step
     * @param mode how it reads a step
     * @param stepChannelsFirst whether it reads a step channels first (NCHW, NCW) rather than last
     */
    public TimeFoldingLayer(@JsonProperty("underlying") Layer underlying, @JsonProperty("mode") Mode mode,
            @JsonProperty("stepChannelsFirst") boolean stepChannelsFirst) {
        super(underlying);
        this.mode = mode;
        this.stepChannelsFirst = stepChannelsFirst;
    }

    /** For JSON deserialisation. */
    protected TimeFoldingLayer() {}

    /** @return how the underlying layer reads a step */
    public Mode getMode() {
        return mode;
    }

    /** @return whether the underlying layer reads a step channels first */
    public boolean isStepChannelsFirst() {
        return stepChannelsFirst;
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
            Collection<TrainingListener> trainingListeners, int layerIndex, INDArray layerParamsView,
            boolean initializeParams, DataType networkDataType) {
        NeuralNetConfiguration underlyingConf = conf.clone();
        underlyingConf.setLayer(underlying);
        return new TimeFoldingLayerImpl(underlying.instantiate(underlyingConf, trainingListeners, layerIndex,
                layerParamsView, initializeParams, networkDataType), this);
    }

    @Override
    public ParamInitializer initializer() {
        return WrapperLayerParamInitializer.getInstance();
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        long steps = timeSteps(inputType);
        if (mode == Mode.LAST_AXIS) {
            long units = underlying.getOutputType(layerIndex, stepType(inputType)).arrayElementsPerExample();
            return inputType instanceof InputType.InputTypeConvolutional3D images
                    ? InputType.convolutional3D(Convolution3D.DataFormat.NDHWC, steps, images.getHeight(),
                            images.getWidth(), units)
                    : InputType.convolutional(steps, ((InputType.InputTypeConvolutional) inputType).getWidth(), units,
                            CNN2DFormat.NHWC);
        }
        InputType step = stepOutputType(layerIndex, stepType(inputType));
        if (step instanceof InputType.InputTypeConvolutional image) {
            return InputType.convolutional3D(Convolution3D.DataFormat.NDHWC, steps, image.getHeight(),
                    image.getWidth(), image.getChannels());
        }
        if (step instanceof InputType.InputTypeRecurrent sequence) {
            return InputType.convolutional(steps, sequence.getTimeSeriesLength(), sequence.getSize(), CNN2DFormat.NHWC);
        }
        if (step instanceof InputType.InputTypeFeedForward vector) {
            return InputType.recurrent(vector.getSize(), steps, RNNFormat.NWC);
        }
        throw new IllegalStateException("TimeDistributed '" + getLayerName() + "': a step output of type " + step
                + " is not supported");
    }

    /** DL4J's global pooling describes its output on a sequence as the sequence, though it gives a vector. */
    private InputType stepOutputType(int layerIndex, InputType step) {
        if (underlying instanceof GlobalPoolingLayer pooling && pooling.isCollapseDimensions()
                && step instanceof InputType.InputTypeRecurrent sequence) {
            return InputType.feedForward(sequence.getSize());
        }
        return underlying.getOutputType(layerIndex, step);
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        underlying.setNIn(stepType(inputType), override);
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return null; // the layer folds time itself
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        return underlying.getMemoryReport(stepType(inputType));
    }

    /** @return what the underlying layer reads for one step of the sequence */
    InputType stepType(InputType inputType) {
        // DL4J's Reshape to 5-D leaves the format unset: its array is Keras's, channels last.
        if (inputType instanceof InputType.InputTypeConvolutional3D images
                && (images.getDataFormat() == Convolution3D.DataFormat.NDHWC || images.getDataFormat() == null)) {
            return switch (mode) {
                case FLATTENED_STEPS -> InputType.feedForward(images.getHeight() * images.getWidth()
                        * images.getChannels());
                case LAST_AXIS -> InputType.feedForward(images.getChannels());
                case STEPS -> InputType.convolutional(images.getHeight(), images.getWidth(), images.getChannels(),
                        stepChannelsFirst ? CNN2DFormat.NCHW : CNN2DFormat.NHWC);
            };
        }
        if (inputType instanceof InputType.InputTypeConvolutional sequences
                && sequences.getFormat() == CNN2DFormat.NHWC) {
            return switch (mode) {
                case FLATTENED_STEPS -> InputType.feedForward(sequences.getWidth() * sequences.getChannels());
                case LAST_AXIS -> InputType.feedForward(sequences.getChannels());
                case STEPS -> InputType.recurrent(sequences.getChannels(), sequences.getWidth(),
                        stepChannelsFirst ? RNNFormat.NCW : RNNFormat.NWC);
            };
        }
        throw new IllegalStateException("TimeDistributed '" + getLayerName() + "' reads " + inputType
                + "; only a channels-last sequence of images (batch, time, height, width, channels) or of sequences"
                + " (batch, time, steps, features) is supported");
    }

    private long timeSteps(InputType inputType) {
        stepType(inputType); // says what is not supported
        return inputType instanceof InputType.InputTypeConvolutional3D images ? images.getDepth()
                : ((InputType.InputTypeConvolutional) inputType).getHeight();
    }
}
