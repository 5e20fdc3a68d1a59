package org.kinspect.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How an attention layer ({@code Attention}, {@code AdditiveAttention}, {@code MultiHeadAttention},
 * {@code GroupQueryAttention})
 * is called: which of its inbound tensors is the query, the value, the key and the attention mask,
 * and whether it masks future steps. Keras 3 records these as call arguments
 * ({@code mha(q, v, key=k, use_causal_mask=True)}); the normalised configuration lists each distinct
 * tensor once in the layer's inbound node (self-attention has one) and keeps this record in the
 * layer's notes ({@link LayerNotes#attentionCall()}).
 *
 * <pre>{@code
 * AttentionCall call = spec.layer("mha").orElseThrow().notes().attentionCall();
 * INDArray query = inputs[call.query()];
 * }</pre>
 *
 * @param query the index of the query among the layer's inbound tensors
 * @param value the index of the value
 * @param key the index of the key (the value's when the call gives none)
 * @param attentionMask the index of MultiHeadAttention's {@code attention_mask}, or -1
 * @param useCausalMask whether step i of the query may not see steps after i of the value
 * @param returnScores whether the layer also returns its attention scores (the softmax weights) as a
 *     second output, {@code return_attention_scores=True}
 * @param scoreSteps the steps of the query and of the value, {@code [Tq, Tv]}, which size the scores;
 *     empty when the layer does not return them
 */
public record AttentionCall(int query, int value, int key, int attentionMask, boolean useCausalMask,
        boolean returnScores, List<Integer> scoreSteps) {
    public AttentionCall {
        scoreSteps = List.copyOf(scoreSteps);
    }

    /** A call that returns no scores. */
    public AttentionCall(int query, int value, int key, int attentionMask, boolean useCausalMask) {
        this(query, value, key, attentionMask, useCausalMask, false, List.of());
    }

    /** The Keras classes whose calls are read this way. */
    public static final Set<String> CLASSES = Set.of("Attention", "AdditiveAttention", "MultiHeadAttention",
            "GroupQueryAttention", "GroupedQueryAttention");

    /** The classes called as {@code MultiHeadAttention} is: {@code (query, value, key, attention_mask=...)}. */
    public static final Set<String> MULTI_HEAD_CLASSES = Set.of("MultiHeadAttention", "GroupQueryAttention",
            "GroupedQueryAttention");

    /** @return the call as plain JSON values, as {@link #fromJson} reads it */
    public Map<String, Object> toConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("query", query);
        config.put("value", value);
        config.put("key", key);
        config.put("attention_mask", attentionMask);
        config.put("use_causal_mask", useCausalMask);
        config.put("return_attention_scores", returnScores);
        config.put("score_steps", scoreSteps);
        return config;
    }

    /**
     * @param call a call as {@link #toConfig} wrote it
     * @return the call
     */
    static AttentionCall fromJson(Map<?, ?> call) {
        return new AttentionCall(index(call, "query"), index(call, "value"), index(call, "key"),
                index(call, "attention_mask"), Boolean.TRUE.equals(call.get("use_causal_mask")),
                Boolean.TRUE.equals(call.get("return_attention_scores")), call.get("score_steps") instanceof List<?> steps
                        ? steps.stream().map(step -> ((Number) step).intValue()).toList() : List.of());
    }

    /** @return how many distinct tensors the layer is given */
    public int inputCount() {
        return 1 + Math.max(Math.max(query, value), Math.max(key, attentionMask));
    }

    /** @return the call, masking future steps */
    public AttentionCall causal() {
        return new AttentionCall(query, value, key, attentionMask, true, returnScores, scoreSteps);
    }

    private static int index(Map<?, ?> call, String role) {
        return call.get(role) instanceof Number number ? number.intValue() : -1;
    }
}
