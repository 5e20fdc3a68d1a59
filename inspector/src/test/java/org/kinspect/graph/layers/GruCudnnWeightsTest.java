package org.kinspect.graph.layers;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kinspect.inspect.KerasReference;
import org.kinspect.inspect.LayerComparison;
import org.kinspect.weights.WeightNaming;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * CuDNNGRU, which only Keras 2 on a GPU wrote: the real Keras 3 GRU weights of the fixtures (tanh,
 * sigmoid, reset_after: CuDNN's GRU), turned into CuDNN's layout with Keras 2's own conversion
 * ({@code _convert_rnn_weights(..., from_cudnn=False)}), must give Keras's numbers again.
 */
class GruCudnnWeightsTest {
    private static final String CUDNN_GRU = """
            {"class_name": "CuDNNGRU", "name": "cudnn_gru", "inbound_nodes": [[["seq", 0, 0, {}]]],
             "config": {"name": "cudnn_gru", "trainable": true, "return_sequences": true, "return_state": false,
              "go_backwards": false, "stateful": false, "units": 4,
              "kernel_initializer": {"class_name": "VarianceScaling", "config": {"scale": 1.0, "mode": "fan_avg",
                "distribution": "uniform", "seed": null}},
              "recurrent_initializer": {"class_name": "Orthogonal", "config": {"gain": 1.0, "seed": null}},
              "bias_initializer": {"class_name": "Zeros", "config": {}},
              "kernel_regularizer": null, "recurrent_regularizer": null, "bias_regularizer": null,
              "activity_regularizer": null, "kernel_constraint": null, "recurrent_constraint": null,
              "bias_constraint": null}}""";

    @Test
    void cudnnGruWeightsGiveTheGruOutputs() {
        Map<String, INDArray> gru = weights("gru_stack", "gru_seq");
        var model = new ConfiguredModel(ConfiguredModel.keras2Model("seq", "[null, 6, 3]", CUDNN_GRU), "2.2.4",
                Map.of("cudnn_gru", toCudnn(gru, "")));
        KerasReference reference = KerasReference.read(GruKeras3FixturesTest.fixture("gru_stack_io.h5"));
        INDArray ours = model.activations("seq", reference.inputs().get("seq")).get("cudnn_gru");
        assertMatches(ours, reference.activations().get("gru_seq"));
    }

    @Test
    void bidirectionalCudnnGruWeightsGiveTheBidirectionalGruOutputs() {
        String bidirectional = """
                {"class_name": "Bidirectional", "name": "bidi", "inbound_nodes": [[["seq", 0, 0, {}]]],
                 "config": {"name": "bidi", "trainable": true, "merge_mode": "concat", "layer": %s}}"""
                .formatted(CUDNN_GRU.replace("\"units\": 4", "\"units\": 3"));
        Map<String, INDArray> both = weights("bidirectional_gru_concat", "bidi");
        Map<String, INDArray> cudnn = new LinkedHashMap<>(toCudnn(both, "forward_"));
        cudnn.putAll(toCudnn(both, "backward_"));
        var model = new ConfiguredModel(ConfiguredModel.keras2Model("seq", "[null, 6, 3]", bidirectional), "2.2.4",
                Map.of("bidi", cudnn));
        KerasReference reference = KerasReference.read(GruKeras3FixturesTest.fixture("bidirectional_gru_concat_io.h5"));
        INDArray ours = model.activations("seq", reference.inputs().get("seq")).get("bidi");
        assertMatches(ours, reference.activations().get("bidi"));
    }

    /** Keras 2's GRU(reset_after=True) to CuDNNGRU conversion, gate by gate. */
    private static Map<String, INDArray> toCudnn(Map<String, INDArray> keras, String prefix) {
        INDArray kernel = keras.get(prefix + "kernel");
        INDArray recurrent = keras.get(prefix + "recurrent_kernel");
        long units = recurrent.size(0);
        INDArray[] kernels = new INDArray[3];
        INDArray[] recurrents = new INDArray[3];
        for (int gate = 0; gate < 3; gate++) {
            INDArray k = kernel.get(all(), interval(gate * units, (gate + 1) * units));
            // kernel.T.reshape(kernel.shape, order='C')
            kernels[gate] = k.transpose().dup('c').reshape('c', k.size(0), k.size(1));
            recurrents[gate] = recurrent.get(all(), interval(gate * units, (gate + 1) * units)).transpose();
        }
        Map<String, INDArray> cudnn = new LinkedHashMap<>();
        cudnn.put(prefix + "kernel", Nd4j.hstack(kernels));
        cudnn.put(prefix + "recurrent_kernel", Nd4j.hstack(recurrents));
        cudnn.put(prefix + "bias", keras.get(prefix + "bias").dup('c').reshape(6 * units));
        return cudnn;
    }

    static Map<String, INDArray> weights(String fixture, String layer) {
        Map<String, INDArray> weights = new LinkedHashMap<>();
        WeightNaming.read(GruKeras3FixturesTest.fixture(fixture + ".h5")).weights().layer(layer).orElseThrow().tensors()
                .forEach(tensor -> weights.put(tensor.name(), tensor.values()));
        return weights;
    }

    static void assertMatches(INDArray ours, INDArray keras) {
        LayerComparison comparison = LayerComparison.compare("gru", ours, keras, KerasReferenceCheck.TOLERANCE);
        System.out.printf("max abs error %.1e%n", comparison.maxAbsoluteError());
        assertTrue(comparison.matches(), "max abs error " + comparison.maxAbsoluteError() + ", shapes "
                + java.util.Arrays.toString(comparison.ourShape()) + " / "
                + java.util.Arrays.toString(comparison.kerasShape()));
    }
}
