package org.kinspect.graph.masking;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.kinspect.graph.layers.KerasReferenceCheck;

/**
 * Masked recurrent layers get the masking of the Keras that wrote the file
 * ({@code src/test/resources/masking/make_masking_fixtures.py}): Embedding(mask_zero=True), whose
 * table has a zero row for a real token, and Masking over more steps than features, into LSTM, GRU,
 * SimpleRNN and Bidirectional of each, returning sequences or not. Keras 3 files are checked
 * against Keras 3's numbers; the same models written as tf.keras 2 files (and a stack where Keras 2
 * hands the mask from one recurrent layer to the next) against Keras 2's masked recurrence in
 * numpy. Every layer matches within 1e-5, the Embedding included: its output is the table lookup,
 * and the mask comes from the token ids.
 */
class MaskedRecurrentTest {

    @TestFactory
    Stream<DynamicTest> keras3FilesMatchKeras3() {
        return Stream.of("embedding_recurrent", "masking_long", "masked_pooling", "masked_merges").flatMap(name -> Stream.of(".keras", ".h5")
                .map(extension -> DynamicTest.dynamicTest(name + extension, () -> KerasReferenceCheck.everyLayerMatches(
                        KerasReferenceCheck.resource("/masking/" + name + extension),
                        KerasReferenceCheck.resource("/masking/" + name + "_io.h5"), Map.of()))));
    }

    @TestFactory
    Stream<DynamicTest> keras2FilesMatchKeras2() {
        return Stream.of("embedding_recurrent", "masking_long", "stacked", "masked_pooling").map(name -> DynamicTest.dynamicTest(
                "keras2_" + name, () -> KerasReferenceCheck.everyLayerMatches(
                        KerasReferenceCheck.resource("/masking/keras2_" + name + ".h5"),
                        KerasReferenceCheck.resource("/masking/keras2_" + name + "_io.h5"), Map.of())));
    }
}
