package org.kinspect.graph.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * Issue 16's classes of published model (items 6-8), made by the real Keras 3
 * ({@code src/test/resources/tfkeras_layers/make_tfkeras_layer_fixtures.py}, cases listed in its
 * README), as {@code .keras} and as Keras 3 {@code .h5}: every layer Keras recorded matches within
 * 1e-5, shape included.
 */
class PublishedModelLayersTest {
    static final List<String> CASES = List.of("identity_permute", "conv_lstm_time_distributed",
            "normalized_frames_time_distributed", "attention_calls", "masked_attention_calls", "permuted_sequences",
            "dense_on_images");

    @TestFactory
    Stream<DynamicTest> everyLayerMatchesKeras3() {
        return CASES.stream().flatMap(name -> Stream.of(".keras", ".h5").map(extension -> DynamicTest.dynamicTest(
                name + extension, () -> KerasReferenceCheck.everyLayerMatches(fixture(name + extension),
                        fixture(name + "_io.h5"), Map.of()))));
    }

    /**
     * The attention layers of {@code attention_calls} as tf.keras 2.x records their calls (value, key,
     * attention_mask, use_causal_mask and return_attention_scores in the kwargs of the query's entry;
     * Attention's list [q, v, k] as one entry per tensor; a causal AdditiveAttention as tf.keras 2.4-2.9
     * wrote it, {@code causal} in its config), with tf.keras's weight names
     * ({@code cross_attention/query/kernel:0}): every layer matches Keras 3's numbers for the same
     * weights, the scores ({@code cross_attention__1}, {@code dot__1}) included.
     */
    @Test
    void attentionCallsTfKerasRecordedMatchKeras() {
        Map<String, LayerComparison> compared = KerasReferenceCheck.everyLayerMatches(
                fixture("attention_calls_tfkeras.h5"), fixture("attention_calls_io.h5"), Map.of());
        assertTrue(compared.keySet().containsAll(List.of("self_attention", "cross_attention", "cross_attention__1",
                "causal_attention", "dot", "dot__1", "concat", "additive")), compared.keySet().toString());
        assertEquals("2.12.0", InspectedModel.open(fixture("attention_calls_tfkeras.h5")).summary().kerasVersion());
    }

    /**
     * A Keras mask reaching an attention layer whose call tf.keras recorded is refused in one line
     * naming the layer (tf.keras's masking rules are not Keras 3's, which the same model's Keras 3
     * files follow and match).
     */
    @Test
    void aMaskedTfKerasAttentionIsRefusedByName() {
        KinspectException error = assertThrows(KinspectException.class,
                () -> InspectedModel.open(fixture("masked_attention_calls_tfkeras.h5")));
        assertEquals(KinspectException.Problem.UNSUPPORTED, error.problem(), error.getMessage());
        assertTrue(error.getMessage().contains("layer 'masked_attention' (MultiHeadAttention)")
                && error.getMessage().contains("tf.keras"), error.getMessage());
    }

    /**
     * A BatchNormalization over the time axis of a ConvLSTM2D's sequence of images is refused in one
     * line naming the layer, as a setting kinspect does not support (not a damaged file).
     */
    @Test
    void batchNormalizationOverAnotherAxisOfA5DTensorIsRefusedByName() {
        for (String extension : List.of(".keras", ".h5")) {
            KinspectException error = assertThrows(KinspectException.class,
                    () -> InspectedModel.open(fixture("batch_norm_time_axis" + extension)));
            assertEquals(KinspectException.Problem.UNSUPPORTED, error.problem(), error.getMessage());
            assertTrue(error.getMessage().contains("layer 'batch_norm_time' (BatchNormalization)")
                    && error.getMessage().contains("axis 1"), error.getMessage());
        }
    }

    /**
     * An op whose result depends on the whole batch ({@code ops.max(h)}, axis=None) is refused in one
     * line naming the layer and saying why: a result across examples cannot be inspected per example.
     */
    @Test
    void anOpAcrossTheBatchIsRefusedSayingWhy() {
        for (String extension : List.of(".keras", ".h5")) {
            KinspectException error = assertThrows(KinspectException.class,
                    () -> InspectedModel.open(fixture("batch_wide_max" + extension)));
            assertEquals(KinspectException.Problem.UNSUPPORTED, error.problem(), error.getMessage());
            assertTrue(error.getMessage().matches("[^\\n]*unsupported op max over every axis, the batch axis included"
                    + " \\(axis=None\\) in layer 'max' \\(Max\\): its result mixes the examples of a batch[^\\n]*"
                    + "cannot be inspected per example[^\\n]*"), error.getMessage());
        }
    }

    static Path fixture(String fileName) {
        return KerasReferenceCheck.resource("/tfkeras_layers/" + fileName);
    }
}
