package org.kinspect.gates;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kinspect.errors.KinspectException;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The gate traces of one recurrent layer for one batch: each an array {@code (batch, time, units)}
 * in the time order of the layer's Keras output (a {@code go_backwards} layer's step 0 read the
 * last input step; a Bidirectional's backward half is in input order, as Keras outputs it).
 * At a masked step the gates are NaN (the cell did not run) and the states keep their values.
 *
 * <ul>
 *   <li>LSTM: {@code i} (input gate), {@code f} (forget gate), {@code g} (candidate), {@code o}
 *       (output gate), {@code c} (cell state), {@code h} (hidden state, the output);</li>
 *   <li>GRU: {@code z} (update gate), {@code r} (reset gate), {@code g} (candidate), {@code h};</li>
 *   <li>SimpleRNN: {@code pre_activation}, {@code h};</li>
 *   <li>Bidirectional: the wrapped layer's names prefixed {@code forward_} and {@code backward_}.</li>
 * </ul>
 *
 * <pre>{@code
 * GateTraces traces = model.gates(Map.of("signal", x), "lstm_1");
 * INDArray forget = traces.trace("f");         // (batch, time, units)
 * traces.directions();                          // [""] or ["forward_", "backward_"]
 * }</pre>
 *
 * @param layer the Keras layer name
 * @param cell the recurrent class computed: {@code LSTM}, {@code GRU} or {@code SimpleRNN}
 * @param directions the name prefix of each direction: {@code ""}, or {@code forward_} and
 *     {@code backward_} for a Bidirectional wrapper
 * @param traces every trace by name, in the order listed above
 * @param outputDifference the largest difference between the output the traces give and the
 *     layer's output from the graph (relative beyond magnitude 1), checked to be at most
 *     {@link GateTracer#TOLERANCE}: float32 rounding, typically below 1e-6
 */
public record GateTraces(String layer, String cell, List<String> directions, Map<String, INDArray> traces,
        double outputDifference) {

    public GateTraces {
        directions = List.copyOf(directions);
        traces = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(traces));
    }

    /**
     * @param cell {@code LSTM}, {@code GRU} or {@code SimpleRNN}
     * @return the names of its traces for one direction, in Keras's gate order, states last
     */
    public static List<String> traceNames(String cell) {
        return switch (cell) {
            case "LSTM" -> List.of("i", "f", "g", "o", "c", "h");
            case "GRU" -> List.of("z", "r", "g", "h");
            case "SimpleRNN" -> List.of("pre_activation", "h");
            default -> throw new IllegalArgumentException("not a recurrent cell: " + cell);
        };
    }

    /**
     * @param name a trace name, e.g. {@code f} or {@code backward_c}
     * @return the trace, (batch, time, units)
     * @throws KinspectException when the layer has no such trace
     */
    public INDArray trace(String name) {
        INDArray trace = traces.get(name);
        if (trace == null) {
            throw KinspectException.input("layer '" + layer + "' (" + cell + ") has no gate trace '" + name
                    + "'; it has " + String.join(", ", traces.keySet()));
        }
        return trace;
    }

    /**
     * @param traceName a trace name, e.g. {@code backward_f}
     * @return true for a gate (i, f, o, z, r: the recurrent activation, in [0, 1] for Keras's
     *     sigmoids), false for a candidate, a state or a pre-activation
     */
    public static boolean isGate(String traceName) {
        String bare = bareName(traceName);
        return List.of("i", "f", "o", "z", "r").contains(bare);
    }

    /**
     * @param traceName a trace name, e.g. {@code forward_f}
     * @return it without its direction prefix: {@code f}
     */
    public static String bareName(String traceName) {
        for (String prefix : List.of("forward_", "backward_")) {
            if (traceName.startsWith(prefix)) {
                return traceName.substring(prefix.length());
            }
        }
        return traceName;
    }
}
