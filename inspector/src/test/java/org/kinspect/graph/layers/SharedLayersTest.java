package org.kinspect.graph.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kinspect.ImportOptions;
import org.kinspect.InspectedModel;
import org.kinspect.custom.AffineLambda;
import org.kinspect.custom.CustomObjects;
import org.kinspect.inspect.KerasReference;
import org.kinspect.inspect.LayerComparison;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Layers called more than once (fixtures {@code shared_layers}, {@code shared_nested_model},
 * {@code shared_recurrent}, {@code shared_lambda} of {@code make_layer_fixtures.py}). Keras's reference records each
 * shared layer's first call ({@code LayerCoverageTest} checks those); the later calls,
 * {@code LAYER@1}..., are checked here against the parts of the model outputs Keras computed from
 * them.
 */
class SharedLayersTest {

    @ParameterizedTest
    @ValueSource(strings = {".keras", ".h5"})
    void everyCallOfASharedDenseIsItsOwnActivation(String extension) {
        InspectedModel model = InspectedModel.open(LayerCoverageTest.fixture("shared_layers" + extension));
        KerasReference reference = KerasReference.read(LayerCoverageTest.fixture("shared_layers_io.h5"));
        Map<String, INDArray> ours = model.activations(reference.inputs());
        INDArray joined = reference.activations().get("joined"); // [twice(twice(shared(left))), shared(right)]
        assertMatches("twice@1", ours, columns(joined, 0, 4));
        assertMatches("shared@1", ours, columns(joined, 4, 8));
        assertEquals(List.of("left", "shared", "twice", "twice@1", "right", "shared@1", "joined"), model.layerNames());
    }

    @ParameterizedTest
    @ValueSource(strings = {".keras", ".h5"})
    void aSharedLayerHasOneSetOfWeightsCountedOnce(String extension) {
        InspectedModel model = InspectedModel.open(LayerCoverageTest.fixture("shared_layers" + extension));
        assertEquals(List.of("kernel", "bias"), List.copyOf(model.weights("shared").keySet()));
        assertTrue(model.weights("shared@1").isEmpty(), "a later call lists no weights of its own");
        // The copy computes with the same numbers: its DL4J parameters are the layer's.
        assertEquals(model.graph().getVertex("shared").params(), model.graph().getVertex("shared@1").params());
        // Keras's count_params(): two Dense(4) on 4 features, 20 each.
        assertEquals(40, model.summary().totalParameters());
    }

    @ParameterizedTest
    @ValueSource(strings = {".keras", ".h5"})
    void aModelUsedAsALayerTwiceGivesBothCalls(String extension) {
        InspectedModel model = InspectedModel.open(LayerCoverageTest.fixture("shared_nested_model" + extension));
        KerasReference reference = KerasReference.read(LayerCoverageTest.fixture("shared_nested_model_io.h5"));
        Map<String, INDArray> ours = model.activations(reference.inputs());
        // difference = encoder(left) - encoder(right)
        INDArray secondCall = reference.activations().get("encoder").sub(reference.activations().get("difference"));
        assertMatches("encoder@1", ours, secondCall);
        assertTrue(model.layerNames().contains("encoder@1/enc_dense"), model.layerNames().toString());
    }

    /**
     * A Siamese model whose shared encoder is a Functional model with a skip connection
     * ({@code make_shared_functional.py}: Keras's numbers for both calls of the encoder).
     */
    @ParameterizedTest
    @ValueSource(strings = {".keras", ".h5"})
    void aFunctionalModelUsedAsALayerTwiceGivesKerasNumbers(String extension) {
        var compared = KerasReferenceCheck.everyLayerMatches(
                LayerCoverageTest.fixture("shared_functional_model" + extension),
                LayerCoverageTest.fixture("shared_functional_model_io.h5"), Map.of());
        assertTrue(compared.containsKey("encoder@1"), compared.keySet().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {".keras", ".h5"})
    void recurrentLayersCalledTwiceGiveEachCallWithItsStates(String extension) {
        InspectedModel model = InspectedModel.open(LayerCoverageTest.fixture("shared_recurrent" + extension));
        KerasReference reference = KerasReference.read(LayerCoverageTest.fixture("shared_recurrent_io.h5"));
        Map<String, INDArray> ours = model.activations(reference.inputs());
        INDArray joined = reference.activations().get("joined"); // [lstm(first), lstm(second), h(first), h(second)]
        assertMatches("shared_lstm@1", ours, columns(joined, 2, 4));
        assertMatches("shared_gru@1__1", ours, columns(joined, 7, 10));
        // sequences = gru(first) + gru(second)
        assertMatches("shared_gru@1", ours,
                reference.activations().get("sequences").sub(reference.activations().get("shared_gru")));
    }

    /**
     * The same model as Keras 2 writes it ({@code to_json()}: one inbound node per call, tensors
     * {@code [layer, node, index, {}]}), with the weights of the Keras 3 fixture: the same numbers.
     */
    @Test
    void aKeras2ConfigurationOfSharedLayersGivesKerasNumbers() {
        String dense = "\"units\": 4, \"use_bias\": true, \"trainable\": true, "
                + "\"kernel_initializer\": {\"class_name\": \"GlorotUniform\", \"config\": {\"seed\": null}}, "
                + "\"bias_initializer\": {\"class_name\": \"Zeros\", \"config\": {}}";
        String config = """
                {"class_name": "Functional", "config": {"name": "shared_layers", "layers": [
                  {"class_name": "InputLayer", "name": "left", "inbound_nodes": [],
                   "config": {"batch_input_shape": [null, 4], "dtype": "float32", "name": "left"}},
                  {"class_name": "Dense", "name": "shared",
                   "inbound_nodes": [[["left", 0, 0, {}]], [["right", 0, 0, {}]]],
                   "config": {"name": "shared", "activation": "tanh", %1$s}},
                  {"class_name": "Dense", "name": "twice",
                   "inbound_nodes": [[["shared", 0, 0, {}]], [["twice", 0, 0, {}]]],
                   "config": {"name": "twice", "activation": "linear", %1$s}},
                  {"class_name": "InputLayer", "name": "right", "inbound_nodes": [],
                   "config": {"batch_input_shape": [null, 4], "dtype": "float32", "name": "right"}},
                  {"class_name": "Concatenate", "name": "joined",
                   "inbound_nodes": [[["twice", 1, 0, {}], ["shared", 1, 0, {}]]],
                   "config": {"name": "joined", "trainable": true, "axis": -1}}],
                 "input_layers": [["left", 0, 0], ["right", 0, 0]], "output_layers": [["joined", 0, 0]]}}"""
                .formatted(dense);
        InspectedModel keras3 = InspectedModel.open(LayerCoverageTest.fixture("shared_layers.keras"));
        ConfiguredModel keras2 = new ConfiguredModel(config, "2.4.0",
                Map.of("shared", keras3.weights("shared"), "twice", keras3.weights("twice")));
        KerasReference reference = KerasReference.read(LayerCoverageTest.fixture("shared_layers_io.h5"));
        Map<String, INDArray> ours = keras2.activations(reference.inputs());
        for (String layer : List.of("shared", "twice", "joined")) {
            assertMatches(layer, ours, reference.activations().get(layer));
        }
        INDArray joined = reference.activations().get("joined");
        assertMatches("twice@1", ours, columns(joined, 0, 4));
        assertMatches("shared@1", ours, columns(joined, 4, 8));
    }

    /** A shared Lambda runs the Java replacement registered for it by name at every call. */
    @ParameterizedTest
    @ValueSource(strings = {".keras", ".h5"})
    void aSharedLambdaRunsItsReplacementAtEveryCall(String extension) {
        CustomObjects custom = CustomObjects.none().withLambda("affine", new AffineLambda(2, 1)); // x * 2 + 1
        InspectedModel model = InspectedModel.open(LayerCoverageTest.fixture("shared_lambda" + extension),
                ImportOptions.defaults().withCustomObjects(custom));
        KerasReference reference = KerasReference.read(LayerCoverageTest.fixture("shared_lambda_io.h5"));
        Map<String, INDArray> ours = model.activations(reference.inputs());
        INDArray joined = reference.activations().get("joined"); // [affine(left), affine(right)]
        assertMatches("affine", ours, reference.activations().get("affine"));
        assertMatches("affine@1", ours, columns(joined, 4, 8));
        assertMatches("joined", ours, joined);
    }

    private static INDArray columns(INDArray matrix, int from, int to) {
        return matrix.get(NDArrayIndex.all(), NDArrayIndex.interval(from, to)).dup();
    }

    private static void assertMatches(String layer, Map<String, INDArray> ours, INDArray keras) {
        assertTrue(ours.containsKey(layer), "no activation " + layer + " among " + new LinkedHashMap<>(ours).keySet());
        assertArrayEquals(keras.shape(), ours.get(layer).shape(), layer);
        LayerComparison comparison = LayerComparison.compare(layer, ours.get(layer), keras,
                KerasReferenceCheck.TOLERANCE);
        assertTrue(comparison.matches(), layer + ": max abs error " + comparison.maxAbsoluteError());
    }
}
