package org.kinspect.graph.layers;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.recurrent.BaseRecurrentLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.base.Preconditions;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The forward pass of a {@link GruLayer}: the Keras GRU recurrence, step by step, with the input
 * projection for all steps done in one matrix product first. Inference only.
 *
 * <pre>{@code
 * GruLayerImpl gru = (GruLayerImpl) graph.getLayer("gru");
 * gru.rnnSetPreviousState(Map.of(GruLayerImpl.STATE_KEY_PREV_ACTIVATION, h0)); // (batch, units)
 * INDArray out = gru.rnnTimeStep(x, LayerWorkspaceMgr.noWorkspaces());     // starts from h0
 * }</pre>
 */
public final class GruLayerImpl extends BaseRecurrentLayer<GruLayer> {
    /** The key of the state (batch, units) kept between {@link #rnnTimeStep} calls. */
    public static final String STATE_KEY_PREV_ACTIVATION = "prevAct";

    GruLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        return run(null, training, workspaceMgr).getFirst();
    }

    @Override
    public INDArray rnnTimeStep(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        Pair<INDArray, INDArray> result = run(stateMap.get(STATE_KEY_PREV_ACTIVATION), false, workspaceMgr);
        stateMap.put(STATE_KEY_PREV_ACTIVATION, result.getSecond().detach());
        return result.getFirst();
    }

    @Override
    public INDArray rnnActivateUsingStoredState(INDArray input, boolean training, boolean storeLastForTBPTT,
            LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        Pair<INDArray, INDArray> result = run(tBpttStateMap.get(STATE_KEY_PREV_ACTIVATION), training, workspaceMgr);
        if (storeLastForTBPTT) {
            tBpttStateMap.put(STATE_KEY_PREV_ACTIVATION, result.getSecond().detach());
        }
        return result.getFirst();
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        throw new UnsupportedOperationException("GRU layer '" + layerConf().getLayerName()
                + "': kinspect's GRU computes Keras's forward pass only; it cannot be trained");
    }

    @Override
    public Pair<Gradient, INDArray> tbpttBackpropGradient(INDArray epsilon, int tbpttBackLength,
            LayerWorkspaceMgr workspaceMgr) {
        return backpropGradient(epsilon, workspaceMgr);
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
     * @param initialState the state before the first step (batch, units), or null for zeros
     * @return the output sequence in the layer's format, and the state after the last step
     */
    private Pair<INDArray, INDArray> run(INDArray initialState, boolean training, LayerWorkspaceMgr workspaceMgr) {
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
        INDArray inputBias = bias == null ? null : bias.get(point(0), interval(0, 3 * units)).reshape(1, 3 * units);
        INDArray recurrentBias = bias == null || !conf.isResetAfter() ? null
                : bias.get(point(0), interval(3 * units, 6 * units)).reshape(1, 3 * units);

        INDArray projected = sequence.reshape('c', batch * steps, sequence.size(2)).mmul(kernel);
        if (inputBias != null) {
            projected.addiRowVector(inputBias);
        }
        projected = projected.reshape('c', batch, steps, 3 * units);
        INDArray mask = stepMask(sequence);

        INDArray state = initialState != null ? initialState.castTo(dataType).dup()
                : Nd4j.zeros(dataType, batch, units);
        INDArray output = workspaceMgr.create(ArrayType.ACTIVATIONS, dataType, new long[] {batch, steps, units}, 'c');
        for (long step = 0; step < steps; step++) {
            long time = conf.isGoBackwards() ? steps - 1 - step : step;
            INDArray next = step(projected.get(all(), point(time), all()), state, recurrentKernel, recurrentBias);
            INDArray stepOutput = next;
            if (mask != null) {
                INDArray keep = mask.get(all(), point(time)).reshape(batch, 1);
                // Keras: a masked step keeps the previous state (and outputs it, or zeros).
                next = next.mulColumnVector(keep).addi(state.mulColumnVector(keep.rsub(1.0)));
                stepOutput = conf.isZeroOutputForMask() ? next.mulColumnVector(keep) : next;
            }
            output.get(all(), point(step), all()).assign(stepOutput);
            state = next;
        }
        INDArray result = getDataFormat() == RNNFormat.NWC ? output : output.permute(0, 2, 1);
        return new Pair<>(result, state);
    }

    /**
     * One step of Keras's GRU cell.
     *
     * @param projectedInput x W + input bias for this step, (batch, 3 units), gates z, r, h
     * @param state the previous state (batch, units)
     * @return the new state
     */
    private INDArray step(INDArray projectedInput, INDArray state, INDArray recurrentKernel, INDArray recurrentBias) {
        GruLayer conf = layerConf();
        long units = conf.getNOut();
        IActivation gate = conf.getGateActivationFn();
        INDArray inputZ = projectedInput.get(all(), interval(0, units));
        INDArray inputR = projectedInput.get(all(), interval(units, 2 * units));
        INDArray inputH = projectedInput.get(all(), interval(2 * units, 3 * units));
        INDArray candidate;
        INDArray update;
        if (conf.isResetAfter()) {
            INDArray inner = state.mmul(recurrentKernel);
            if (recurrentBias != null) {
                inner.addiRowVector(recurrentBias);
            }
            update = gate.getActivation(inputZ.add(inner.get(all(), interval(0, units))), false);
            INDArray reset = gate.getActivation(inputR.add(inner.get(all(), interval(units, 2 * units))), false);
            candidate = inputH.add(reset.muli(inner.get(all(), interval(2 * units, 3 * units))));
        } else {
            INDArray inner = state.mmul(recurrentKernel.get(all(), interval(0, 2 * units)));
            update = gate.getActivation(inputZ.add(inner.get(all(), interval(0, units))), false);
            INDArray reset = gate.getActivation(inputR.add(inner.get(all(), interval(units, 2 * units))), false);
            candidate = inputH.add(reset.muli(state).mmul(recurrentKernel.get(all(), interval(2 * units, 3 * units))));
        }
        candidate = conf.getActivationFn().getActivation(candidate, false);
        // h' = z * h + (1 - z) * hh, in Keras's order of operations
        return update.mul(state).addi(update.rsub(1.0).muli(candidate));
    }

    /**
     * @return 1 for the steps Keras computes and 0 for masked ones, (batch, time); null without masking.
     *     A mask DL4J hands the layer wins over the layer's own mask value.
     */
    private INDArray stepMask(INDArray sequence) {
        if (maskArray != null) {
            return maskArray.castTo(dataType);
        }
        Double maskValue = layerConf().getMaskValue();
        if (maskValue == null) {
            return null;
        }
        // Keras's Masking: a step is kept when any feature differs from the mask value.
        return sequence.neq(maskValue).castTo(dataType).max(2);
    }
}
