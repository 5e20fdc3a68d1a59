package org.kinspect.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What normalisation found out about a layer that its Keras configuration does not say: kept beside
 * the configuration ({@link LayerSpec#notes()}), never in it, so a layer's configuration holds what
 * Keras wrote (in Keras 2 form) and nothing of kinspect's. The graph importer hands the notes to
 * kinspect's mappers through its typed hints ({@code graph.base.LayerHints}).
 *
 * <pre>{@code
 * LayerNotes notes = spec.layer("shared@1").orElseThrow().notes();
 * notes.callOf();                  // "shared": a later call of a shared layer
 * spec.layer("add").orElseThrow().notes().operation().get("function"); // "add": an operation layer
 * }</pre>
 *
 * @param callOf for a later call of a shared layer ({@code shared@1}), or a layer of a nested model
 *     called more than once, the Keras layer whose weights it computes with; else null
 * @param nestedModelClass for the identity layer that stands for an inlined nested model, the
 *     model's Keras class ({@code Sequential}, {@code Functional}, {@code TimeDistributed}); else null
 * @param operation for an operation layer, what it computes ({@link OperationLayers}: {@code function},
 *     {@code arguments}, {@code options}, {@code input_shapes}), unmodifiable; else null
 * @param attentionCall for an attention layer whose call the file records, how it is called; else null
 * @param attentionCallOfTfKeras whether tf.keras 2.x recorded that call (its Keras masks follow
 *     tf.keras's rules, not Keras 3's)
 * @param intermediateCell for a cell of a stack of cells other than the last ({@code RNN(StackedRNNCells)}
 *     made into one layer per cell): it hands its mask on as zeros at the masked steps
 */
public record LayerNotes(String callOf, String nestedModelClass, Map<String, Object> operation,
        AttentionCall attentionCall, boolean attentionCallOfTfKeras, boolean intermediateCell) {

    /** Nothing noted: a layer as Keras wrote it. */
    public static final LayerNotes NONE = new LayerNotes(null, null, null, null, false, false);

    /**
     * The record's equality, written out: every layer of every import is compared with
     * {@link #NONE}, and a record's generated {@code equals} is linked on first use (method handles
     * made at run time), which cost a summary of a small model more than the comparisons.
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof LayerNotes notes && Objects.equals(callOf, notes.callOf)
                && Objects.equals(nestedModelClass, notes.nestedModelClass) && Objects.equals(operation, notes.operation)
                && Objects.equals(attentionCall, notes.attentionCall)
                && attentionCallOfTfKeras == notes.attentionCallOfTfKeras && intermediateCell == notes.intermediateCell;
    }

    @Override
    public int hashCode() {
        return Objects.hash(callOf, nestedModelClass, operation, attentionCall, attentionCallOfTfKeras, intermediateCell);
    }

    /*
     * While the normalising passes rewrite the configuration (copying, renaming and inlining layers),
     * they note layers under these keys of the layer's own configuration, so that a note travels with
     * the layer it is about; ConfigNormalizer.describe takes them out into LayerNotes. Converted models
     * of format 1 saved them in the description; ConvertedModelReader takes them out the same way.
     */
    static final String CALL_OF = "kinspect_call_of";
    static final String NESTED_MODEL_CLASS = "kinspect_nested_model_class";
    static final String OPERATION = "kinspect_operation";
    static final String ATTENTION_CALL = "kinspect_attention_call";
    static final String ATTENTION_CALL_OF_TF_KERAS = "kinspect_attention_call_keras2";
    static final String INTERMEDIATE_CELL = "kinspect_intermediate_cell";

    public LayerNotes {
        operation = operation == null ? null : ConfigValues.frozen(operation);
    }

    /** @return whether the layer is an operation layer ({@link #operation()} says what it computes) */
    public boolean isOperation() {
        return operation != null;
    }

    /** @return how the attention layer is called, when the file records it */
    public Optional<AttentionCall> attentionCallRecorded() {
        return Optional.ofNullable(attentionCall);
    }

    /**
     * Takes the notes the normalising passes left in a layer's configuration out of it.
     *
     * <pre>{@code
     * Map<String, Object> config = ...; // {"name": "add", "kinspect_operation": {...}}
     * LayerNotes notes = LayerNotes.takeFrom(config); // config is now {"name": "add"}
     * }</pre>
     *
     * @param layerConfig a layer's configuration as the passes (or a converted model of format 1)
     *     left it, changed in place
     * @return the notes it held
     */
    @SuppressWarnings("unchecked")
    public static LayerNotes takeFrom(Map<String, Object> layerConfig) {
        Object callOf = take(layerConfig, CALL_OF);
        Object nestedModelClass = take(layerConfig, NESTED_MODEL_CLASS);
        Object operation = take(layerConfig, OPERATION);
        Object call = take(layerConfig, ATTENTION_CALL);
        Object ofTfKeras = take(layerConfig, ATTENTION_CALL_OF_TF_KERAS);
        Object intermediate = take(layerConfig, INTERMEDIATE_CELL);
        return new LayerNotes(callOf == null ? null : callOf.toString(),
                nestedModelClass == null ? null : nestedModelClass.toString(),
                operation instanceof Map<?, ?> map ? (Map<String, Object>) map : null,
                call instanceof Map<?, ?> map ? AttentionCall.fromJson(map) : null,
                Boolean.TRUE.equals(ofTfKeras), Boolean.TRUE.equals(intermediate));
    }

    /** Removes a key only when it is there: a configuration with nothing noted may be unmodifiable. */
    private static Object take(Map<String, Object> layerConfig, String key) {
        return layerConfig.containsKey(key) ? layerConfig.remove(key) : null;
    }

    /**
     * @return the notes as plain JSON values (the keys of {@link #fromJson}; nothing for what is
     *     not noted), as converted models save them
     */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        if (callOf != null) json.put("call_of", callOf);
        if (nestedModelClass != null) json.put("nested_model_class", nestedModelClass);
        if (operation != null) json.put("operation", operation);
        if (attentionCall != null) json.put("attention_call", attentionCall.toConfig());
        if (attentionCallOfTfKeras) json.put("attention_call_of_tf_keras", true);
        if (intermediateCell) json.put("intermediate_cell", true);
        return json;
    }

    /**
     * @param json notes as {@link #toJson} wrote them
     * @return the notes
     */
    @SuppressWarnings("unchecked")
    public static LayerNotes fromJson(Map<?, ?> json) {
        return new LayerNotes(json.get("call_of") == null ? null : json.get("call_of").toString(),
                json.get("nested_model_class") == null ? null : json.get("nested_model_class").toString(),
                json.get("operation") instanceof Map<?, ?> map ? (Map<String, Object>) map : null,
                json.get("attention_call") instanceof Map<?, ?> map ? AttentionCall.fromJson(map) : null,
                Boolean.TRUE.equals(json.get("attention_call_of_tf_keras")),
                Boolean.TRUE.equals(json.get("intermediate_cell")));
    }
}
