package org.kinspect.recurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kinspect.recurrent.KerasStates.assertEveryLayerMatches;
import static org.kinspect.recurrent.KerasStates.fixture;
import static org.kinspect.recurrent.KerasStates.publicModel;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.kinspect.InspectedModel;
import org.kinspect.errors.KinspectException;
import org.kinspect.inspect.KerasReference;
import org.kinspect.inspect.LayerComparison;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Recurrent layers that start from given states or return their states, on real Keras files:
 * every layer output Keras recorded, returned states ({@code LAYER__1}, {@code LAYER__2}...)
 * included, matches within 1e-5.
 */
class RecurrentStatesTest {
    /** Keras 3 models of {@code src/test/resources/states}, each as .keras and as .h5. */
    static final List<String> FIXTURES = List.of("lstm_initial_state", "gru_initial_state", "gru_dense_h0",
            "simple_rnn_initial_state", "learned_initial_state", "bidirectional_states",
            "bidirectional_gru_return_state", "stateful_lstm", "seq2seq_lstm", "seq2seq_gru_stacked", "masked_seq2seq");

    /** Keras 2 / tf.keras models people published (see the corpus's public-models/README.md). */
    static final List<String> PUBLIC_MODELS = List.of("udnet96__lstm_seq2seq__s2s",
            "Eswarreddy12k__LSTM_Music_Generator__model", "aya0221__seq2seq_LSTM_Japanese__decoder_model");

    @TestFactory
    Stream<DynamicTest> everyLayerOfTheStateFixturesMatchesKeras3() {
        return FIXTURES.stream().flatMap(name -> Stream.of(".keras", ".h5").map(extension -> DynamicTest.dynamicTest(
                name + extension, () -> assertEveryLayerMatches(fixture(name + extension), fixture(name + "_io.h5")))));
    }

    @TestFactory
    Stream<DynamicTest> everyLayerOfThePublishedSeq2SeqModelsMatchesKeras() {
        return PUBLIC_MODELS.stream().map(name -> DynamicTest.dynamicTest(name, () ->
                assertEveryLayerMatches(publicModel(name + ".h5"), publicModel(name + "_io.h5"))));
    }

    @Test
    void theKeras3EncoderDecoderFixtureMatchesKeras() {
        for (String extension : List.of(".keras", ".h5")) {
            assertEveryLayerMatches(KerasStates.resource("/keras3/lstm_return_state" + extension),
                    KerasStates.resource("/keras3/lstm_return_state_io.h5"));
        }
    }

    @Test
    void returnedStatesFollowTheirLayerAmongTheActivations() {
        InspectedModel model = InspectedModel.open(fixture("seq2seq_lstm.keras"));
        Map<String, INDArray> outputs = model.activations(KerasReference.read(fixture("seq2seq_lstm_io.h5")).inputs());
        assertEquals(List.of("encoder_in", "decoder_in", "encoder", "encoder__1", "encoder__2", "decoder",
                "decoder__1", "decoder__2", "next_token"), List.copyOf(outputs.keySet()));
        // An LSTM's last output is its final h.
        assertEquals(outputs.get("encoder"), outputs.get("encoder__1"));
    }

    @Test
    void anyRecurrentLayerCanBeAskedForItsFinalStates() {
        InspectedModel model = InspectedModel.open(fixture("lstm_initial_state.keras"));
        KerasReference reference = KerasReference.read(fixture("lstm_initial_state_io.h5"));
        Map<String, INDArray> outputs = model.withReturnedStates(List.of("lstm")).activations(reference.inputs());
        assertTrue(List.copyOf(outputs.keySet()).containsAll(List.of("lstm", "lstm__1", "lstm__2")));
        INDArray lastStep = outputs.get("lstm").get(NDArrayIndex.all(), NDArrayIndex.point(4), NDArrayIndex.all());
        assertTrue(LayerComparison.compare("lstm__1", outputs.get("lstm__1"), lastStep, 1e-6).matches());
        for (var expected : reference.activations().entrySet()) {
            assertTrue(LayerComparison.compare(expected.getKey(), outputs.get(expected.getKey()), expected.getValue(),
                    KerasStates.TOLERANCE).matches(), expected.getKey());
        }
        assertThrows(KinspectException.class, () -> model.withReturnedStates(List.of("proj")));
    }

    @Test
    void weightsStayUnderTheKerasLayerName() {
        InspectedModel model = InspectedModel.open(fixture("bidirectional_states.keras"));
        assertEquals(List.of("forward_kernel", "forward_recurrent_kernel", "forward_bias", "backward_kernel",
                "backward_recurrent_kernel", "backward_bias"), List.copyOf(model.weights("bi").keySet()));
        assertTrue(model.layerNames().contains("bi"));
        assertThrows(KinspectException.class, () -> model.weights("bi__outputs"));
    }
}
