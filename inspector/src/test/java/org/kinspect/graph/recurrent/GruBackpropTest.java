package org.kinspect.graph.recurrent;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.kinspect.graph.recurrent.GruLayer;
import org.kinspect.graph.recurrent.Keras3HardSigmoid;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationHardSigmoid;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * Backpropagation through the GRU, for training an imported model: every gradient (weights, biases,
 * input) agrees with central finite differences of loss = sum(output * R), in double precision.
 */
class GruBackpropTest {
    private static final double STEP = 1e-6;

    static Stream<Arguments> variants() {
        return Stream.of(
                Arguments.of("reset_after, tanh/sigmoid", gru(true, true, false, new ActivationTanH(),
                        new ActivationSigmoid(), null, false), false, false),
                Arguments.of("reset_before, go_backwards", gru(false, true, true, new ActivationTanH(),
                        new ActivationSigmoid(), null, false), false, false),
                Arguments.of("relu, Keras 3 hard_sigmoid, no bias", gru(true, false, false, new ActivationReLU(),
                        new Keras3HardSigmoid(), null, false), false, false),
                Arguments.of("linear, Keras 2 hard_sigmoid, reset_before", gru(false, true, false,
                        new ActivationIdentity(), new ActivationHardSigmoid(), null, false), false, false),
                Arguments.of("masked, zero output", gru(true, true, false, new ActivationTanH(),
                        new ActivationSigmoid(), "tokens", true), false, false),
                Arguments.of("masked backwards, last step", gru(false, true, true, new ActivationTanH(),
                        new ActivationSigmoid(), "tokens", false), true, false),
                // Sequences only: DL4J's own Bidirectional cannot backpropagate through a LastTimeStep.
                Arguments.of("bidirectional", gru(true, true, false, new ActivationTanH(),
                        new ActivationSigmoid(), null, false), false, true));
    }

    private static GruLayer gru(boolean resetAfter, boolean bias, boolean backwards, IActivation activation,
            IActivation gate, String maskOrigin, boolean zeroOutput) {
        return new GruLayer.Builder().nIn(3).nOut(2).resetAfter(resetAfter).hasBias(bias).goBackwards(backwards)
                .activation(activation).gateActivation(gate).maskOrigin(maskOrigin).zeroOutputForMask(zeroOutput)
                .build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void gradientsAgreeWithFiniteDifferences(String name, GruLayer gru, boolean lastStep, boolean bidirectional) {
        org.deeplearning4j.nn.conf.layers.Layer layerConf = lastStep ? new LastTimeStep(gru) : gru;
        if (bidirectional) {
            layerConf = new Bidirectional(Bidirectional.Mode.CONCAT, layerConf);
        }
        ComputationGraphConfiguration configuration = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE)
                .updater(new NoOp()).graphBuilder().addInputs("in")
                .setInputTypes(InputType.recurrent(3, 5, RNNFormat.NWC)).addLayer("gru", layerConf, "in")
                .setOutputs("gru").build();
        ComputationGraph graph = new ComputationGraph(configuration);
        graph.init();
        graph.initGradientsView();
        Nd4j.getRandom().setSeed(7);
        graph.params().assign(Nd4j.rand(DataType.DOUBLE, graph.params().shape()).subi(0.5).muli(2));
        INDArray input = Nd4j.rand(DataType.DOUBLE, 2, 5, 3).subi(0.5).muli(3);
        Layer layer = graph.getLayer("gru");
        if (gru.getMaskOrigin() != null) {
            // the Keras mask, handed to the GRU as kinspect's ActivationProbe hands it:
            // padded at the end of the first sequence, and in the middle of the second
            INDArray mask = Nd4j.createFromArray(new double[][] {{1, 1, 1, 0, 0}, {1, 0, 1, 1, 1}});
            Layer recurrent = layer instanceof org.deeplearning4j.nn.layers.wrapper.BaseWrapperLayer wrapper
                    ? wrapper.getUnderlying() : layer;
            recurrent.setMaskArray(mask);
        }
        LayerWorkspaceMgr noWorkspaces = LayerWorkspaceMgr.noWorkspaces();
        INDArray weights = Nd4j.rand(DataType.DOUBLE, layer.activate(input, false, noWorkspaces).shape()).subi(0.5);

        layer.setInput(input, noWorkspaces);
        Pair<org.deeplearning4j.nn.gradient.Gradient, INDArray> analytic = layer.backpropGradient(weights, noWorkspaces);
        INDArray parameterGradients = layer.getGradientsViewArray().dup();
        INDArray inputGradient = analytic.getSecond().dup();

        INDArray parameters = layer.params();
        double worst = 0;
        // Every other parameter and every third input: each kind of weight is still checked many times.
        for (long i = 0; i < parameters.length(); i += 2) {
            double numeric = difference(layer, input, weights, parameters, i);
            worst = Math.max(worst, check(name + " parameter " + i, parameterGradients.getDouble(i), numeric));
        }
        for (long i = 0; i < input.length(); i++) {
            long example = i / 15;
            long step = (i / 3) % 5;
            boolean padded = gru.getMaskOrigin() != null && ((example == 0 && step >= 3) || (example == 1 && step == 1));
            if (!padded && i % 3 == 0) { // a padded step's values do not reach the output
                double numeric = difference(layer, input, weights, input.reshape(input.length()), i);
                worst = Math.max(worst, check(name + " input " + i, inputGradient.reshape(inputGradient.length())
                        .getDouble(i), numeric));
            }
        }
        System.out.printf("%s: largest relative gradient error %.1e%n", name, worst);
    }

    private static double difference(Layer layer, INDArray input, INDArray weights, INDArray values, long index) {
        double original = values.getDouble(index);
        values.putScalar(index, original + STEP);
        double plus = loss(layer, input, weights);
        values.putScalar(index, original - STEP);
        double minus = loss(layer, input, weights);
        values.putScalar(index, original);
        return (plus - minus) / (2 * STEP);
    }

    private static double loss(Layer layer, INDArray input, INDArray weights) {
        return layer.activate(input, false, LayerWorkspaceMgr.noWorkspaces()).mul(weights).sumNumber().doubleValue();
    }

    private static double check(String what, double analytic, double numeric) {
        double error = Math.abs(analytic - numeric) / Math.max(1e-3, Math.abs(analytic) + Math.abs(numeric));
        assertTrue(error < 1e-5, what + ": backprop " + analytic + ", finite differences " + numeric);
        return error;
    }
}
