package org.kinspect.recurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kinspect.recurrent.KerasStates.TOLERANCE;
import static org.kinspect.recurrent.KerasStates.fixture;
import static org.kinspect.recurrent.KerasStates.publicModel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.kinspect.EncoderDecoder;
import org.kinspect.InspectedModel;
import org.kinspect.errors.KinspectException;
import org.kinspect.inspect.KerasReference;
import org.kinspect.inspect.LayerComparison;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A seq2seq model split into encoder and decoder step: decoding step by step, with the decoder
 * fed the reference's decoder inputs (teacher forcing), gives the whole model's outputs, step by
 * step, within 1e-5.
 */
class EncoderDecoderTest {
    static final Path SAMPLES = Path.of("../samples/models");

    @TestFactory
    Stream<DynamicTest> decodingStepByStepReproducesTheWholeModel() {
        return Stream.of(
                DynamicTest.dynamicTest("seq2seq_lstm.keras", () -> assertStepsReproduce(
                        fixture("seq2seq_lstm.keras"), fixture("seq2seq_lstm_io.h5"))),
                DynamicTest.dynamicTest("seq2seq_lstm.h5", () -> assertStepsReproduce(
                        fixture("seq2seq_lstm.h5"), fixture("seq2seq_lstm_io.h5"))),
                DynamicTest.dynamicTest("seq2seq_gru_stacked.keras", () -> assertStepsReproduce(
                        fixture("seq2seq_gru_stacked.keras"), fixture("seq2seq_gru_stacked_io.h5"))),
                DynamicTest.dynamicTest("masked_seq2seq.keras", () -> assertStepsReproduce(
                        fixture("masked_seq2seq.keras"), fixture("masked_seq2seq_io.h5"))),
                DynamicTest.dynamicTest("samples/reverse_digits.keras", () -> assertStepsReproduce(
                        SAMPLES.resolve("reverse_digits.keras"), SAMPLES.resolve("reverse_digits_io.h5"))),
                DynamicTest.dynamicTest("keras3/lstm_return_state.keras", () -> assertStepsReproduce(
                        KerasStates.resource("/keras3/lstm_return_state.keras"),
                        KerasStates.resource("/keras3/lstm_return_state_io.h5"))),
                DynamicTest.dynamicTest("udnet96 s2s", () -> assertStepsReproduce(
                        publicModel("udnet96__lstm_seq2seq__s2s.h5"), publicModel("udnet96__lstm_seq2seq__s2s_io.h5"))),
                DynamicTest.dynamicTest("Eswarreddy12k music", () -> assertStepsReproduce(
                        publicModel("Eswarreddy12k__LSTM_Music_Generator__model.h5"),
                        publicModel("Eswarreddy12k__LSTM_Music_Generator__model_io.h5"))),
                DynamicTest.dynamicTest("aya0221 decoder", () -> assertStepsReproduce(
                        publicModel("aya0221__seq2seq_LSTM_Japanese__decoder_model.h5"),
                        publicModel("aya0221__seq2seq_LSTM_Japanese__decoder_model_io.h5"))));
    }

    @Test
    void theSampleSeq2SeqModelMatchesKerasLayerByLayer() {
        KerasStates.assertEveryLayerMatches(SAMPLES.resolve("reverse_digits.keras"),
                SAMPLES.resolve("reverse_digits_io.h5"));
    }

    @Test
    void theDecoderStepTakesAndReturnsEveryDecoderState() {
        EncoderDecoder seq2seq = EncoderDecoder.of(InspectedModel.open(fixture("seq2seq_gru_stacked.keras")));
        assertEquals(List.of("encoder_in"), seq2seq.encoder().orElseThrow().inputNames());
        assertEquals(List.of("decoder_in"), seq2seq.decoderInputs());
        // The second decoder layer starts from zeros in Keras; stepping, it carries its state too.
        assertEquals(List.of("decoder_in", "decoder_1/initial_h", "decoder_2/initial_h"),
                seq2seq.decoderStep().inputNames());
        var second = seq2seq.states().get(1);
        assertEquals("decoder_2", second.layer());
        assertEquals(null, second.start());
        assertEquals("decoder_2__1", second.next().outputName());
    }

    @Test
    void aDecoderWhoseStatesAreModelInputsNeedsNoEncoder() {
        EncoderDecoder seq2seq = EncoderDecoder.of(InspectedModel.open(
                publicModel("aya0221__seq2seq_LSTM_Japanese__decoder_model.h5")));
        assertFalse(seq2seq.encoder().isPresent());
        assertEquals("input_3", seq2seq.states().get(0).start().layer());
    }

    @Test
    void aModelWithoutGivenStatesCannotBeSplit() {
        InspectedModel model = InspectedModel.open(fixture("stateful_lstm.keras"));
        KinspectException error = assertThrows(KinspectException.class, () -> EncoderDecoder.of(model));
        assertTrue(error.getMessage().contains("no recurrent layer starts from states"), error.getMessage());
    }

    /** Teacher forcing: each step gets the reference's decoder input for that step. */
    static void assertStepsReproduce(Path modelFile, Path referenceFile) {
        InspectedModel model = InspectedModel.open(modelFile);
        Map<String, INDArray> inputs = KerasReference.read(referenceFile).inputs();
        Map<String, INDArray> whole = model.activations(inputs);
        EncoderDecoder seq2seq = EncoderDecoder.of(model);
        Map<String, INDArray> states = seq2seq.encode(inputs);
        long steps = inputs.get(seq2seq.decoderInputs().get(0)).size(1);
        List<String> failures = new ArrayList<>();
        EncoderDecoder.Step step = null;
        for (long t = 0; t < steps; t++) {
            Map<String, INDArray> stepInputs = new LinkedHashMap<>();
            for (String name : seq2seq.decoderInputs()) {
                stepInputs.put(name, timeStep(inputs.get(name), t));
            }
            step = seq2seq.step(stepInputs, states);
            for (var output : step.outputs().entrySet()) {
                compare(output.getKey() + " step " + t, output.getValue(), timeStep(whole.get(output.getKey()), t),
                        failures);
            }
            states = step.states();
        }
        // After the last step, the states are those the whole model ends with.
        for (var state : seq2seq.states()) {
            INDArray ended = whole.get(state.next().outputName());
            if (ended != null) {
                compare(state.input() + " at the end", states.get(state.input()), ended, failures);
            }
        }
        assertTrue(step != null && !step.outputs().isEmpty(), modelFile + ": no decoder output");
        assertTrue(failures.isEmpty(), modelFile.getFileName() + ": " + String.join("; ", failures));
    }

    private static void compare(String what, INDArray ours, INDArray keras, List<String> failures) {
        LayerComparison comparison = LayerComparison.compare(what, ours, keras, TOLERANCE);
        if (!comparison.matches()) {
            failures.add(what + " max abs error " + comparison.maxAbsoluteError());
        }
    }

    private static INDArray timeStep(INDArray sequence, long t) {
        return sequence.get(NDArrayIndex.all(), NDArrayIndex.interval(t, t + 1), NDArrayIndex.all()).dup();
    }
}
