package org.kinspect.graph.layers;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kinspect.errors.KinspectException;

/**
 * What kinspect's GRU cannot compute fails on import with one line that names the layer and says
 * why, instead of giving other numbers than Keras.
 */
class GruUnsupportedTest {
    private static final String GRU_CONFIG = """
            "trainable": true, "units": 3, "activation": "tanh", "recurrent_activation": "sigmoid",
            "use_bias": true, "return_state": false, "go_backwards": false, "stateful": false, "unroll": false,
            "reset_after": true, "kernel_initializer": {"class_name": "GlorotUniform", "config": {"seed": null}},
            "recurrent_initializer": {"class_name": "Orthogonal", "config": {"gain": 1.0, "seed": null}},
            "bias_initializer": {"class_name": "Zeros", "config": {}}""";

    @Test
    void bidirectionalWithoutMergeModeSaysSo() {
        String layer = """
                {"class_name": "Bidirectional", "name": "bidi", "inbound_nodes": [[["seq", 0, 0, {}]]],
                 "config": {"name": "bidi", "trainable": true, "merge_mode": null,
                  "layer": {"class_name": "GRU", "config": {"name": "gru", "return_sequences": true, %s}}}}"""
                .formatted(GRU_CONFIG);
        assertFailure(ConfiguredModel.keras2Model("seq", "[null, 6, 3]", layer), "'bidi' (Bidirectional)",
                "merge_mode=None");
    }

    /**
     * Keras ANDs the masks of a merge's inputs; kinspect follows one mask to its origin, so a merge
     * of inputs masked by different layers is refused by name. (A mask handed on through a Dense
     * layer, or in Keras 2 from one recurrent layer to the next, is followed: see
     * MaskedRecurrentTest and Keras3FixturesTest.)
     */
    @Test
    void aMergeOfDifferentlyMaskedInputsIsRefusedByName() {
        String model = """
                {"class_name": "Model", "config": {"name": "m", "layers": [
                  {"class_name": "InputLayer", "name": "seq", "inbound_nodes": [],
                   "config": {"batch_input_shape": [null, 6, 3], "dtype": "float32", "name": "seq"}},
                  {"class_name": "Masking", "name": "mask_a", "inbound_nodes": [[["seq", 0, 0, {}]]],
                   "config": {"name": "mask_a", "trainable": true, "mask_value": 0.0}},
                  {"class_name": "Masking", "name": "mask_b", "inbound_nodes": [[["seq", 0, 0, {}]]],
                   "config": {"name": "mask_b", "trainable": true, "mask_value": 1.0}},
                  {"class_name": "Add", "name": "add", "inbound_nodes": [[["mask_a", 0, 0, {}], ["mask_b", 0, 0, {}]]],
                   "config": {"name": "add", "trainable": true}},
                  {"class_name": "GRU", "name": "gru", "inbound_nodes": [[["add", 0, 0, {}]]],
                   "config": {"name": "gru", "return_sequences": false, %s}}],
                 "input_layers": [["seq", 0, 0]], "output_layers": [["gru", 0, 0]]}}""".formatted(GRU_CONFIG);
        assertFailure(model, "'gru' (GRU)", "by a Add layer, of the masks of inputs masked by different layers");
    }

    /**
     * A GRU over each sentence of a document read from a 4-D model input is folded in time
     * (fixture {@code time_distributed_model}, {@code td_gru}, against Keras's numbers). Read from a
     * Permute of that input it used to be refused, kinspect then unable to tell that the Permute's
     * output was a sequence of sequences; a Permute is now a transpose in Keras's layout and a
     * TimeDistributed around a recurrent layer always reads a sequence of sequences, so the model is
     * understood: its import gets as far as the weights this configuration does not give, and says
     * that, not that it cannot fold the GRU.
     */
    @Test
    void timeDistributedGruOnAPermutedInputIsUnderstood() {
        String model = """
                {"class_name": "Model", "config": {"name": "m", "layers": [
                  {"class_name": "InputLayer", "name": "seq", "inbound_nodes": [],
                   "config": {"batch_input_shape": [null, 6, 4, 3], "dtype": "float32", "name": "seq"}},
                  {"class_name": "Permute", "name": "sentences", "inbound_nodes": [[["seq", 0, 0, {}]]],
                   "config": {"name": "sentences", "trainable": true, "dims": [2, 1, 3]}},
                  {"class_name": "TimeDistributed", "name": "td", "inbound_nodes": [[["sentences", 0, 0, {}]]],
                   "config": {"name": "td", "trainable": true,
                    "layer": {"class_name": "GRU", "config": {"name": "gru", "return_sequences": false, %s}}}}],
                 "input_layers": [["seq", 0, 0]], "output_layers": [["td", 0, 0]]}}""".formatted(GRU_CONFIG);
        assertFailure(model, "the file holds no weights for layer 'td' (TimeDistributed)", "3 weights");
    }

    private static void assertFailure(String configJson, String... expected) {
        KinspectException error = assertThrows(KinspectException.class,
                () -> new ConfiguredModel(configJson, "2.4.0", Map.of()));
        String message = error.getMessage();
        assertTrue(message.lines().count() == 1, "one line: " + message);
        for (String part : expected) {
            assertTrue(message.contains(part), "'" + part + "' in: " + message);
        }
        System.out.println(message);
    }
}
