package org.kinspect.gradients;

import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.Convolution1DLayer;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.util.Convolution1DUtils;
import org.deeplearning4j.util.ConvolutionUtils;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Conv1D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Conv1DDerivative;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv1DConfig;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The backward pass of DL4J's {@code Convolution1DLayer} (Keras's {@code Conv1D}), which DL4J
 * 1.0.0-M2.1 gets wrong for the channels-last layout kinspect imports Keras's Conv1D with: its
 * {@code backpropGradient} hands the {@code conv1d_bp} op the incoming gradient in (batch, steps,
 * channels) while telling it (batch, channels, steps), sizes the input gradient as the input
 * (channels last) where the op writes channels first, and shapes the kernel's gradient for channels
 * last while the kernel itself is shaped for channels first, so the op refuses its arguments
 * ("Op validation failed"). Here every array the op reads or writes is channels first, as in DL4J's
 * own forward pass, and the kernel's gradient is reshaped back the way the kernel parameter was
 * reshaped for the op, so its elements line up with DL4J's parameter.
 *
 * <pre>{@code
 * Pair<Gradient, INDArray> result = Convolution1DBackward.of(layer, epsilon);
 * }</pre>
 */
final class Convolution1DBackward {
    private Convolution1DBackward() {
    }

    /**
     * @param layer a Conv1D layer that ran forward and still holds its input
     * @param epsilon the gradient of the target with respect to its output, in the layer's layout
     * @return the gradients of its kernel and bias (DL4J's names and shapes) and of its input (its layout)
     */
    static Pair<Gradient, INDArray> of(Convolution1DLayer layer, INDArray epsilon) {
        org.deeplearning4j.nn.conf.layers.Convolution1DLayer settings = layer.layerConf();
        boolean channelsLast = settings.getRnnDataFormat() == RNNFormat.NWC;
        INDArray input = layer.getInput().castTo(layer.getParam(ConvolutionParamInitializer.WEIGHT_KEY).dataType());
        INDArray inputFirst = channelsLast ? input.permute(0, 2, 1).dup('c') : input.dup('c');
        Conv1DConfig config = Conv1DConfig.builder()
                .k(settings.getKernelSize()[0])
                .s(settings.getStride()[0])
                .d(settings.getDilation()[0])
                .p(settings.getPadding()[0])
                .dataFormat(Conv1DConfig.NCW)
                .paddingMode(ConvolutionUtils.paddingModeForConvolutionMode(settings.getConvolutionMode()))
                .build();
        INDArray kernelParameter = layer.getParam(ConvolutionParamInitializer.WEIGHT_KEY);
        INDArray kernel = Convolution1DUtils.reshapeWeightArrayOrGradientForFormat(kernelParameter, RNNFormat.NCW)
                .dup('c');
        INDArray bias = settings.hasBias()
                ? layer.getParam(ConvolutionParamInitializer.BIAS_KEY).reshape(-1).dup('c') : null;

        // the pre-activation again (DL4J's is not reachable), in the layout DL4J applies the activation in
        INDArray[] forwardInputs = bias == null ? new INDArray[] {inputFirst, kernel} : new INDArray[] {inputFirst, kernel, bias};
        Conv1D forward = new Conv1D(forwardInputs, null, config);
        INDArray preActivation = Nd4j.create(forward.calculateOutputShape().get(0), false);
        forward.setOutputArgument(0, preActivation);
        Nd4j.exec(forward);
        INDArray preActivationInLayout = channelsLast ? preActivation.permute(0, 2, 1).dup('c') : preActivation;
        INDArray delta = settings.getActivationFn().backprop(preActivationInLayout, epsilon.dup('c')).getFirst();
        INDArray deltaFirst = channelsLast ? delta.permute(0, 2, 1).dup('c') : delta.dup('c');

        INDArray inputGradient = Nd4j.zeros(inputFirst.dataType(), inputFirst.shape());
        INDArray kernelGradient = Nd4j.zeros(kernel.dataType(), kernel.shape());
        INDArray biasGradient = bias == null ? null : Nd4j.zeros(bias.dataType(), bias.shape());
        INDArray[] backwardInputs = bias == null ? new INDArray[] {inputFirst, kernel, deltaFirst}
                : new INDArray[] {inputFirst, kernel, bias, deltaFirst};
        INDArray[] backwardOutputs = bias == null ? new INDArray[] {inputGradient, kernelGradient}
                : new INDArray[] {inputGradient, kernelGradient, biasGradient};
        Nd4j.exec(new Conv1DDerivative(backwardInputs, backwardOutputs, config));

        // DL4J's kernel for the op is its parameter reshaped in the parameter's own order: reshaping back inverts it
        INDArray kernelParameterGradient = kernelGradient.reshape(kernelParameter.ordering(), kernelParameter.shape())
                .dup('c');
        Gradient parameters = new DefaultGradient();
        parameters.setGradientFor(ConvolutionParamInitializer.WEIGHT_KEY, kernelParameterGradient);
        if (biasGradient != null) {
            parameters.setGradientFor(ConvolutionParamInitializer.BIAS_KEY,
                    biasGradient.reshape(layer.getParam(ConvolutionParamInitializer.BIAS_KEY).shape()));
        }
        INDArray inputGradientInLayout = channelsLast ? inputGradient.permute(0, 2, 1).dup('c') : inputGradient;
        return new Pair<>(parameters, inputGradientInLayout);
    }
}
