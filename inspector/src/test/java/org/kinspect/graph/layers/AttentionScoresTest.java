package org.kinspect.graph.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.kinspect.InspectedModel;
import org.kinspect.errors.KinspectException;
import org.kinspect.inspect.LayerComparison;

/**
 * Attention layers called with {@code return_attention_scores=True}, made by the real Keras 3
 * ({@code src/test/resources/attention_scores/make_attention_score_fixtures.py}, cases listed in its
 * README), as {@code .keras} and as Keras 3 {@code .h5}: every layer Keras recorded matches within
 * 1e-5, shape included, the attended values as {@code LAYER} and the scores as {@code LAYER__1}:
 * (batch, Tq, Tv) for Attention and AdditiveAttention (dot, scaled, concat, causal, with a key),
 * (batch, heads, Tq, Tv) for MultiHeadAttention (with an {@code attention_mask} input, causal) and
 * GroupQueryAttention (query heads sharing key/value heads, also computed without scores), also
 * over sequences DL4J folds into the batch (after a Dense) or keeps as (batch, features, time)
 * (after an LSTM).
 */
class AttentionScoresTest {
    /** Each case, with the scores Keras recorded in it and their shape for a batch of 2. */
    static final Map<String, Map<String, long[]>> SCORES = Map.of(
            "scored_attention_scores", Map.of("dot__1", new long[] {2, 5, 6}, "concat__1", new long[] {2, 5, 6},
                    "additive__1", new long[] {2, 5, 6}),
            "multi_head_scores", Map.of("cross__1", new long[] {2, 2, 5, 6}, "self__1", new long[] {2, 3, 5, 5}),
            "layout_scores", Map.of("dot__1", new long[] {2, 5, 6}, "mha__1", new long[] {2, 2, 6, 5}),
            "grouped_query_attention", Map.of("cross__1", new long[] {2, 4, 5, 6}),
            // packed with their scores under another name, the layers keep their value's mask
            "masked_value_scores", Map.of("cross__1", new long[] {2, 2, 5, 7}, "dot__1", new long[] {2, 5, 7}));

    @TestFactory
    Stream<DynamicTest> outputsAndScoresMatchKeras3() {
        return SCORES.entrySet().stream().flatMap(scores -> Stream.of(".keras", ".h5").map(extension ->
                DynamicTest.dynamicTest(scores.getKey() + extension, () -> {
                    Map<String, LayerComparison> compared = KerasReferenceCheck.everyLayerMatches(
                            fixture(scores.getKey() + extension), fixture(scores.getKey() + "_io.h5"), Map.of());
                    scores.getValue().forEach((name, shape) -> {
                        assertTrue(compared.containsKey(name), name + " not among Keras's outputs "
                                + compared.keySet());
                        assertArrayEquals(shape, compared.get(name).kerasShape(), name);
                    });
                })));
    }

    /**
     * Refused in one line naming the layer and its class: scores over a query whose length the model
     * leaves open (kinspect sizes the scores when it builds the graph), and GroupQueryAttention's
     * sliding window.
     */
    @Test
    void whatIsNotComputedIsRefusedByName() {
        Map<String, String> refusals = Map.of(
                "unknown_length_scores", "layer 'open_scores' \\(Attention\\)[^\\n]*return_attention_scores=True"
                        + "[^\\n]*unknown length[^\\n]*",
                "grouped_query_sliding_window", "layer 'windowed' \\((GroupQueryAttention|GroupedQueryAttention)\\)"
                        + "[^\\n]*sliding_window[^\\n]*");
        refusals.forEach((name, pattern) -> {
            for (String extension : List.of(".keras", ".h5")) {
                var error = assertThrows(KinspectException.class, () -> InspectedModel.open(fixture(name + extension)));
                assertTrue(error.getMessage().matches("(?s)[^\\n]*" + pattern), error.getMessage());
            }
        });
    }

    static Path fixture(String fileName) {
        return LayerCoverageTest.resource("/attention_scores/" + fileName);
    }
}
