package org.kinspect.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kinspect.InspectedModel;
import org.kinspect.batch.NpyBatches;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * Both modes on the sample LSTM against numpy's numbers from Keras's own activations
 * ({@code samples/models/make_diff_samples.py} wrote {@code diff_expected.json}): the model against
 * its fine-tuned copy, and the evaluation set against a louder, noisier one. Ours run on DL4J's
 * activations, which agree with Keras's within 1e-5, so the tolerances allow for that and for a
 * value on a bin edge landing in the next bin.
 */
class DiffSamplesTest {
    static final Path SAMPLES = Path.of("../samples/models");
    static JsonNode expected;
    static InspectedModel base;

    @BeforeAll
    static void read() throws IOException {
        expected = new ObjectMapper().readTree(Files.readString(SAMPLES.resolve("diff_expected.json")));
        base = InspectedModel.open(SAMPLES.resolve("sine_lstm.keras"));
    }

    @Test
    void fineTunedCopyAgainstNumpysNumbers() {
        InspectedModel tuned = InspectedModel.open(SAMPLES.resolve("sine_lstm_finetuned.keras"));
        ModelDifference difference;
        try (NpyBatches data = NpyBatches.open(Map.of("signal", SAMPLES.resolve("sine_lstm_eval_x.npy")), 64)) {
            difference = ModelDiffer.of(base, tuned).compare(data);
        }
        assertEquals(300, difference.examples());
        JsonNode layers = expected.get("models").get("layers");
        assertEquals(layers.size(), difference.layers().size());
        for (JsonNode layer : layers) {
            String name = layer.get("name").asText();
            LayerDifference ours = difference.layer(name).orElseThrow();
            // within the rule kinspect's outputs meet against Keras's (observed: 5e-7 at most)
            assertEquals(layer.get("max_abs_diff").asDouble(), ours.maxAbsoluteDifference(), 1e-5, name);
            assertEquals(layer.get("mean_abs_diff").asDouble(), ours.meanAbsoluteDifference(), 1e-6, name);
            assertEquals(layer.get("max_rel_diff").asDouble(), ours.maxRelativeDifference(), 1e-5, name);
            assertEquals(layer.get("mean_rel_diff").asDouble(), ours.meanRelativeDifference(), 1e-6, name);
            assertEquals(layer.get("cosine").asDouble(), ours.cosine(), 1e-6, name);
            // the weights are read from the files, not computed: only rounding differs
            assertEquals(layer.get("weight_rel_change").asDouble(), ours.weightRelativeChange(), 1e-12, name);
        }
        assertEquals("lstm_1", difference.firstDivergentLayer().orElseThrow());
        assertTrue(difference.unmatched().isEmpty());
    }

    @Test
    void anH5AndItsKerasFileAgree() {
        InspectedModel h5 = InspectedModel.open(SAMPLES.resolve("sine_lstm.h5"));
        ModelDifference difference;
        try (NpyBatches data = NpyBatches.open(Map.of("signal", SAMPLES.resolve("sine_lstm_eval_x.npy")), 128)) {
            difference = ModelDiffer.of(base, h5).compare(data);
        }
        assertTrue(difference.firstDivergentLayer().isEmpty());
        for (LayerDifference layer : difference.layers()) {
            assertEquals(0.0, layer.maxAbsoluteDifference(), layer.name());
            assertEquals(1.0, layer.cosine(), 1e-12, layer.name());
            assertEquals(0.0, layer.weightRelativeChange(), layer.name());
        }
    }

    @Test
    void shiftedDataSetAgainstNumpysNumbers() {
        DataSetShift shift;
        try (NpyBatches first = NpyBatches.open(Map.of("signal", SAMPLES.resolve("sine_lstm_eval_x.npy")), 64);
                NpyBatches second = NpyBatches.open(Map.of("signal", SAMPLES.resolve("sine_lstm_shifted_x.npy")), 100)) {
            shift = ShiftSurveyor.of(base).bins(expected.get("bins").asInt()).survey(first, second);
        }
        assertEquals(expected.get("epsilon").asDouble(), shift.epsilon());
        assertEquals(300, shift.firstExamples());
        assertEquals(300, shift.secondExamples());
        JsonNode layers = expected.get("shift").get("layers");
        assertEquals(layers.size(), shift.layers().size());
        for (JsonNode layer : layers) {
            String name = layer.get("name").asText();
            LayerShift ours = shift.layer(name).orElseThrow();
            // the same bins hold the same counts here (observed: 1e-16); a value within 1e-6 of a bin
            // edge may land in the next bin on another machine, moving a unit's KL by up to ~2e-3
            assertEquals(layer.get("mean_kl").asDouble(), ours.meanKl(), 1e-3, name);
            assertEquals(layer.get("mean_psi").asDouble(), ours.meanPsi(), 1e-3, name);
            for (JsonNode unit : layer.get("units")) {
                UnitShift oursUnit = ours.units().get(unit.get("unit").asInt());
                String where = name + " unit " + unit.get("unit").asInt();
                assertEquals(unit.get("kl").asDouble(), oursUnit.kl(), 3e-3, where);
                assertEquals(unit.get("psi").asDouble(), oursUnit.psi(), 3e-3, where);
                assertEquals(unit.get("mean_shift").asDouble(), oursUnit.meanShift(), 1e-6, where);
                assertEquals(unit.get("std_shift").asDouble(), oursUnit.stdShift(), 1e-6, where);
            }
        }
        assertEquals(List.of("lstm_2", "dense_1", "classes", "lstm_1"),
                shift.ranked().stream().map(LayerShift::name).toList());
    }
}
