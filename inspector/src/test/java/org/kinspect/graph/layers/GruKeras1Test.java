package org.kinspect.graph.layers;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kinspect.inspect.KerasReference;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras 1's GRU is Keras 2's with reset_after=False, under other names: {@code output_dim},
 * {@code inner_activation}, and weights W, U, b ({@code consume_less="gpu"}) or one array per gate,
 * W_z, W_r, W_h, U_z... (the default). The real Keras 3 weights of a reset_after=False GRU, renamed
 * so, must give Keras's numbers.
 */
class GruKeras1Test {

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "gpu"})
    void keras1GruGivesTheKerasNumbers(String consumeLess) {
        String gru = """
                {"class_name": "GRU", "name": "gru_1", "inbound_nodes": [[["seq", 0, 0]]],
                 "config": {"name": "gru_1", "trainable": true, "input_dim": 4, "input_length": null,
                  "output_dim": 3, "init": "glorot_uniform", "inner_init": "orthogonal", "activation": "tanh",
                  "inner_activation": "sigmoid", "W_regularizer": null, "U_regularizer": null,
                  "b_regularizer": null, "dropout_W": 0.0, "dropout_U": 0.0, "return_sequences": false,
                  "go_backwards": false, "stateful": false, "unroll": false, "consume_less": "%s"}}"""
                .formatted(consumeLess);
        String model = """
                {"class_name": "Model", "config": {"name": "m", "layers": [
                  {"class_name": "InputLayer", "name": "seq", "inbound_nodes": [],
                   "config": {"batch_input_shape": [null, 6, 4], "input_dtype": "float32", "sparse": false,
                    "name": "seq"}},
                  %s],
                 "input_layers": [["seq", 0, 0]], "output_layers": [["gru_1", 0, 0]]}}""".formatted(gru);
        Map<String, INDArray> keras2 = GruCudnnWeightsTest.weights("gru_stack", "gru_last");
        Map<String, INDArray> keras1 = consumeLess.equals("gpu") ? Map.of("W", keras2.get("kernel"),
                "U", keras2.get("recurrent_kernel"), "b", keras2.get("bias")) : perGate(keras2);
        var imported = new ConfiguredModel(model, "1.2.2", Map.of("gru_1", keras1));
        // The second GRU of the fixture reads the first one's output: give it that.
        KerasReference reference = KerasReference.read(GruKeras3FixturesTest.fixture("gru_stack_io.h5"));
        INDArray ours = imported.activations("seq", reference.activations().get("gru_seq")).get("gru_1");
        GruCudnnWeightsTest.assertMatches(ours, reference.activations().get("gru_last"));
    }

    private static Map<String, INDArray> perGate(Map<String, INDArray> keras2) {
        long units = keras2.get("recurrent_kernel").size(0);
        String[] gates = {"z", "r", "h"};
        Map<String, INDArray> keras1 = new LinkedHashMap<>();
        for (int gate = 0; gate < 3; gate++) {
            var columns = interval(gate * units, (gate + 1) * units);
            keras1.put("W_" + gates[gate], keras2.get("kernel").get(all(), columns).dup());
            keras1.put("U_" + gates[gate], keras2.get("recurrent_kernel").get(all(), columns).dup());
            keras1.put("b_" + gates[gate], keras2.get("bias").get(columns).dup());
        }
        return keras1;
    }
}
