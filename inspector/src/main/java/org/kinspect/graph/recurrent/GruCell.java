package org.kinspect.graph.recurrent;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One step of Keras's GRU cell, forwards and backwards. The input projection (x W + input bias)
 * is done for all steps before, by the layer; the cell adds the recurrent part.
 *
 * <pre>{@code
 * GruCell cell = new GruCell(conf, recurrentKernel, recurrentBias);
 * GruCell.Step step = cell.forward(projectedInput, state); // step.next(): the new state
 * }</pre>
 */
final class GruCell {
    private final long units;
    private final boolean resetAfter;
    private final IActivation gate;
    private final IActivation activation;
    private final INDArray recurrentKernel;
    private final INDArray recurrentBias;

    /**
     * @param conf the layer
     * @param recurrentKernel (units, 3 units), gates z, r, h
     * @param recurrentBias (1, 3 units) with reset_after and a bias, else null
     */
    GruCell(GruLayer conf, INDArray recurrentKernel, INDArray recurrentBias) {
        this.units = conf.getNOut();
        this.resetAfter = conf.isResetAfter();
        this.gate = conf.getGateActivationFn();
        this.activation = conf.getActivationFn();
        this.recurrentKernel = recurrentKernel;
        this.recurrentBias = recurrentBias;
    }

    /**
     * What one step computed, kept for the backward pass.
     *
     * @param previous the state before the step
     * @param update z
     * @param reset r
     * @param candidate hh
     * @param updateInput z before its activation
     * @param resetInput r before its activation
     * @param candidateInput hh before its activation
     * @param recurrentCandidate h U_h (+ its bias) with reset_after, (r * h) U_h without
     * @param next the state after the step
     */
    record Step(INDArray previous, INDArray update, INDArray reset, INDArray candidate, INDArray updateInput,
            INDArray resetInput, INDArray candidateInput, INDArray recurrentCandidate, INDArray next) {}

    /**
     * @param projectedInput x W + input bias for this step, (batch, 3 units)
     * @param state the previous state (batch, units)
     * @return the step, with the new state
     */
    Step forward(INDArray projectedInput, INDArray state) {
        INDArray inner = state.mmul(resetAfter ? recurrentKernel : recurrentKernel.get(all(), interval(0, 2 * units)));
        if (recurrentBias != null) {
            inner.addiRowVector(recurrentBias);
        }
        INDArray updateInput = columns(projectedInput, 0).add(columns(inner, 0));
        INDArray resetInput = columns(projectedInput, 1).add(columns(inner, 1));
        INDArray update = gate.getActivation(updateInput.dup(), false);
        INDArray reset = gate.getActivation(resetInput.dup(), false);
        // reset gate after the recurrent product (reset_after) or before it
        INDArray recurrentCandidate = resetAfter ? columns(inner, 2)
                : reset.mul(state).mmul(recurrentKernel.get(all(), interval(2 * units, 3 * units)));
        INDArray candidateInput = columns(projectedInput, 2).add(resetAfter ? reset.mul(recurrentCandidate)
                : recurrentCandidate);
        INDArray candidate = activation.getActivation(candidateInput.dup(), false);
        // h' = z * h + (1 - z) * hh, in Keras's order of operations
        INDArray next = update.mul(state).addi(update.rsub(1.0).muli(candidate));
        return new Step(state, update, reset, candidate, updateInput, resetInput, candidateInput, recurrentCandidate,
                next);
    }

    /**
     * @param step what the forward pass computed
     * @param nextGradient dLoss/d(new state), (batch, units)
     * @param recurrentKernelGradient dLoss/dU, (units, 3 units), added to
     * @param recurrentBiasGradient dLoss/d(recurrent bias), (1, 3 units), added to; null without one
     * @return dLoss/d(projected input) (batch, 3 units) and dLoss/d(previous state) (batch, units)
     */
    INDArray[] backward(Step step, INDArray nextGradient, INDArray recurrentKernelGradient,
            INDArray recurrentBiasGradient) {
        INDArray previous = step.previous();
        INDArray updateGradient = nextGradient.mul(previous.sub(step.candidate()));
        INDArray candidateGradient = nextGradient.mul(step.update().rsub(1.0));
        INDArray previousGradient = nextGradient.mul(step.update());
        INDArray candidateInputGradient = activation.backprop(step.candidateInput().dup(), candidateGradient).getFirst();
        INDArray resetGradient;
        INDArray recurrentCandidateGradient;
        if (resetAfter) {
            resetGradient = candidateInputGradient.mul(step.recurrentCandidate());
            recurrentCandidateGradient = candidateInputGradient.mul(step.reset());
        } else {
            INDArray candidateKernel = recurrentKernel.get(all(), interval(2 * units, 3 * units));
            recurrentKernelGradient.get(all(), interval(2 * units, 3 * units))
                    .addi(step.reset().mul(previous).transpose().mmul(candidateInputGradient));
            INDArray resetStateGradient = candidateInputGradient.mmul(candidateKernel.transpose());
            resetGradient = resetStateGradient.mul(previous);
            previousGradient.addi(resetStateGradient.mul(step.reset()));
            recurrentCandidateGradient = null;
        }
        INDArray updateInputGradient = gate.backprop(step.updateInput().dup(), updateGradient).getFirst();
        INDArray resetInputGradient = gate.backprop(step.resetInput().dup(), resetGradient).getFirst();
        INDArray projectedGradient = Nd4j.hstack(updateInputGradient, resetInputGradient, candidateInputGradient);
        INDArray innerGradient = resetAfter ? Nd4j.hstack(updateInputGradient, resetInputGradient,
                recurrentCandidateGradient) : Nd4j.hstack(updateInputGradient, resetInputGradient);
        INDArray innerKernel = resetAfter ? recurrentKernel : recurrentKernel.get(all(), interval(0, 2 * units));
        INDArray innerKernelGradient = resetAfter ? recurrentKernelGradient
                : recurrentKernelGradient.get(all(), interval(0, 2 * units));
        innerKernelGradient.addi(previous.transpose().mmul(innerGradient));
        if (recurrentBiasGradient != null) {
            recurrentBiasGradient.addi(innerGradient.sum(true, 0));
        }
        previousGradient.addi(innerGradient.mmul(innerKernel.transpose()));
        return new INDArray[] {projectedGradient, previousGradient};
    }

    /** Gate {@code index} (0 z, 1 r, 2 h) of a (batch, 3 units) array. */
    private INDArray columns(INDArray gates, int index) {
        return gates.get(all(), interval(index * units, (index + 1) * units));
    }
}
