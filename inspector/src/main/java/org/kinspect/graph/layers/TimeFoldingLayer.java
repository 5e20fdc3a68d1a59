package org.kinspect.graph.layers;

import java.util.Collection;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Convolution3D;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.params.WrapperLayerParamInitializer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * A layer applied to every step of a sequence of images, as Keras's {@code TimeDistributed} does
 * on a 5-D input (batch, time, height, width, channels): time is folded into the batch, the
 * wrapped layer runs on (batch * time) images, and time is unfolded again. DL4J's own
 * {@code TimeDistributed} only takes sequences of vectors.
 *
 * <p>Input and output sequences of images are DL4J's {@code Convolutional3D} type in NDHWC form
 * with depth = time, the same memory layout as Keras's; a step that becomes a vector (Flatten,
 * global pooling) gives a DL4J sequence in NWC form, (batch, time, features), as Keras's.
 *
 * <pre>{@code
 * // (batch, 3, 6, 5, 2) -> Conv2D(4, 3) on each of the 3 images -> (batch, 3, 4, 3, 4)
 * Layer perStep = new TimeFoldingLayer(convolution, CNN2DFormat.NHWC, false);
 * }</pre>
 */
public class TimeFoldingLayer extends BaseWrapperLayer {
    private CNN2DFormat stepFormat;
    private boolean flattenSteps;

    /**
     * @param underlying the layer applied to each step
     * @param stepFormat the image layout the underlying layer reads
     * @param flattenSteps whether each step is flattened to a vector (Keras's Flatten, in the
     *     order of its channels-last layout) before the underlying layer, which is then an identity
     */
    public TimeFoldingLayer(@JsonProperty("underlying") Layer underlying,
            @JsonProperty("stepFormat") CNN2DFormat stepFormat, @JsonProperty("flattenSteps") boolean flattenSteps) {
        super(underlying);
        this.stepFormat = stepFormat;
        this.flattenSteps = flattenSteps;
    }

    /** For JSON deserialisation. */
    protected TimeFoldingLayer() {}

    /** @return the image layout the underlying layer reads */
    public CNN2DFormat getStepFormat() {
        return stepFormat;
    }

    /** @return whether each step is flattened to a vector first */
    public boolean isFlattenSteps() {
        return flattenSteps;
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
        InputType.InputTypeConvolutional3D sequence = imageSequence(inputType);
        InputType step = underlying.getOutputType(layerIndex, stepType(sequence));
        if (step instanceof InputType.InputTypeConvolutional image) {
            return InputType.convolutional3D(Convolution3D.DataFormat.NDHWC, sequence.getDepth(), image.getHeight(),
                    image.getWidth(), image.getChannels());
        }
        if (step instanceof InputType.InputTypeFeedForward vector) {
            return InputType.recurrent(vector.getSize(), sequence.getDepth(), RNNFormat.NWC);
        }
        throw new IllegalStateException("TimeDistributed '" + getLayerName() + "': a step output of type " + step
                + " is not supported");
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        underlying.setNIn(stepType(imageSequence(inputType)), override);
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return null; // the layer folds time itself
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        return underlying.getMemoryReport(stepType(imageSequence(inputType)));
    }

    /** @return what the underlying layer reads for one step of the sequence */
    InputType stepType(InputType.InputTypeConvolutional3D sequence) {
        if (flattenSteps) {
            return InputType.feedForward(sequence.getHeight() * sequence.getWidth() * sequence.getChannels());
        }
        return InputType.convolutional(sequence.getHeight(), sequence.getWidth(), sequence.getChannels(), stepFormat);
    }

    private InputType.InputTypeConvolutional3D imageSequence(InputType inputType) {
        if (inputType instanceof InputType.InputTypeConvolutional3D sequence
                && sequence.getDataFormat() == Convolution3D.DataFormat.NDHWC) {
            return sequence;
        }
        throw new IllegalStateException("TimeDistributed '" + getLayerName() + "' reads " + inputType
                + "; only a sequence of channels-last images (batch, time, height, width, channels) is supported");
    }
}
