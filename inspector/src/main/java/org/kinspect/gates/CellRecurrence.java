package org.kinspect.gates;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Runs one direction of a recurrent layer step by step as Keras's cell does, recording every gate
 * and state. In double precision: the traces are the reference the graph's output is checked
 * against, so they should carry no rounding of their own.
 *
 * <pre>{@code
 * CellRecurrence.Result result = CellRecurrence.run(direction, x, mask, initialStates);
 * result.traces().get("f"); // (batch, time, units) in the order the steps were read
 * }</pre>
 */
final class CellRecurrence {

    /**
     * @param traces every trace by bare name, (batch, time, units), in processing order
     * @param outputs the output Keras gives at each processed step (batch, time, units): the new h,
     *     or at a masked step the previous output (zeros before any step ran)
     * @param lastOutput Keras's last output: the output of the last step that ran
     */
    record Result(Map<String, INDArray> traces, INDArray outputs, INDArray lastOutput) {}

    private CellRecurrence() {}

    /**
     * @param direction the direction to run
     * @param sequence its input (batch, time, features), double, in input order
     * @param kept (batch, time): 1 where the step runs, 0 where it is masked; null without a mask
     * @param initialStates h (and c for an LSTM), each (batch, units), double; empty for zeros
     * @return the traces in processing order (reversed input order when the direction goes backwards)
     */
    static Result run(CellDirection direction, INDArray sequence, INDArray kept, List<INDArray> initialStates) {
        INDArray input = direction.goBackwards() ? reversed(sequence) : sequence;
        INDArray keep = kept == null ? null : direction.goBackwards() ? reversed(kept) : kept;
        long batch = input.size(0);
        int steps = (int) input.size(1);
        int units = direction.units();
        INDArray h = initialStates.isEmpty() ? Nd4j.zeros(DataType.DOUBLE, batch, units) : initialStates.get(0).dup();
        INDArray c = initialStates.size() > 1 ? initialStates.get(1).dup() : Nd4j.zeros(DataType.DOUBLE, batch, units);
        Map<String, INDArray> traces = new LinkedHashMap<>();
        for (String name : GateTraces.traceNames(direction.cell())) {
            traces.put(name, Nd4j.zeros(DataType.DOUBLE, batch, steps, units));
        }
        INDArray outputs = Nd4j.zeros(DataType.DOUBLE, batch, steps, units);
        INDArray carried = Nd4j.zeros(DataType.DOUBLE, batch, units);
        for (int t = 0; t < steps; t++) {
            INDArray x = input.get(NDArrayIndex.all(), NDArrayIndex.point(t), NDArrayIndex.all());
            Map<String, INDArray> step = step(direction, x, h, c);
            INDArray newH = step.get("h");
            INDArray newC = step.getOrDefault("c", c);
            // (batch, 1): 1 keeps the new values, 0 (masked) the previous ones
            INDArray runs = keep == null ? Nd4j.ones(DataType.DOUBLE, batch, 1)
                    : keep.get(NDArrayIndex.all(), NDArrayIndex.point(t)).reshape(batch, 1);
            h = select(runs, newH, h);
            c = select(runs, newC, c);
            carried = select(runs, newH, carried);
            INDArray notRun = Nd4j.valueArrayOf(new long[] {batch, units}, Double.NaN, DataType.DOUBLE);
            for (Map.Entry<String, INDArray> trace : traces.entrySet()) {
                INDArray value = switch (trace.getKey()) {
                    case "h" -> h;
                    case "c" -> c;
                    default -> select(runs, step.get(trace.getKey()), notRun);
                };
                trace.getValue().get(NDArrayIndex.all(), NDArrayIndex.point(t), NDArrayIndex.all()).assign(value);
            }
            outputs.get(NDArrayIndex.all(), NDArrayIndex.point(t), NDArrayIndex.all()).assign(carried);
        }
        return new Result(traces, outputs, carried);
    }

    /** One step of the cell: its gates and new states, by bare trace name. */
    private static Map<String, INDArray> step(CellDirection direction, INDArray x, INDArray h, INDArray c) {
        int units = direction.units();
        Map<String, INDArray> values = new LinkedHashMap<>();
        switch (direction.cell()) {
            case "LSTM" -> {
                INDArray z = x.mmul(direction.kernel()).addi(h.mmul(direction.recurrentKernel()));
                if (direction.bias() != null) {
                    z.addiRowVector(direction.bias());
                }
                INDArray i = apply(direction.recurrentActivation(), block(z, 0, units));
                INDArray f = apply(direction.recurrentActivation(), block(z, 1, units));
                INDArray g = apply(direction.activation(), block(z, 2, units));
                INDArray o = apply(direction.recurrentActivation(), block(z, 3, units));
                INDArray newC = f.mul(c).addi(i.mul(g));
                values.put("i", i);
                values.put("f", f);
                values.put("g", g);
                values.put("o", o);
                values.put("c", newC);
                values.put("h", o.mul(apply(direction.activation(), newC)));
            }
            case "GRU" -> {
                INDArray fromInput = x.mmul(direction.kernel());
                INDArray z;
                INDArray r;
                INDArray g;
                if (direction.resetAfter()) {
                    INDArray fromState = h.mmul(direction.recurrentKernel());
                    if (direction.bias() != null) {
                        fromInput.addiRowVector(direction.bias().getRow(0));
                        fromState.addiRowVector(direction.bias().getRow(1));
                    }
                    z = apply(direction.recurrentActivation(), block(fromInput, 0, units).add(block(fromState, 0, units)));
                    r = apply(direction.recurrentActivation(), block(fromInput, 1, units).add(block(fromState, 1, units)));
                    g = apply(direction.activation(), block(fromInput, 2, units).add(r.mul(block(fromState, 2, units))));
                } else {
                    if (direction.bias() != null) {
                        fromInput.addiRowVector(direction.bias().reshape(-1));
                    }
                    INDArray recurrent = direction.recurrentKernel();
                    z = apply(direction.recurrentActivation(),
                            block(fromInput, 0, units).add(h.mmul(block(recurrent, 0, units))));
                    r = apply(direction.recurrentActivation(),
                            block(fromInput, 1, units).add(h.mmul(block(recurrent, 1, units))));
                    g = apply(direction.activation(),
                            block(fromInput, 2, units).add(r.mul(h).mmul(block(recurrent, 2, units))));
                }
                values.put("z", z);
                values.put("r", r);
                values.put("g", g);
                // Keras: h = z * h_previous + (1 - z) * candidate
                values.put("h", z.mul(h).addi(z.rsub(1.0).muli(g)));
            }
            default -> {
                INDArray pre = x.mmul(direction.kernel()).addi(h.mmul(direction.recurrentKernel()));
                if (direction.bias() != null) {
                    pre.addiRowVector(direction.bias());
                }
                values.put("pre_activation", pre);
                values.put("h", apply(direction.activation(), pre));
            }
        }
        return values;
    }

    /** Columns {@code [index * units, (index + 1) * units)}: one gate's block of Keras's fused kernels. */
    private static INDArray block(INDArray fused, int index, int units) {
        return fused.get(NDArrayIndex.all(), NDArrayIndex.interval((long) index * units, (long) (index + 1) * units)).dup();
    }

    private static INDArray apply(IActivation activation, INDArray preActivation) {
        return activation.getActivation(preActivation.dup(), false); // DL4J's activations work in place
    }

    /**
     * Where {@code runs} is 1 the new value, where 0 the old one; {@code runs} is (batch, 1). Row
     * by row, not by arithmetic: the old value may be NaN (a gate at a masked step).
     */
    private static INDArray select(INDArray runs, INDArray newValue, INDArray oldValue) {
        INDArray result = newValue.dup();
        for (long row = 0; row < runs.size(0); row++) {
            if (runs.getDouble(row, 0) == 0.0) {
                result.getRow(row).assign(oldValue.getRow(row));
            }
        }
        return result;
    }

    /** The array with its time axis (1) reversed. */
    static INDArray reversed(INDArray sequence) {
        long steps = sequence.size(1);
        INDArray result = sequence.dup().assign(0.0);
        for (long t = 0; t < steps; t++) {
            result.get(NDArrayIndex.all(), NDArrayIndex.point(t)).assign(
                    sequence.get(NDArrayIndex.all(), NDArrayIndex.point(steps - 1 - t)));
        }
        return result;
    }
}
