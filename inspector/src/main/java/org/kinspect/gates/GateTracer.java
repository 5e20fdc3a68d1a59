package org.kinspect.gates;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.modelimport.keras.config.Keras2LayerConfiguration;
import org.kinspect.catalog.KerasClasses;
import org.kinspect.catalog.Recurrence;
import org.kinspect.config.LayerNames;
import org.kinspect.config.LayerSpec;
import org.kinspect.config.ModelSpec;
import org.kinspect.config.RecurrentCellLayers;
import org.kinspect.config.RecurrentLayer;
import org.kinspect.config.TensorRef;
import org.kinspect.errors.KinspectException;
import org.kinspect.graph.masking.InputMask;
import org.kinspect.graph.masking.KerasMasks;
import org.kinspect.graph.masking.MaskedSteps;
import org.kinspect.graph.recurrent.RnnActivations;
import org.kinspect.safety.NativeLoading;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Computes a recurrent layer's gate traces from its own Keras weights, with its own semantics
 * (activations as the Keras version that wrote the file defines them, masks, initial states given
 * by other layers, {@code go_backwards}, Bidirectional halves), and checks them every time: the
 * output the traces give must be the layer's own output from the graph, else the call fails as an
 * internal error naming the layer. Traces can therefore never drift from what the model computes.
 *
 * <pre>{@code
 * GateTraces traces = model.gates(Map.of("signal", x), "lstm_1"); // an InspectedModel: calls trace(...)
 * }</pre>
 */
public final class GateTracer {
    /**
     * How far the graph's output may be from the output the traces give; relative beyond magnitude
     * 1. The graph runs in float32 and the traces in double: on small layers they agree within
     * 1e-6, but a 256-unit GRU over long sequences accumulates 2e-6 of float32 rounding. A wrong
     * semantics (Keras 2's hard_sigmoid for Keras 3's, a mask ignored) differs by 1e-3 and more.
     * The difference found is kept in {@link GateTraces#outputDifference()}.
     */
    public static final double TOLERANCE = 1e-5;
    private static final Set<String> CELLS = Set.of("LSTM", "GRU", "SimpleRNN");

    private GateTracer() {}

    /**
     * @param model the model
     * @param inputs one array per model input, keyed by input layer name, in Keras's layout
     * @param layerName an LSTM, GRU or SimpleRNN layer, or a Bidirectional wrapper of one
     * @return its traces in Keras's layout
     * @throws KinspectException {@code unsupported} for a layer it cannot trace (named, with why);
     *     {@code internal} when the traces do not give the layer's own output
     */
    public static GateTraces trace(TracedModel model, Map<String, INDArray> inputs, String layerName) {
        NativeLoading.prepareBlas(); // not set up by the first product while a report's warm-up loads libraries
        ModelSpec spec = model.spec();
        LayerSpec layer = LayerNames.require(spec, layerName);
        RecurrentLayer recurrent = traceable(layer, spec);
        List<CellDirection> directions = directions(model, layer, recurrent, spec.kerasMajorVersion());
        LayerSpec maskOrigin = maskOrigin(layer, recurrent, spec);

        List<String> stateKeys = recurrent.initialStates().stream().map(TensorRef::outputName).toList();
        String inputKey = recurrent.input().outputName();
        List<String> outputKeys = recurrent.bidirectional() && "null".equals(recurrent.mergeMode())
                ? List.of(layerName, TensorRef.outputName(layerName, 1)) : List.of(layerName);
        Set<String> wanted = new LinkedHashSet<>();
        wanted.add(inputKey);
        wanted.addAll(stateKeys);
        wanted.addAll(outputKeys);
        String maskOriginInput = maskOrigin == null ? null : maskOrigin.inboundTensors().get(0).outputName();
        if (maskOriginInput != null) {
            wanted.add(maskOriginInput); // the token ids or Masking input the mask is computed from
        }
        Map<String, INDArray> activations = model.activations().apply(inputs, wanted);
        for (String key : wanted) {
            if (activations.get(key) == null) {
                throw KinspectException.unsupported("cannot trace the gates of layer '" + layerName + "' ("
                        + layer.className() + "): the model gives no output '" + key + "' that it reads or computes");
            }
        }
        INDArray sequence = activations.get(inputKey).castTo(DataType.DOUBLE);
        if (sequence.rank() != 3) {
            throw KinspectException.unsupported("layer '" + layerName + "' (" + layer.className() + ") reads an input"
                    + " of rank " + sequence.rank() + "; gate traces need a sequence (batch, time, features)");
        }
        INDArray kept = maskOrigin == null ? null
                : KerasMasks.keep(maskOrigin, activations.get(maskOriginInput)).castTo(DataType.DOUBLE);

        Map<String, INDArray> traces = new LinkedHashMap<>();
        List<INDArray> directionOutputs = new ArrayList<>();
        int statesPerDirection = recurrent.statesPerDirection();
        for (int d = 0; d < directions.size(); d++) {
            CellDirection direction = directions.get(d);
            List<INDArray> initial = new ArrayList<>();
            for (int s = 0; s < stateKeys.size() / directions.size(); s++) {
                initial.add(activations.get(stateKeys.get(d * statesPerDirection + s)).castTo(DataType.DOUBLE));
            }
            CellRecurrence.Result result = CellRecurrence.run(direction, sequence, kept, initial);
            // Keras's Bidirectional puts the backward half's sequence back in input order.
            boolean backwardHalf = recurrent.bidirectional() && d == 1;
            result.traces().forEach((name, trace) -> traces.put(direction.prefix() + name,
                    backwardHalf ? CellRecurrence.reversed(trace) : trace));
            directionOutputs.add(directionOutput(result, recurrent, kept, backwardHalf, layer, spec.kerasMajorVersion()));
        }
        double difference = check(layerName, layer.className(), expectedOutputs(directionOutputs, recurrent), outputKeys,
                activations);

        Map<String, INDArray> asFloat = new LinkedHashMap<>();
        traces.forEach((name, trace) -> asFloat.put(name, trace.castTo(DataType.FLOAT)));
        return new GateTraces(layerName, recurrent.cell(), directions.stream().map(CellDirection::prefix).toList(),
                asFloat, difference);
    }

    /** The layer as a recurrent layer the tracer can run, or a refusal that names it and says why. */
    private static RecurrentLayer traceable(LayerSpec layer, ModelSpec spec) {
        String refusal = "cannot trace the gates of layer '" + layer.name() + "' (" + layer.className() + "): ";
        Recurrence recurrence = KerasClasses.find(layer.className()).map(found -> found.recurrence())
                .orElse(Recurrence.NONE);
        if (recurrence == Recurrence.CONVOLUTIONAL) {
            throw KinspectException.unsupported(refusal + "a convolutional LSTM's gates are images, which gate traces"
                    + " do not cover; trace an LSTM, GRU or SimpleRNN layer");
        }
        // the last cell of a stack keeps the RNN's name but reads the cell before it
        boolean lastOfStack = layer.inboundLayers().stream().anyMatch(inbound -> spec.layer(inbound)
                .map(LayerSpec::isIntermediateCell)
                .orElse(false));
        if (layer.isIntermediateCell() || lastOfStack
                || layer.className().equals(RecurrentCellLayers.WRAPPER_CLASS)) {
            throw KinspectException.unsupported(refusal + "it is (part of) a stack of cells or a custom cell;"
                    + " gate traces cover LSTM, GRU and SimpleRNN layers and Bidirectional wrappers of them");
        }
        if (recurrence == Recurrence.NONE) {
            throw KinspectException.unsupported(refusal + "it is not recurrent; gate traces cover LSTM, GRU and"
                    + " SimpleRNN layers and Bidirectional wrappers of them");
        }
        RecurrentLayer recurrent = RecurrentLayer.of(layer).orElseThrow(() -> KinspectException.unsupported(
                refusal + "it wraps no LSTM, GRU or SimpleRNN"));
        if (!CELLS.contains(recurrent.cell())) {
            throw KinspectException.unsupported(refusal + "its cell is a " + recurrent.cell() + ", whose weights are"
                    + " laid out otherwise; gate traces cover LSTM, GRU and SimpleRNN");
        }
        if (recurrent.hasInitialStates() && recurrent.initialStates().size() != recurrent.stateCount()) {
            throw KinspectException.unsupported(refusal + "it is given " + recurrent.initialStates().size()
                    + " initial states where it has " + recurrent.stateCount());
        }
        return recurrent;
    }

    @SuppressWarnings("unchecked")
    private static List<CellDirection> directions(TracedModel model, LayerSpec layer, RecurrentLayer recurrent,
            int kerasMajorVersion) {
        Map<String, INDArray> weights = model.weights().apply(layer.weightsOwner());
        if (!recurrent.bidirectional()) {
            return List.of(direction("", recurrent.cell(), layer.config(), weights, layer, kerasMajorVersion));
        }
        Map<String, Object> wrapped = (Map<String, Object>) layer.config().get("layer");
        Map<String, Object> forwardConfig = (Map<String, Object>) wrapped.get("config");
        Map<String, Object> backwardConfig;
        String backwardCell = recurrent.cell();
        if (layer.config().get("backward_layer") instanceof Map<?, ?> given && given.get("config") instanceof Map<?, ?>) {
            backwardConfig = (Map<String, Object>) given.get("config");
            backwardCell = String.valueOf(given.get("class_name"));
        } else {
            // Keras makes the backward half from the forward one, reading the other way
            backwardConfig = new LinkedHashMap<>(forwardConfig);
            backwardConfig.put("go_backwards", !Boolean.TRUE.equals(forwardConfig.get("go_backwards")));
        }
        if (!backwardCell.equals(recurrent.cell())) {
            throw KinspectException.unsupported("cannot trace the gates of layer '" + layer.name()
                    + "' (Bidirectional): its halves are different cells (" + recurrent.cell() + ", " + backwardCell + ")");
        }
        return List.of(direction("forward_", recurrent.cell(), forwardConfig, weights, layer, kerasMajorVersion),
                direction("backward_", backwardCell, backwardConfig, weights, layer, kerasMajorVersion));
    }

    private static CellDirection direction(String prefix, String cell, Map<String, Object> config,
            Map<String, INDArray> weights, LayerSpec layer, int kerasMajorVersion) {
        INDArray kernel = weights.get(prefix + "kernel");
        INDArray recurrentKernel = weights.get(prefix + "recurrent_kernel");
        INDArray bias = weights.get(prefix + "bias");
        List<String> keras1Gates = KERAS_1_GATES.get(cell);
        if (kernel == null && recurrentKernel == null && weights.containsKey(prefix + "W" + keras1Gates.get(0))) {
            // Keras 1 kept one matrix per gate (W_i, U_i, b_i...); Keras 2 fused them in the same gate order
            kernel = fused(weights, prefix + "W", keras1Gates);
            recurrentKernel = fused(weights, prefix + "U", keras1Gates);
            bias = weights.containsKey(prefix + "b" + keras1Gates.get(0)) ? fused(weights, prefix + "b", keras1Gates) : null;
        }
        if (kernel == null || recurrentKernel == null) {
            throw KinspectException.unsupported("cannot trace the gates of layer '" + layer.name() + "' ("
                    + layer.className() + "): it has no weights " + prefix + "kernel and " + prefix
                    + "recurrent_kernel (it has " + weights.keySet() + ")");
        }
        int units = (int) recurrentKernel.size(0);
        int blocks = CellDirection.blocks(cell);
        boolean resetAfter = Boolean.TRUE.equals(config.get("reset_after"));
        boolean biasFits = bias == null || (resetAfter && cell.equals("GRU")
                ? bias.rank() == 2 && bias.size(0) == 2 && bias.size(1) == 3L * units
                : bias.length() == (long) blocks * units);
        if (kernel.rank() != 2 || kernel.size(1) != (long) blocks * units
                || recurrentKernel.size(1) != (long) blocks * units || !biasFits) {
            throw KinspectException.unsupported("cannot trace the gates of layer '" + layer.name() + "' ("
                    + layer.className() + "): its weights are not laid out as Keras's " + cell + " ("
                    + blocks + " blocks of " + units + " units)");
        }
        return new CellDirection(prefix, cell, units,
                activation(config.getOrDefault("activation", "tanh"), kerasMajorVersion, layer),
                activation(config.getOrDefault("recurrent_activation", config.getOrDefault("inner_activation", "sigmoid")),
                        kerasMajorVersion, layer),
                kernel.castTo(DataType.DOUBLE), recurrentKernel.castTo(DataType.DOUBLE),
                bias == null ? null : bias.castTo(DataType.DOUBLE), resetAfter,
                Boolean.TRUE.equals(config.get("go_backwards")));
    }

    /** Keras 1's weight name suffixes per gate, in Keras 2's fused order. */
    private static final Map<String, List<String>> KERAS_1_GATES = Map.of("LSTM", List.of("_i", "_f", "_c", "_o"),
            "GRU", List.of("_z", "_r", "_h"), "SimpleRNN", List.of(""));

    /** Keras 1's per-gate matrices (or vectors) side by side, as Keras 2 stores them. */
    private static INDArray fused(Map<String, INDArray> weights, String stem, List<String> gates) {
        INDArray[] parts = new INDArray[gates.size()];
        for (int k = 0; k < parts.length; k++) {
            INDArray part = weights.get(stem + gates.get(k));
            if (part == null) {
                return null;
            }
            parts[k] = part;
        }
        return parts.length == 1 ? parts[0] : Nd4j.concat(parts[0].rank() - 1, parts);
    }

    /** The graph's own reading of the activation name: Keras 3's hard_sigmoid is not Keras 2's. */
    private static IActivation activation(Object configured, int kerasMajorVersion, LayerSpec layer) {
        try {
            return RnnActivations.of(configured, kerasMajorVersion, new Keras2LayerConfiguration(), layer.name());
        } catch (Exception e) {
            throw KinspectException.unsupported("cannot trace the gates of layer '" + layer.name() + "' ("
                    + layer.className() + "): " + e.getMessage());
        }
    }

    /**
     * The layer that makes the mask the graph hands this layer (a Masking layer, an Embedding with
     * {@code mask_zero}), or null: Keras 3 hands a layer called with {@code initial_state} no mask;
     * Keras 2 masks it.
     */
    private static LayerSpec maskOrigin(LayerSpec layer, RecurrentLayer recurrent, ModelSpec spec) {
        if (spec.kerasMajorVersion() >= 3 && recurrent.hasInitialStates()) {
            return null;
        }
        InputMask mask = InputMask.of(layer, spec);
        if (mask.unfollowableThrough() != null) {
            throw KinspectException.unsupported("cannot trace the gates of layer '" + layer.name() + "' ("
                    + layer.className() + "): " + mask.refusal(layer.name()));
        }
        return mask.origin() == null ? null : spec.layer(mask.origin()).orElse(null);
    }

    /** One direction's output as Keras gives it, in the time order of the layer's output. */
    private static INDArray directionOutput(CellRecurrence.Result result, RecurrentLayer recurrent, INDArray kept,
            boolean backwardHalf, LayerSpec layer, int kerasMajorVersion) {
        if (!recurrent.returnSequences()) {
            return result.lastOutput();
        }
        INDArray outputs = backwardHalf ? CellRecurrence.reversed(result.outputs()) : result.outputs();
        Map<?, ?> config = recurrent.bidirectional() && layer.config().get("layer") instanceof Map<?, ?> wrapped
                && wrapped.get("config") instanceof Map<?, ?> wrappedConfig ? wrappedConfig : layer.config();
        // the graph's rule, by the Keras that wrote the file (Keras 3's Bidirectional: zeros)
        boolean zeroOutputForMask = MaskedSteps.zeroOutputForMask(config, recurrent.bidirectional(), kerasMajorVersion);
        if (kept != null && zeroOutputForMask) {
            INDArray keptInOutputOrder = !recurrent.bidirectional() && Boolean.TRUE.equals(config.get("go_backwards"))
                    ? CellRecurrence.reversed(kept) : kept;
            outputs = outputs.mul(keptInOutputOrder.reshape(keptInOutputOrder.size(0), keptInOutputOrder.size(1), 1)
                    .broadcast(outputs.shape()));
        }
        return outputs;
    }

    /** The layer's output(s) as the directions give them, merged as a Bidirectional wrapper merges them. */
    private static List<INDArray> expectedOutputs(List<INDArray> outputs, RecurrentLayer recurrent) {
        if (outputs.size() == 1) {
            return outputs;
        }
        INDArray forward = outputs.get(0);
        INDArray backward = outputs.get(1);
        return switch (recurrent.mergeMode()) {
            case "concat" -> List.of(Nd4j.concat(forward.rank() - 1, forward, backward));
            case "sum" -> List.of(forward.add(backward));
            case "mul" -> List.of(forward.mul(backward));
            case "ave" -> List.of(forward.add(backward).divi(2.0));
            case "null" -> outputs;
            default -> throw KinspectException.unsupported("cannot trace the gates of layer '" + recurrent.name()
                    + "' (Bidirectional): merge mode '" + recurrent.mergeMode() + "' is not Keras's");
        };
    }

    /**
     * The invariant: the traces give the output the graph computed, or nothing is returned.
     *
     * @return the largest difference found
     */
    private static double check(String layerName, String className, List<INDArray> expected, List<String> outputKeys,
            Map<String, INDArray> activations) {
        double largest = 0;
        for (int k = 0; k < expected.size(); k++) {
            INDArray want = expected.get(k);
            INDArray got = activations.get(outputKeys.get(k)).castTo(DataType.DOUBLE);
            if (!java.util.Arrays.equals(want.shape(), got.shape())) {
                throw KinspectException.internal("gate traces of layer '" + layerName + "' (" + className + ") give an"
                        + " output of shape " + java.util.Arrays.toString(want.shape()) + " where the graph's is "
                        + java.util.Arrays.toString(got.shape()));
            }
            double worst = worstDifference(want, got);
            if (!(worst <= TOLERANCE)) {
                throw KinspectException.internal("gate traces of layer '" + layerName + "' (" + className + ") do not"
                        + " give the layer's own output: they differ by " + worst + " (more than " + TOLERANCE
                        + "); please report this with the model");
            }
            largest = Math.max(largest, worst);
        }
        return largest;
    }

    /** The largest difference, relative where a value exceeds 1 in magnitude; NaN when either holds a NaN. */
    static double worstDifference(INDArray want, INDArray got) {
        INDArray scale = Transforms.max(Transforms.abs(got, true), 1.0, false);
        INDArray difference = Transforms.abs(want.sub(got), false).divi(scale);
        if (BooleanIndexing.or(difference, Conditions.isNan()) || BooleanIndexing.or(difference, Conditions.isInfinite())) {
            return Double.NaN;
        }
        return difference.maxNumber().doubleValue();
    }
}
