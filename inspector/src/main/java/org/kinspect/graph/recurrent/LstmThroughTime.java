package org.kinspect.graph.recurrent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.layers.recurrent.LSTM;
import org.deeplearning4j.nn.params.LSTMParamInitializer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * DL4J's LSTM layer run from a given initial state and differentiated back through time, in
 * inference mode. DL4J's own backward pass ({@code LSTM.backpropGradient}) can start from a state
 * (through truncated backpropagation) but hands back no gradient for that state, which a seq2seq
 * model needs to reach its encoder; this one does, for the same computation as DL4J's forward pass:
 *
 * <pre>
 *   z = x_t W + h_{t-1} RW + b, split in DL4J's gate order [g, f, o, i]
 *   g = activation(z_g), f, o, i = gate activation of theirs
 *   c_t = f c_{t-1} + i g,   h_t = o activation(c_t)
 * </pre>
 *
 * <pre>{@code
 * LstmThroughTime.Pass pass = LstmThroughTime.forward(lstm, sequence, initialStates);
 * DirectionThroughTime.Gradients gradients = pass.backward(outputGradient, finalStateGradients);
 * }</pre>
 */
final class LstmThroughTime {
    private LstmThroughTime() {
    }

    /** What one step kept for the backward pass. */
    record Step(INDArray input, INDArray previousOutput, INDArray previousCell, INDArray preActivations,
            INDArray candidate, INDArray forget, INDArray output, INDArray inputGate, INDArray cell) {
    }

    /**
     * @param layer DL4J's LSTM layer, its parameters set
     * @param sequence (batch, features, time)
     * @param initialStates h and c, each (batch, units); null for zeros
     * @return the outputs and what the backward pass needs
     */
    static Pass forward(LSTM layer, INDArray sequence, List<INDArray> initialStates) {
        org.deeplearning4j.nn.conf.layers.LSTM conf = (org.deeplearning4j.nn.conf.layers.LSTM) layer.conf().getLayer();
        INDArray inputWeights = layer.getParam(LSTMParamInitializer.INPUT_WEIGHT_KEY);
        INDArray recurrentWeights = layer.getParam(LSTMParamInitializer.RECURRENT_WEIGHT_KEY);
        INDArray bias = layer.getParam(LSTMParamInitializer.BIAS_KEY);
        long batch = sequence.size(0);
        long units = conf.getNOut();
        long steps = sequence.size(2);
        INDArray hidden = initialStates == null ? Nd4j.zeros(sequence.dataType(), batch, units)
                : initialStates.get(0).castTo(sequence.dataType());
        INDArray cell = initialStates == null ? Nd4j.zeros(sequence.dataType(), batch, units)
                : initialStates.get(1).castTo(sequence.dataType());
        INDArray outputs = Nd4j.create(sequence.dataType(), batch, units, steps);
        List<Step> kept = new ArrayList<>();
        for (long t = 0; t < steps; t++) {
            INDArray input = sequence.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(t)).dup('c');
            INDArray preActivations = input.mmul(inputWeights).addi(hidden.mmul(recurrentWeights))
                    .addiRowVector(bias.reshape(bias.length()));
            INDArray candidate = conf.getActivationFn().getActivation(gate(preActivations, 0, units).dup(), false);
            INDArray forget = conf.getGateActivationFn().getActivation(gate(preActivations, 1, units).dup(), false);
            INDArray output = conf.getGateActivationFn().getActivation(gate(preActivations, 2, units).dup(), false);
            INDArray inputGate = conf.getGateActivationFn().getActivation(gate(preActivations, 3, units).dup(), false);
            INDArray nextCell = forget.mul(cell).addi(inputGate.mul(candidate));
            INDArray nextHidden = output.mul(conf.getActivationFn().getActivation(nextCell.dup(), false));
            kept.add(new Step(input, hidden, cell, preActivations, candidate, forget, output, inputGate, nextCell));
            outputs.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(t)).assign(nextHidden);
            hidden = nextHidden;
            cell = nextCell;
        }
        return new Pass(conf, inputWeights, recurrentWeights, bias, outputs, kept, List.of(hidden, cell));
    }

    /** Gate {@code index} of DL4J's [g, f, o, i] among the pre-activations (batch, 4 units). */
    private static INDArray gate(INDArray preActivations, int index, long units) {
        return preActivations.get(NDArrayIndex.all(), NDArrayIndex.interval(index * units, (index + 1) * units));
    }

    /**
     * One forward pass, kept for its backward pass.
     *
     * @param outputs h at every step, (batch, units, time)
     * @param finalStates h and c after the last step
     */
    record Pass(org.deeplearning4j.nn.conf.layers.LSTM conf, INDArray inputWeights, INDArray recurrentWeights,
            INDArray bias, INDArray outputs, List<Step> steps, List<INDArray> finalStates)
            implements DirectionThroughTime {

        @Override
        public Gradients backward(INDArray outputGradient, List<INDArray> finalStateGradients) {
            IActivation activation = conf.getActivationFn();
            IActivation gateActivation = conf.getGateActivationFn();
            long units = conf.getNOut();
            long batch = outputGradient.size(0);
            INDArray inputWeightsGradient = Nd4j.zeros(inputWeights.dataType(), inputWeights.shape());
            INDArray recurrentWeightsGradient = Nd4j.zeros(recurrentWeights.dataType(), recurrentWeights.shape());
            INDArray biasGradient = Nd4j.zeros(bias.dataType(), bias.length());
            INDArray inputGradient = Nd4j.create(outputGradient.dataType(), batch, inputWeights.size(0), steps.size());
            INDArray hiddenGradient = orZeros(finalStateGradients.get(0), batch, units);
            INDArray cellGradient = orZeros(finalStateGradients.get(1), batch, units);
            for (int t = steps.size() - 1; t >= 0; t--) {
                Step step = steps.get(t);
                hiddenGradient = hiddenGradient.add(outputGradient.get(NDArrayIndex.all(), NDArrayIndex.all(),
                        NDArrayIndex.point(t)));
                INDArray cellActivation = activation.getActivation(step.cell().dup(), false);
                INDArray outputGateGradient = hiddenGradient.mul(cellActivation);
                cellGradient = cellGradient.add(activation.backprop(step.cell().dup(),
                        hiddenGradient.mul(step.output())).getFirst());
                INDArray candidateGradient = activation.backprop(gate(step.preActivations(), 0, units).dup(),
                        cellGradient.mul(step.inputGate())).getFirst();
                INDArray forgetGradient = gateActivation.backprop(gate(step.preActivations(), 1, units).dup(),
                        cellGradient.mul(step.previousCell())).getFirst();
                INDArray outputGradientZ = gateActivation.backprop(gate(step.preActivations(), 2, units).dup(),
                        outputGateGradient).getFirst();
                INDArray inputGateGradient = gateActivation.backprop(gate(step.preActivations(), 3, units).dup(),
                        cellGradient.mul(step.candidate())).getFirst();
                INDArray preActivationGradient = Nd4j.hstack(candidateGradient, forgetGradient, outputGradientZ,
                        inputGateGradient);
                inputWeightsGradient.addi(step.input().transpose().mmul(preActivationGradient));
                recurrentWeightsGradient.addi(step.previousOutput().transpose().mmul(preActivationGradient));
                biasGradient.addi(preActivationGradient.sum(0));
                inputGradient.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(t))
                        .assign(preActivationGradient.mmul(inputWeights.transpose()));
                hiddenGradient = preActivationGradient.mmul(recurrentWeights.transpose());
                cellGradient = cellGradient.mul(step.forget());
            }
            Map<String, INDArray> parameters = new LinkedHashMap<>();
            parameters.put(LSTMParamInitializer.INPUT_WEIGHT_KEY, inputWeightsGradient);
            parameters.put(LSTMParamInitializer.RECURRENT_WEIGHT_KEY, recurrentWeightsGradient);
            parameters.put(LSTMParamInitializer.BIAS_KEY, biasGradient.reshape(bias.shape()));
            return new Gradients(parameters, inputGradient, List.of(hiddenGradient, cellGradient));
        }

        /** The final c also moves the final h, computed from it. */
        @Override
        public List<INDArray> totalFinalStateGradients(INDArray lastOutputGradient, List<INDArray> finalStateGradients) {
            Step last = steps.get(steps.size() - 1);
            long batch = lastOutputGradient.size(0);
            INDArray hidden = orZeros(finalStateGradients.get(0), batch, conf.getNOut()).add(lastOutputGradient);
            INDArray cell = orZeros(finalStateGradients.get(1), batch, conf.getNOut()).add(conf.getActivationFn()
                    .backprop(last.cell().dup(), hidden.mul(last.output())).getFirst());
            return List.of(hidden, cell);
        }

        private INDArray orZeros(INDArray gradient, long batch, long units) {
            return gradient == null ? Nd4j.zeros(bias.dataType(), batch, units) : gradient;
        }
    }
}
