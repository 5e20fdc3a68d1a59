package org.kinspect.graph.layers;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kinspect.KinspectException;

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

    @Test
    void aMaskThatADenseLayerPassesOnIsNotGuessed() {
        String model = """
                {"class_name": "Model", "config": {"name": "m", "layers": [
                  {"class_name": "InputLayer", "name": "seq", "inbound_nodes": [],
                   "config": {"batch_input_shape": [null, 6, 3], "dtype": "float32", "name": "seq"}},
                  {"class_name": "Masking", "name": "mask", "inbound_nodes": [[["seq", 0, 0, {}]]],
                   "config": {"name": "mask", "trainable": true, "mask_value": 0.0}},
                  {"class_name": "Dense", "name": "dense", "inbound_nodes": [[["mask", 0, 0, {}]]],
                   "config": {"name": "dense", "trainable": true, "units": 3, "activation": "relu", "use_bias": true,
                    "kernel_initializer": {"class_name": "GlorotUniform", "config": {"seed": null}},
                    "bias_initializer": {"class_name": "Zeros", "config": {}}}},
                  {"class_name": "GRU", "name": "gru", "inbound_nodes": [[["dense", 0, 0, {}]]],
                   "config": {"name": "gru", "return_sequences": false, %s}}],
                 "input_layers": [["seq", 0, 0]], "output_layers": [["gru", 0, 0]]}}""".formatted(GRU_CONFIG);
        assertFailure(model, "'gru' (GRU)", "a Dense layer");
    }

    @Test
    void keras2PassesAMaskFromOneRecurrentLayerToTheNextWhichCannotBeRecomputed() {
        String model = """
                {"class_name": "Model", "config": {"name": "m", "layers": [
                  {"class_name": "InputLayer", "name": "seq", "inbound_nodes": [],
                   "config": {"batch_input_shape": [null, 6, 3], "dtype": "float32", "name": "seq"}},
                  {"class_name": "Masking", "name": "mask", "inbound_nodes": [[["seq", 0, 0, {}]]],
                   "config": {"name": "mask", "trainable": true, "mask_value": 0.0}},
                  {"class_name": "GRU", "name": "gru_1", "inbound_nodes": [[["mask", 0, 0, {}]]],
                   "config": {"name": "gru_1", "return_sequences": true, %1$s}},
                  {"class_name": "GRU", "name": "gru_2", "inbound_nodes": [[["gru_1", 0, 0, {}]]],
                   "config": {"name": "gru_2", "return_sequences": false, %1$s}}],
                 "input_layers": [["seq", 0, 0]], "output_layers": [["gru_2", 0, 0]]}}""".formatted(GRU_CONFIG);
        assertFailure(model, "'gru_2' (GRU)", "a GRU layer");
    }

    /**
     * A GRU over each sentence of a document read from a 4-D model input is folded in time
     * (fixture {@code time_distributed_model}, {@code td_gru}); one whose input kinspect cannot
     * tell is a sequence of sequences (here a Permute's output) is still refused, not run over the
     * wrong axis as DL4J would.
     */
    @Test
    void timeDistributedGruOnAnInputOfUnknownStepsSaysSo() {
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
        assertFailure(model, "'td' (TimeDistributed)", "TimeDistributed");
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
