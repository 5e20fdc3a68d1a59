package org.kinspect.graph.recurrent;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.recurrent.BaseRecurrentLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.kinspect.graph.masking.MaskReader;
import org.nd4j.common.base.Preconditions;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A {@link GruLayer} at work: the Keras GRU recurrence step by step ({@link GruCell}), with the
 * input projection for all steps done in one matrix product first, and backpropagation through
 * time for training.
 *
 * <pre>{@code
 * GruLayerImpl gru = (GruLayerImpl) graph.getLayer("gru");
 * gru.rnnSetPreviousState(Map.of(GruLayerImpl.STATE_KEY_PREV_ACTIVATION, h0)); // (batch, units)
 * INDArray out = gru.rnnTimeStep(x, LayerWorkspaceMgr.noWorkspaces());     // starts from h0
 * }</pre>
 */
public final class GruLayerImpl extends BaseRecurrentLayer<GruLayer> implements MaskReader {
    /** The key of the state (batch, units) kept between {@link #rnnTimeStep} calls. */
    public static final String STATE_KEY_PREV_ACTIVATION = "prevAct";
    private INDArray kerasMask;

    GruLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        return run(null, training, false, workspaceMgr).output();
    }

    @Override
    public java.util.List<String> maskOrigins() {
        return java.util.Collections.singletonList(layerConf().getMaskOrigin());
    }

    @Override
    public void setKerasMasks(java.util.List<INDArray> masks) {
        kerasMask = masks.get(0);
    }

    /**
     * The GRU applies its mask itself, Keras's way (the state kept at masked steps), so a mask handed
     * to it (by a Bidirectional or LastTimeStep around it, reversed for a backward half) is kept out of
     * DL4J's mask array: a LastTimeStep reads that and would pick the last unmasked step, where
     * Keras returns the last step processed.
     */
    @Override
    public void setMaskArray(INDArray maskArray) {
        kerasMask = maskArray;
    }

    @Override
    public void clear() {
        super.clear();
        kerasMask = null;
    }

    @Override
    public INDArray rnnTimeStep(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        Pass pass = run(stateMap.get(STATE_KEY_PREV_ACTIVATION), false, false, workspaceMgr);
        stateMap.put(STATE_KEY_PREV_ACTIVATION, pass.finalState().detach());
        return pass.output();
    }

    @Override
    public INDArray rnnActivateUsingStoredState(INDArray input, boolean training, boolean storeLastForTBPTT,
            LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        Pass pass = run(tBpttStateMap.get(STATE_KEY_PREV_ACTIVATION), training, false, workspaceMgr);
        if (storeLastForTBPTT) {
            tBpttStateMap.put(STATE_KEY_PREV_ACTIVATION, pass.finalState().detach());
        }
        return pass.output();
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        return tbpttBackpropGradient(epsilon, -1, workspaceMgr);
    }

    @Override
    public Pair<Gradient, INDArray> tbpttBackpropGradient(INDArray epsilon, int tbpttBackLength,
            LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        GruLayer conf = layerConf();
        long units = conf.getNOut();
        Pass pass = run(null, true, true, workspaceMgr);
        // dLoss/doutput in (batch, time, units), the order the steps were processed in
        INDArray outputGradient = (getDataFormat() == RNNFormat.NWC ? epsilon : epsilon.permute(0, 2, 1))
                .castTo(dataType).dup('c');
        gradientsFlattened.assign(0);
        INDArray kernelGradient = gradientViews.get(GruParamInitializer.KERNEL);
        INDArray recurrentKernelGradient = gradientViews.get(GruParamInitializer.RECURRENT_KERNEL);
        INDArray biasGradient = conf.isHasBias() ? gradientViews.get(GruParamInitializer.BIAS) : null;
        INDArray recurrentBiasGradient = biasGradient == null || !conf.isResetAfter() ? null
                : biasGradient.get(all(), interval(3 * units, 6 * units));
        long steps = pass.steps().size();
        long stop = tbpttBackLength > 0 ? Math.max(0, steps - tbpttBackLength) : 0;
        INDArray[] back = throughTime(pass, outputGradient, Nd4j.zeros(dataType, pass.finalState().shape()), stop,
                recurrentKernelGradient, recurrentBiasGradient);
        INDArray inputGradient = inputSide(pass, back[0], kernelGradient, biasGradient);
        inputGradient = workspaceMgr.leverageTo(ArrayType.ACTIVATION_GRAD,
                getDataFormat() == RNNFormat.NWC ? inputGradient : inputGradient.permute(0, 2, 1));
        Gradient gradients = new DefaultGradient(gradientsFlattened);
        gradients.gradientForVariable().put(GruParamInitializer.KERNEL, kernelGradient);
        gradients.gradientForVariable().put(GruParamInitializer.RECURRENT_KERNEL, recurrentKernelGradient);
        if (biasGradient != null) {
            gradients.gradientForVariable().put(GruParamInitializer.BIAS, biasGradient);
        }
        weightNoiseParams.clear();
        return new Pair<>(gradients, backpropDropOutIfPresent(inputGradient));
    }

    /**
     * Backpropagation through time in inference mode from a given state, for a GRU run by a
     * {@link RecurrentWithStatesVertexImpl}: the parameters' gradients in arrays of their own (the
     * vertex's layer has no gradient view), and the initial state's gradient, which a decoder's
     * encoder needs and {@link #tbpttBackpropGradient} does not give.
     *
     * @param sequence the input in the layer's format
     * @param initialState (batch, units), or null for zeros
     * @param outputGradient the gradient with respect to the output, in the layer's format
     * @param finalStateGradient with respect to the final state, (batch, units), or null
     * @return the parameters' gradients by name; the input's, in the layer's format; the initial state's
     */
    StateGradients backwardFrom(INDArray sequence, INDArray initialState, INDArray outputGradient,
            INDArray finalStateGradient, LayerWorkspaceMgr workspaceMgr) {
        setInput(sequence, workspaceMgr);
        GruLayer conf = layerConf();
        long units = conf.getNOut();
        Pass pass = run(initialState, false, true, workspaceMgr);
        INDArray stepGradient = (getDataFormat() == RNNFormat.NWC ? outputGradient : outputGradient.permute(0, 2, 1))
                .castTo(dataType).dup('c');
        Map<String, INDArray> parameters = new java.util.LinkedHashMap<>();
        paramTable().forEach((name, value) -> parameters.put(name, Nd4j.zeros(dataType, value.shape())));
        INDArray biasGradient = parameters.get(GruParamInitializer.BIAS);
        INDArray recurrentBiasGradient = biasGradient == null || !conf.isResetAfter() ? null
                : biasGradient.get(all(), interval(3 * units, 6 * units));
        INDArray startGradient = finalStateGradient == null ? Nd4j.zeros(dataType, pass.finalState().shape())
                : finalStateGradient.castTo(dataType).dup();
        INDArray[] back = throughTime(pass, stepGradient, startGradient, 0,
                parameters.get(GruParamInitializer.RECURRENT_KERNEL), recurrentBiasGradient);
        INDArray inputGradient = inputSide(pass, back[0], parameters.get(GruParamInitializer.KERNEL), biasGradient);
        clear();
        return new StateGradients(parameters,
                getDataFormat() == RNNFormat.NWC ? inputGradient : inputGradient.permute(0, 2, 1).dup('c'), back[1]);
    }

    /**
     * What {@link #backwardFrom} gives.
     *
     * @param parameters by DL4J's parameter names
     * @param input with respect to the input, in the layer's format
     * @param initialState with respect to the initial state, (batch, units)
     */
    record StateGradients(Map<String, INDArray> parameters, INDArray input, INDArray initialState) {}

    /**
     * The recurrence backwards from the last step processed to step {@code stop}.
     *
     * @param outputGradient (batch, time, units), in processing order
     * @param stateGradient the gradient with respect to the final state
     * @return the gradient with respect to the projected input (batch, time, 3 units), and to the state before step {@code stop}
     */
    private INDArray[] throughTime(Pass pass, INDArray outputGradient, INDArray stateGradient, long stop,
            INDArray recurrentKernelGradient, INDArray recurrentBiasGradient) {
        GruLayer conf = layerConf();
        INDArray projectedGradient = Nd4j.zeros(dataType, pass.projected().shape());
        for (long step = pass.steps().size() - 1; step >= stop; step--) {
            long time = pass.timeOf(step);
            INDArray gradient = outputGradient.get(all(), point(step), all()).add(stateGradient);
            INDArray keep = pass.keep(time);
            INDArray nextGradient = gradient;
            INDArray carriedGradient = null;
            if (keep != null) {
                INDArray outputPart = outputGradient.get(all(), point(step), all());
                // A masked step passes its state (and, without zero_output_for_mask, its output) on unchanged.
                INDArray fromOutput = conf.isZeroOutputForMask() ? outputPart.mulColumnVector(keep) : outputPart;
                INDArray total = fromOutput.add(stateGradient);
                nextGradient = total.mulColumnVector(keep);
                carriedGradient = total.mulColumnVector(keep.rsub(1.0));
            }
            INDArray[] cellGradients = pass.cell().backward(pass.steps().get((int) step), nextGradient,
                    recurrentKernelGradient, recurrentBiasGradient);
            projectedGradient.get(all(), point(time), all()).assign(cellGradients[0]);
            stateGradient = carriedGradient == null ? cellGradients[1] : cellGradients[1].addi(carriedGradient);
        }
        return new INDArray[] {projectedGradient, stateGradient};
    }

    /**
     * The input projection backwards: adds to the kernel's and input bias's gradients.
     *
     * @return the gradient with respect to the input, (batch, time, features)
     */
    private INDArray inputSide(Pass pass, INDArray projectedGradient, INDArray kernelGradient, INDArray biasGradient) {
        long units = layerConf().getNOut();
        INDArray projectedRows = projectedGradient.reshape('c', pass.inputRows().size(0), 3 * units);
        kernelGradient.addi(pass.inputRows().transpose().mmul(projectedRows));
        if (biasGradient != null) {
            biasGradient.get(all(), interval(0, 3 * units)).addi(projectedRows.sum(true, 0));
        }
        return projectedRows.mmul(getParam(GruParamInitializer.KERNEL).transpose())
                .reshape('c', pass.projected().size(0), pass.projected().size(1), layerConf().getNIn());
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public Type type() {
        return Type.RECURRENT;
    }

    /**
     * One pass over the sequence.
     *
     * @param output the output sequence in the layer's format
     * @param finalState the state after the last step (batch, units)
     * @param cell the cell that ran it
     * @param inputRows the input, (batch * time, features)
     * @param projected x W + input bias, (batch, time, 3 units)
     * @param mask 1 for steps computed, 0 for masked ones, (batch, time); null without masking
     * @param steps what each step computed, in processing order (only when kept for backprop)
     * @param goBackwards whether processing ran from the last time step to the first
     */
    private record Pass(INDArray output, INDArray finalState, GruCell cell, INDArray inputRows, INDArray projected,
            INDArray mask, List<GruCell.Step> steps, boolean goBackwards) {

        long timeOf(long step) {
            return goBackwards ? projected.size(1) - 1 - step : step;
        }

        INDArray keep(long time) {
            return mask == null ? null : mask.get(all(), point(time)).reshape(mask.size(0), 1);
        }
    }

    /**
     * @param initialState the state before the first step (batch, units), or null for zeros
     * @param keepSteps whether to keep every step's values for backpropagation
     */
    private Pass run(INDArray initialState, boolean training, boolean keepSteps, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        Preconditions.checkState(input.rank() == 3, "GRU layer '%s' wants a 3D input, got shape %ndShape",
                layerConf().getLayerName(), input);
        applyDropOutIfNecessary(training, workspaceMgr);
        GruLayer conf = layerConf();
        // (batch, time, features), contiguous, in the network's data type
        INDArray sequence = (getDataFormat() == RNNFormat.NWC ? input : input.permute(0, 2, 1))
                .castTo(dataType).dup('c');
        long batch = sequence.size(0);
        long steps = sequence.size(1);
        long units = conf.getNOut();
        Preconditions.checkState(sequence.size(2) == conf.getNIn(),
                "GRU layer '%s' has %s input features, got input of shape %ndShape", conf.getLayerName(),
                conf.getNIn(), input);

        INDArray kernel = getParamWithNoise(GruParamInitializer.KERNEL, training, workspaceMgr);
        INDArray recurrentKernel = getParamWithNoise(GruParamInitializer.RECURRENT_KERNEL, training, workspaceMgr);
        INDArray bias = conf.isHasBias() ? getParamWithNoise(GruParamInitializer.BIAS, training, workspaceMgr) : null;
        INDArray inputBias = bias == null ? null : bias.get(all(), interval(0, 3 * units));
        INDArray recurrentBias = bias == null || !conf.isResetAfter() ? null : bias.get(all(), interval(3 * units, 6 * units));
        GruCell cell = new GruCell(conf, recurrentKernel, recurrentBias);

        INDArray inputRows = sequence.reshape('c', batch * steps, sequence.size(2));
        INDArray projected = inputRows.mmul(kernel);
        if (inputBias != null) {
            projected.addiRowVector(inputBias);
        }
        projected = projected.reshape('c', batch, steps, 3 * units);
        INDArray mask = stepMask(sequence);

        INDArray state = initialState != null ? initialState.castTo(dataType).dup() : Nd4j.zeros(dataType, batch, units);
        INDArray output = workspaceMgr.create(ArrayType.ACTIVATIONS, dataType, new long[] {batch, steps, units}, 'c');
        List<GruCell.Step> kept = new ArrayList<>();
        Pass pass = new Pass(null, null, cell, inputRows, projected, mask, kept, conf.isGoBackwards());
        for (long step = 0; step < steps; step++) {
            long time = pass.timeOf(step);
            GruCell.Step computed = cell.forward(projected.get(all(), point(time), all()), state);
            if (keepSteps) {
                kept.add(computed);
            }
            INDArray next = computed.next();
            INDArray stepOutput = next;
            INDArray keep = pass.keep(time);
            if (keep != null) {
                // Keras: a masked step keeps the previous state (and outputs it, or zeros).
                next = next.mulColumnVector(keep).addi(state.mulColumnVector(keep.rsub(1.0)));
                stepOutput = conf.isZeroOutputForMask() ? next.mulColumnVector(keep) : next;
            }
            output.get(all(), point(step), all()).assign(stepOutput);
            state = next;
        }
        INDArray result = getDataFormat() == RNNFormat.NWC ? output : output.permute(0, 2, 1);
        return new Pass(result, state, cell, inputRows, projected, mask, kept, conf.isGoBackwards());
    }

    /**
     * @return 1 for the steps Keras computes and 0 for masked ones, (batch, time); null without masking.
     *     The mask is the one handed to the layer (by DL4J, or by kinspect from the layer's
     *     {@link GruLayer#getMaskOrigin()}).
     */
    private INDArray stepMask(INDArray sequence) {
        if (kerasMask != null) {
            return kerasMask.castTo(dataType);
        }
        if (layerConf().getMaskOrigin() != null) {
            throw MaskReader.maskMissing(layerConf().getLayerName());
        }
        return null;
    }
}
