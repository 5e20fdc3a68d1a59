package org.kinspect.shape;

import java.util.ArrayList;
import java.util.List;
import org.kinspect.config.AttentionCall;
import org.kinspect.config.LayerSpec;

/**
 * Attention layers: {@code Attention} and {@code AdditiveAttention} give one vector of the
 * value's size for every query step; {@code MultiHeadAttention} the query's size (or its
 * {@code output_shape}), {@code GroupQueryAttention} the query's. With
 * {@code return_attention_scores} the scores follow as {@code LAYER__1}: {@code (batch, Tq, Tv)},
 * and {@code (batch, heads, Tq, Tv)} for the multi-head layers.
 *
 * <pre>{@code
 * AttentionRules.multiHead(mha, List.of(KerasShape.of(null, 6, 8)));  // [(None, 6, 8)]
 * }</pre>
 */
final class AttentionRules {

    private AttentionRules() {}

    /** {@code Attention}, {@code AdditiveAttention}. */
    static List<KerasShape> dotProduct(LayerSpec layer, List<KerasShape> inputs) {
        AttentionCall call = call(layer, inputs);
        KerasShape query = inputs.get(call.query());
        KerasShape value = inputs.get(call.value());
        List<KerasShape> outputs = new ArrayList<>();
        outputs.add(query.with(-1, value.last()));
        if (call.returnScores()) outputs.add(KerasShape.of(query.size(0), query.size(1), value.size(1)));
        return outputs;
    }

    /** {@code MultiHeadAttention}. */
    static List<KerasShape> multiHead(LayerSpec layer, List<KerasShape> inputs) {
        AttentionCall call = call(layer, inputs);
        KerasShape query = inputs.get(call.query());
        KerasShape value = inputs.get(call.value());
        LayerConfig config = new LayerConfig(layer);
        Object declared = config.value("output_shape");
        List<Long> example = new ArrayList<>(query.example().subList(0, query.rank() - 2));
        if (declared == null) {
            example.add(query.last());
        } else {
            for (Integer size : LayerConfig.integers(declared, declared instanceof List<?> list ? list.size() : 1,
                    "output_shape")) {
                example.add((long) size);
            }
        }
        List<KerasShape> outputs = new ArrayList<>();
        outputs.add(KerasShape.batchOf(query.size(0), example));
        if (call.returnScores()) {
            long heads = config.integer("num_heads");
            outputs.add(KerasShape.of(query.size(0), heads, query.size(1), value.size(1)));
        }
        return outputs;
    }

    /** {@code GroupQueryAttention}. */
    static List<KerasShape> groupQuery(LayerSpec layer, List<KerasShape> inputs) {
        AttentionCall call = call(layer, inputs);
        KerasShape query = inputs.get(call.query());
        KerasShape value = inputs.get(call.value());
        List<KerasShape> outputs = new ArrayList<>();
        outputs.add(query);
        if (call.returnScores()) {
            long heads = new LayerConfig(layer).integer("num_query_heads");
            outputs.add(KerasShape.of(query.size(0), heads, query.size(1), value.size(1)));
        }
        return outputs;
    }

    /** How the layer was called; Keras 2 files that record no call give the query, then the value. */
    private static AttentionCall call(LayerSpec layer, List<KerasShape> inputs) {
        return layer.notes().attentionCallRecorded()
                .orElse(new AttentionCall(0, Math.min(1, inputs.size() - 1), Math.min(1, inputs.size() - 1), -1, false));
    }
}
