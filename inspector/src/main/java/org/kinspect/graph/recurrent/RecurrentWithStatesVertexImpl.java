package org.kinspect.graph.recurrent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.layers.RecurrentLayer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.TimeSeriesUtils;
import org.kinspect.graph.base.InferenceVertex;
import org.kinspect.graph.masking.MaskReader;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Runs a {@link RecurrentWithStatesVertex}: each direction's DL4J layer from the given initial
 * states (or zeros), then packs the output and the final states into one array. For the gradients,
 * LSTM and GRU directions without a mask are differentiated back through time
 * ({@link DirectionThroughTime}),
 * initial states included, so a decoder's gradient reaches the encoder that started it.
 */
final class RecurrentWithStatesVertexImpl extends InferenceVertex implements MaskReader {
    private final RecurrentWithStatesVertex conf;
    private INDArray kerasMask;
    private final Layer[] directions;
    private final INDArray params;
    private INDArray totalOutputGradient;

    RecurrentWithStatesVertexImpl(ComputationGraph graph, String name, int index, RecurrentWithStatesVertex conf,
            INDArray paramsView, boolean initializeParams, DataType dataType) {
        super(graph, name, index, dataType, "recurrent layer with states");
        this.conf = conf;
        this.params = paramsView;
        NeuralNetConfiguration[] layers = conf.directions();
        this.directions = new Layer[layers.length];
        long offset = 0;
        for (int i = 0; i < layers.length; i++) {
            long count = RecurrentWithStatesVertex.parameterCount(layers[i]);
            // DL4J hands a vertex its parameters as a 1D view of the graph's flat parameter vector.
            INDArray view = paramsView.reshape(paramsView.length()).get(NDArrayIndex.interval(offset, offset + count));
            directions[i] = layers[i].getLayer().instantiate(layers[i], List.of(), index, view, initializeParams,
                    dataType);
            offset += count;
        }
    }

    /**
     * Puts Keras's weights in, converted to DL4J's parameters by DL4J's own layer mapper; a
     * Bidirectional wrapper's are prefixed {@code f} and {@code b} as in DL4J's Bidirectional layer.
     *
     * @param weights DL4J parameters by name
     */
    void setWeights(Map<String, INDArray> weights) {
        for (int i = 0; i < directions.length; i++) {
            String prefix = directions.length == 1 ? "" : i == 0 ? "f" : "b";
            for (String parameter : directions[i].paramTable().keySet()) {
                INDArray value = weights.get(prefix + parameter);
                if (value == null) {
                    throw new IllegalArgumentException("no weight for parameter " + prefix + parameter + " among "
                            + weights.keySet());
                }
                INDArray target = directions[i].getParam(parameter);
                directions[i].setParam(parameter, value.reshape(target.shape()));
            }
        }
    }

    @Override
    public INDArray params() {
        return params;
    }

    @Override
    public Map<String, INDArray> paramTable(boolean backpropOnly) {
        Map<String, INDArray> table = new LinkedHashMap<>();
        for (int i = 0; i < directions.length; i++) {
            String prefix = directions.length == 1 ? "" : i == 0 ? "f" : "b";
            directions[i].paramTable(backpropOnly).forEach((key, value) -> table.put(prefix + key, value));
        }
        return table;
    }

    @Override
    public List<String> maskOrigins() {
        return java.util.Collections.singletonList(conf.getMaskOrigin()); // the sequence's; states carry none
    }

    @Override
    public void setKerasMasks(List<INDArray> masks) {
        kerasMask = masks.isEmpty() ? null : masks.get(0);
    }

    @Override
    public void clear() {
        super.clear();
        kerasMask = null;
        totalOutputGradient = null;
    }

    @Override
    public INDArray doForward(boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (!canDoForward()) {
            throw new IllegalStateException("recurrent layer '" + vertexName + "': inputs not set");
        }
        INDArray sequence = inputs[0];
        if (conf.getInputFormat() == RNNFormat.NWC) {
            sequence = sequence.permute(0, 2, 1);
        }
        sequence = sequence.castTo(dataType).dup('c'); // (batch, features, time)
        // 1 for the steps Keras computes, 0 for padded ones (batch, time); null without a mask
        if (conf.getMaskOrigin() != null && kerasMask == null) {
            throw MaskReader.maskMissing(vertexName);
        }
        INDArray keep = conf.getMaskOrigin() == null ? null : kerasMask.castTo(dataType);
        int perDirection = conf.getStatesPerDirection();
        Pass forwardPass = conf.isGoBackwards()
                ? run(directions[0], reverse(sequence), reverseSteps(keep), initialStates(1), workspaceMgr)
                : run(directions[0], sequence, keep, initialStates(1), workspaceMgr);
        INDArray output = conf.isReturnSequences() ? forwardPass.sequence() : lastStep(forwardPass.sequence());
        List<INDArray> states = new ArrayList<>(forwardPass.finalStates());
        if (directions.length == 2) {
            Pass backwardPass = run(directions[1], reverse(sequence), reverseSteps(keep), initialStates(1 + perDirection),
                    workspaceMgr);
            // Keras puts the backward sequence back in time order; its last output is the first step's.
            INDArray backwardOutput = conf.isReturnSequences()
                    ? reverse(backwardPass.sequence()) : lastStep(backwardPass.sequence());
            output = merge(output, backwardOutput);
            states.addAll(backwardPass.finalStates());
        }
        if (conf.isReturnSequences() && conf.getOutputFormat() == RNNFormat.NWC) {
            output = output.permute(0, 2, 1);
        }
        long batch = output.size(0);
        List<INDArray> parts = new ArrayList<>();
        parts.add(output.dup('c').reshape('c', batch, output.length() / batch));
        parts.addAll(states);
        return Nd4j.concat(1, parts.toArray(INDArray[]::new));
    }

    /**
     * LSTM and GRU directions without a mask: the backward pass checked against Keras (a seq2seq
     * model's encoder and decoder, a Bidirectional LSTM with its states, {@code go_backwards});
     * DL4J's SimpleRnn has none here that starts from a state.
     */
    @Override
    public boolean hasCheckedBackward() {
        return conf.getMaskOrigin() == null
                && java.util.Arrays.stream(directions).allMatch(DirectionThroughTime::supports);
    }

    /**
     * Unpacks the packed output's gradient, runs each direction back through time from its
     * initial states, and hands back the gradients of the sequence and of every initial state
     * (a decoder's reach its encoder this way); the parameters' are named as {@link #paramTable}.
     */
    @Override
    public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaceMgr) {
        if (!hasCheckedBackward()) {
            return super.doBackward(tbptt, workspaceMgr);
        }
        INDArray sequence = inputs[0];
        if (conf.getInputFormat() == RNNFormat.NWC) {
            sequence = sequence.permute(0, 2, 1);
        }
        sequence = sequence.castTo(dataType).dup('c'); // (batch, features, time), as forward
        int perDirection = conf.getStatesPerDirection();
        DirectionThroughTime forwardPass = DirectionThroughTime.run(directions[0],
                conf.isGoBackwards() ? reverse(sequence) : sequence, initialStates(1));
        DirectionThroughTime backwardPass = directions.length == 1 ? null
                : DirectionThroughTime.run(directions[1], reverse(sequence), initialStates(1 + perDirection));
        long batch = sequence.size(0);
        long steps = sequence.size(2);
        INDArray packed = epsilon.castTo(dataType);
        List<INDArray> stateGradients = stateParts(packed);
        long column = packed.size(1) - stateGradients.stream().mapToLong(state -> state.size(1)).sum();
        INDArray outputGradient = packed.get(NDArrayIndex.all(), NDArrayIndex.interval(0, column)).dup('c');
        if (conf.isReturnSequences()) {
            outputGradient = conf.getOutputFormat() == RNNFormat.NWC
                    ? outputGradient.reshape('c', batch, steps, column / steps).permute(0, 2, 1).dup('c')
                    : outputGradient.reshape('c', batch, column / steps, steps);
        }
        INDArray[] byDirection = unmerge(outputGradient, forwardPass, backwardPass);
        INDArray total = packed.dup();
        Gradient parameters = new DefaultGradient();
        INDArray[] gradients = new INDArray[inputs.length];
        INDArray sequenceGradient = null;
        DirectionThroughTime[] passes = {forwardPass, backwardPass};
        for (int d = 0; d < directions.length; d++) {
            // the backward direction reads the sequence reversed and hands its outputs back in time order
            boolean reversed = d == 1 || conf.isGoBackwards();
            INDArray stepGradient = byDirection[d];
            if (conf.isReturnSequences()) {
                stepGradient = d == 1 ? reverse(stepGradient) : stepGradient;
            } else {
                INDArray lastOnly = Nd4j.zeros(dataType, batch, stepGradient.size(1), steps);
                lastOnly.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(steps - 1)).assign(stepGradient);
                stepGradient = lastOnly;
            }
            List<INDArray> finalStateGradients = stateGradients.subList(d * perDirection, (d + 1) * perDirection);
            DirectionThroughTime.Gradients result = passes[d].backward(stepGradient, finalStateGradients);
            List<INDArray> totals = passes[d].totalFinalStateGradients(
                    stepGradient.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(steps - 1)),
                    finalStateGradients);
            long stateColumn = column + stateGradients.subList(0, d * perDirection).stream()
                    .mapToLong(state -> state.size(1)).sum();
            for (INDArray stateTotal : totals) {
                columns(total, stateColumn, stateColumn + stateTotal.size(1)).assign(stateTotal);
                stateColumn += stateTotal.size(1);
            }
            if (!conf.isReturnSequences() && directions.length == 1) {
                // the output is the final h itself, one tensor in Keras
                columns(total, 0, column).assign(totals.get(0));
            }
            String prefix = directions.length == 1 ? "" : d == 0 ? "f" : "b";
            result.parameters().forEach((key, value) -> parameters.setGradientFor(prefix + key, value));
            INDArray input = reversed ? reverse(result.input()) : result.input();
            sequenceGradient = sequenceGradient == null ? input : sequenceGradient.addi(input);
            if (inputs.length > 1) {
                for (int i = 0; i < perDirection; i++) {
                    gradients[1 + d * perDirection + i] = result.initialStates().get(i);
                }
            }
        }
        totalOutputGradient = total;
        gradients[0] = conf.getInputFormat() == RNNFormat.NWC ? sequenceGradient.permute(0, 2, 1).dup('c')
                : sequenceGradient;
        return new Pair<>(parameters, gradients);
    }

    /** @return the final states' parts of the packed output's gradient, each (batch, units), in the packed order */
    private List<INDArray> stateParts(INDArray packed) {
        List<INDArray> states = new ArrayList<>();
        long column = packed.size(1);
        for (int i = conf.stateCount() - 1; i >= 0; i--) {
            long units = ((BaseRecurrentLayer) directions[i / conf.getStatesPerDirection()].conf().getLayer()).getNOut();
            states.add(0, columns(packed, column - units, column).dup());
            column -= units;
        }
        return states;
    }

    /** @return a view of columns {@code [from, to)} */
    private static INDArray columns(INDArray packed, long from, long to) {
        return packed.get(NDArrayIndex.all(), NDArrayIndex.interval(from, to));
    }

    /** Keras's last output is its final h, and its final h is computed from its final c. */
    @Override
    public INDArray totalOutputGradient() {
        return totalOutputGradient;
    }

    /** @return the merged output's gradient split into each direction's, as the output had it (time order) */
    private INDArray[] unmerge(INDArray gradient, DirectionThroughTime forwardPass, DirectionThroughTime backwardPass) {
        if (backwardPass == null) {
            return new INDArray[] {gradient};
        }
        long units = gradient.size(1) / (conf.getMergeMode() == Bidirectional.Mode.CONCAT ? 2 : 1);
        return switch (conf.getMergeMode()) {
            case CONCAT -> new INDArray[] {
                gradient.get(NDArrayIndex.all(), NDArrayIndex.interval(0, units)).dup('c'),
                gradient.get(NDArrayIndex.all(), NDArrayIndex.interval(units, 2 * units)).dup('c')};
            case ADD -> new INDArray[] {gradient, gradient.dup()};
            case AVERAGE -> new INDArray[] {gradient.div(2), gradient.div(2)};
            case MUL -> new INDArray[] {gradient.mul(directionOutput(backwardPass, true)),
                gradient.mul(directionOutput(forwardPass, false))};
        };
    }

    /** @return one direction's output as it went into the merge */
    private INDArray directionOutput(DirectionThroughTime pass, boolean backwardDirection) {
        if (!conf.isReturnSequences()) {
            return lastStep(pass.outputs());
        }
        return backwardDirection ? reverse(pass.outputs()) : pass.outputs();
    }

    /** @return the initial states starting at input {@code first}, or null when the layer starts from zeros */
    private List<INDArray> initialStates(int first) {
        if (inputs.length == 1) {
            return null;
        }
        List<INDArray> states = new ArrayList<>();
        for (int i = first; i < first + conf.getStatesPerDirection(); i++) {
            states.add(inputs[i].castTo(dataType).dup('c'));
        }
        return states;
    }

    private record Pass(INDArray sequence, List<INDArray> finalStates) {}

    /**
     * Runs one direction the way DL4J's {@code rnnTimeStep} does: from the state it is given (null:
     * zeros), leaving the state after the last step behind. With a mask, step by step as Keras does.
     */
    private Pass run(Layer direction, INDArray sequence, INDArray keep, List<INDArray> initialStates,
            LayerWorkspaceMgr workspaceMgr) {
        if (keep != null) {
            return runMasked(direction, sequence, keep, initialStates, workspaceMgr);
        }
        startFrom(direction, initialStates);
        INDArray output = ((RecurrentLayer) direction).rnnTimeStep(sequence, workspaceMgr).detach();
        return new Pass(output, endStates(direction));
    }

    /**
     * Keras's masking: a padded step leaves the states as they were and outputs the previous output
     * (zeros before the first real step), or zeros with {@code zero_output_for_mask}.
     *
     * @param keep 1 for real steps, 0 for padded ones, (batch, time) in the order the steps are read
     */
    private Pass runMasked(Layer direction, INDArray sequence, INDArray keep, List<INDArray> initialStates,
            LayerWorkspaceMgr workspaceMgr) {
        RecurrentLayer recurrent = (RecurrentLayer) direction;
        long batch = sequence.size(0);
        long steps = sequence.size(2);
        long units = ((org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer) direction.conf().getLayer()).getNOut();
        List<INDArray> states = new ArrayList<>();
        for (int i = 0; i < StateKeys.of(direction).size(); i++) {
            states.add(initialStates != null ? initialStates.get(i) : Nd4j.zeros(dataType, batch, units));
        }
        INDArray outputs = Nd4j.zeros(dataType, batch, units, steps);
        INDArray previous = Nd4j.zeros(dataType, batch, units);
        for (long step = 0; step < steps; step++) {
            startFrom(direction, states);
            INDArray input = sequence.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(step, step + 1));
            INDArray output = recurrent.rnnTimeStep(input.dup('c'), workspaceMgr).reshape(batch, units);
            List<INDArray> next = endStates(direction);
            INDArray real = keep.get(NDArrayIndex.all(), NDArrayIndex.interval(step, step + 1)); // (batch, 1)
            INDArray padded = real.rsub(1.0);
            for (int i = 0; i < states.size(); i++) {
                states.set(i, next.get(i).mulColumnVector(real).addi(states.get(i).mulColumnVector(padded)));
            }
            INDArray emitted = output.mulColumnVector(real);
            if (!conf.isZeroOutputForMask()) {
                emitted.addi(previous.mulColumnVector(padded));
            }
            outputs.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(step)).assign(emitted);
            previous = emitted;
        }
        return new Pass(outputs, states);
    }

    /** Sets the layer's state for its next {@code rnnTimeStep}; null: zeros. */
    private static void startFrom(Layer direction, List<INDArray> states) {
        RecurrentLayer recurrent = (RecurrentLayer) direction;
        recurrent.rnnClearPreviousState();
        if (states != null) {
            List<String> keys = StateKeys.of(direction);
            Map<String, INDArray> state = new HashMap<>();
            for (int i = 0; i < keys.size(); i++) {
                state.put(keys.get(i), states.get(i));
            }
            recurrent.rnnSetPreviousState(state);
        }
    }

    /** @return the states the layer's last {@code rnnTimeStep} ended with, in Keras's order */
    private static List<INDArray> endStates(Layer direction) {
        RecurrentLayer recurrent = (RecurrentLayer) direction;
        Map<String, INDArray> finalState = recurrent.rnnGetPreviousState();
        recurrent.rnnClearPreviousState();
        List<INDArray> states = new ArrayList<>();
        for (String key : StateKeys.of(direction)) {
            states.add(finalState.get(key).detach());
        }
        return states;
    }

    private static INDArray reverseSteps(INDArray keep) {
        return keep == null ? null
                : TimeSeriesUtils.reverseTimeSeriesMask(keep, LayerWorkspaceMgr.noWorkspaces(), ArrayType.INPUT).dup();
    }

    private INDArray merge(INDArray forward, INDArray backward) {
        Bidirectional.Mode mode = conf.getMergeMode();
        return switch (mode) {
            case CONCAT -> Nd4j.concat(1, forward, backward);
            case ADD -> forward.add(backward);
            case MUL -> forward.mul(backward);
            case AVERAGE -> forward.add(backward).divi(2);
        };
    }

    private static INDArray reverse(INDArray ncwSequence) {
        return TimeSeriesUtils.reverseTimeSeries(ncwSequence, LayerWorkspaceMgr.noWorkspaces(), ArrayType.ACTIVATIONS)
                .dup('c');
    }

    private static INDArray lastStep(INDArray ncwSequence) {
        return ncwSequence.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(ncwSequence.size(2) - 1))
                .dup('c');
    }

}
