package org.kinspect.graph.layers;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.kinspect.config.LayerSpec;
import org.kinspect.config.ModelSpec;
import org.kinspect.config.RecurrentCellLayers;

/**
 * Where the Keras mask a layer receives comes from, as far as kinspect can recompute it from the
 * layer's own input: a Masking layer (or an Embedding with {@code mask_zero}) that reaches the layer
 * through layers that leave their input alone at inference (Dropout...), or nothing. A mask that
 * Keras passes on through a layer that changes the values (Dense, an RNN returning sequences in
 * Keras 1 and 2...) cannot be told from the values any more: such a mask is "unfollowable".
 *
 * <pre>{@code
 * InputMask mask = InputMask.of(spec.layer("gru_1").orElseThrow(), spec);
 * if (mask.value() != null) ... // steps whose features all equal it are masked
 * }</pre>
 *
 * @param value the value marking masked steps in the layer's input, or null
 * @param unfollowableThrough the class of the layer through which an unfollowable mask arrives,
 *     or null
 */
public record InputMask(Double value, String unfollowableThrough) {
    static final InputMask NONE = new InputMask(null, null);

    /** Layers that pass their input's mask on and, at inference, their input too. */
    private static final Set<String> IDENTITIES_AT_INFERENCE = Set.of("Dropout", "SpatialDropout1D",
            "GaussianDropout", "GaussianNoise", "AlphaDropout", "ActivityRegularization", "Identity");
    /** Layers that pass the mask on but change the values. */
    private static final Set<String> MASK_PROPAGATING = Set.of("Dense", "Activation", "ELU", "LeakyReLU", "PReLU",
            "ReLU", "Softmax", "ThresholdedReLU", "BatchNormalization", "LayerNormalization", "UnitNormalization",
            "GroupNormalization", "TimeDistributed", "Lambda", "Add", "Subtract", "Multiply", "Average", "Maximum",
            "Minimum", "Concatenate", "Dot", "Rescaling", "Normalization", "MultiHeadAttention", "GroupQueryAttention", "GroupedQueryAttention", "Attention",
            "AdditiveAttention");
    /** Recurrent layers, which pass the mask on when they return sequences, up to Keras 2 only. */
    private static final Set<String> RECURRENT = Set.of("LSTM", "GRU", "SimpleRNN", "Bidirectional", "ConvLSTM2D",
            "CuDNNGRU", "CuDNNLSTM");

    /**
     * @param layer a layer
     * @param spec its model
     * @return what kinspect knows of the mask Keras hands the layer
     */
    public static InputMask of(LayerSpec layer, ModelSpec spec) {
        return ofInputs(layer.inboundLayers(), spec);
    }

    /**
     * @param layerName a layer whose output another layer reads (one of several inputs)
     * @param spec its model
     * @return what kinspect knows of the mask Keras hands on with that output
     */
    public static InputMask ofOutputOf(String layerName, ModelSpec spec) {
        return ofInputs(List.of(layerName), spec);
    }

    private static InputMask ofInputs(List<String> inbound, ModelSpec spec) {
        if (inbound.isEmpty()) {
            return NONE;
        }
        Optional<LayerSpec> found = spec.layer(inbound.get(0));
        if (found.isEmpty()) {
            return NONE;
        }
        LayerSpec input = found.get();
        String className = input.className();
        if (className.equals("Masking")) {
            return new InputMask(input.config().get("mask_value") instanceof Number value ? value.doubleValue() : 0.0,
                    null);
        }
        if (className.equals("Embedding")) {
            // DL4J zeroes the embedding of index 0 when mask_zero is set, so masked steps are all zero.
            return Boolean.TRUE.equals(input.config().get("mask_zero")) ? new InputMask(0.0, null) : NONE;
        }
        if (Boolean.TRUE.equals(input.config().get(RecurrentCellLayers.INTERMEDIATE_CELL))) {
            // a cell of a stack, outputting zeros at padded steps; a relu cell may output zeros anywhere
            boolean masked = input.inboundLayers().stream().anyMatch(name -> isMasked(name, spec));
            return !masked ? NONE : "tanh".equals(input.config().get("activation")) ? new InputMask(0.0, null)
                    : new InputMask(null, className + " cell with activation " + input.config().get("activation"));
        }
        if (IDENTITIES_AT_INFERENCE.contains(className)) {
            return ofInputs(input.inboundLayers(), spec);
        }
        boolean propagates = MASK_PROPAGATING.contains(className)
                || (RECURRENT.contains(className) && spec.kerasMajorVersion() <= 2 && returnsSequences(input));
        if (propagates && input.inboundLayers().stream().anyMatch(name -> isMasked(name, spec))) {
            return new InputMask(null, className);
        }
        return NONE;
    }

    private static boolean returnsSequences(LayerSpec layer) {
        if (layer.config().get("layer") instanceof Map<?, ?> wrapped
                && wrapped.get("config") instanceof Map<?, ?> inner) {
            return Boolean.TRUE.equals(inner.get("return_sequences")); // Bidirectional
        }
        return layer.returnsSequences();
    }

    private static boolean isMasked(String layerName, ModelSpec spec) {
        InputMask mask = ofInputs(List.of(layerName), spec);
        return mask.value() != null || mask.unfollowableThrough() != null;
    }
}
