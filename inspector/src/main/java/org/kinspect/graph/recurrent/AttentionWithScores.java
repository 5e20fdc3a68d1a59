package org.kinspect.graph.recurrent;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kinspect.config.AttentionCall;
import org.kinspect.config.ModelSpec;

/**
 * An attention layer called with {@code return_attention_scores=True}, as {@link RecurrentStateRewrite}
 * splits it: the layer itself, renamed, packs its output and its scores; {@link RecurrentOutputVertex}
 * vertices take out the output (batch, Tq, features) and the scores, (batch, Tq, Tv) for
 * {@code Attention} and {@code AdditiveAttention}, (batch, heads, Tq, Tv) for {@code MultiHeadAttention} and
 * {@code GroupQueryAttention} (its query heads).
 *
 * <pre>{@code
 * AttentionWithScores.of(layerEntry).ifPresent(scores -> layers.add(scores.packed("dot__outputs")));
 * }</pre>
 */
record AttentionWithScores(Map<String, Object> entry, AttentionCall call) {

    /**
     * @param entry a layer of the functional configuration DL4J's importer is about to read
     * @param spec the model, whose notes say how its attention layers are called
     * @return the layer when it is an attention layer returning its scores
     */
    @SuppressWarnings("unchecked")
    static Optional<AttentionWithScores> of(Map<String, Object> entry, ModelSpec spec) {
        if (!AttentionCall.CLASSES.contains(String.valueOf(entry.get("class_name")))
                || !(entry.get("config") instanceof Map<?, ?> config)) {
            return Optional.empty();
        }
        return spec.layer(String.valueOf(config.get("name"))).flatMap(layer -> layer.notes().attentionCallRecorded())
                .filter(AttentionCall::returnScores)
                .map(call -> new AttentionWithScores(entry, call));
    }

    /** @return the layer under another name, computing its output and its scores packed */
    @SuppressWarnings("unchecked")
    Map<String, Object> packed(String name) {
        Map<String, Object> packed = new LinkedHashMap<>(entry);
        Map<String, Object> config = new LinkedHashMap<>((Map<String, Object>) entry.get("config"));
        config.put("name", name);
        packed.put("config", config);
        if (packed.containsKey("name")) {
            packed.put("name", name);
        }
        return packed;
    }

    /** @return the sizes of the output (from its packed type) and of the scores per example */
    @SuppressWarnings("unchecked")
    RecurrentStateRewrite.OutputShape outputShape() {
        List<Integer> steps = call.scoreSteps();
        Map<String, Object> config = (Map<String, Object>) entry.get("config");
        // MultiHeadAttention's heads; GroupQueryAttention's scores have one per query head
        Object heads = config.getOrDefault("num_heads", config.get("num_query_heads"));
        List<? extends Number> scores = heads instanceof Number count
                ? List.of(count.intValue(), steps.get(0), steps.get(1)) : steps;
        return new RecurrentStateRewrite.OutputShape(-1, List.of(scores), true);
    }
}
