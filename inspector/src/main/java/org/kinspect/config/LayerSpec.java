package org.kinspect.config;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * One Keras layer as the configuration describes it, in Keras 2 form whatever Keras wrote it.
 *
 * @param name the Keras layer name, the key for everything kinspect shows about the layer
 * @param className the Keras class, e.g. {@code LSTM}, {@code Conv2D}, {@code InputLayer}
 * @param config the layer's own configuration (Keras 2 field names), unmodifiable all the way down
 * @param inboundTensors the tensors it is called on, in call order: its input, then (for a
 *     recurrent layer) its initial states
 * @param notes what normalisation found out about the layer that its configuration does not say
 *     (a later call of a shared layer, an operation, an attention call...), kept out of {@code config}
 */
public record LayerSpec(String name, String className, Map<String, Object> config, List<TensorRef> inboundTensors,
        LayerNotes notes) {

    public LayerSpec {
        config = ConfigValues.frozen(config);
        inboundTensors = List.copyOf(inboundTensors);
        notes = notes == null ? LayerNotes.NONE : notes;
    }

    /** A layer as Keras wrote it, with nothing noted. */
    public LayerSpec(String name, String className, Map<String, Object> config, List<TensorRef> inboundTensors) {
        this(name, className, config, inboundTensors, LayerNotes.NONE);
    }

    /** @return the names of the layers whose outputs it takes, in call order, each once */
    public List<String> inboundLayers() {
        return List.copyOf(new LinkedHashSet<>(inboundTensors.stream().map(TensorRef::layer).toList()));
    }

    /** @return true for a model input */
    public boolean isInput() {
        return "InputLayer".equals(className);
    }

    /** @return true for the identity layer that stands for an inlined nested model (its output is the model's) */
    public boolean standsForNestedModel() {
        return notes.nestedModelClass() != null;
    }

    /**
     * @return the Keras class of the nested model it stands for ({@code Sequential}, {@code Functional},
     *     {@code TimeDistributed} around a model), or null when it does not stand for one
     */
    public String nestedModelClass() {
        return notes.nestedModelClass();
    }

    /**
     * @return the Keras layer whose weights it computes with: its own name, or for a later call of
     *     a shared layer ({@code shared@1}) the layer called ({@code shared})
     */
    public String weightsOwner() {
        return notes.callOf() == null ? name : notes.callOf();
    }

    /** @return true for a later call of a shared layer, which has no weights of its own */
    public boolean isLaterCall() {
        return notes.callOf() != null;
    }

    /**
     * @return true for a layer that computes a cell of a stack of cells other than the last
     *     ({@code RNN(StackedRNNCells(...))} made into one layer per cell): it hands its mask on as
     *     zeros at the masked steps
     */
    public boolean isIntermediateCell() {
        return notes.intermediateCell();
    }

    /** @return true when the layer returns sequences (an RNN with {@code return_sequences}) */
    public boolean returnsSequences() {
        return Boolean.TRUE.equals(config.get("return_sequences"));
    }

    /**
     * @return {@code channels_first} or {@code channels_last} when the layer names a data format,
     *     else null
     */
    public String dataFormat() {
        Object format = config.get("data_format");
        if (format == null && className.equals("Bidirectional") && config.get("layer") instanceof Map<?, ?> wrapped
                && wrapped.get("config") instanceof Map<?, ?> wrappedConfig) {
            format = wrappedConfig.get("data_format"); // a ConvLSTM2D's output keeps its layout through the wrapper
        }
        if (format == null) {
            Object ordering = config.get("dim_ordering"); // Keras 1: "th" or "tf"
            if ("th".equals(ordering)) return "channels_first";
            if ("tf".equals(ordering)) return "channels_last";
            return null;
        }
        return format.toString();
    }
}
