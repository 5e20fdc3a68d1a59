package org.kinspect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kinspect.errors.KinspectException;
import org.kinspect.inspect.KerasReference;
import org.kinspect.inspect.LayerComparison;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The library's facade on real Keras files. */
class InspectedModelTest {
    static final String EXAMPLES = "dl4j-test-resources/modelimport/keras/examples/";

    @Test
    void recurrentLayerOutputsCanBeAskedForAgainAndAgain() {
        // DL4J's own output(List) breaks the graph after one call on an intermediate RNN layer.
        InspectedModel model = InspectedModel.open(example("simple_rnn/simple_rnn_tf_keras_2_model.h5"));
        KerasReference reference = KerasReference.read(example("simple_rnn/simple_rnn_tf_keras_2_inputs_and_outputs.h5"));
        INDArray input = reference.inputs().values().iterator().next();
        for (int call = 0; call < 3; call++) {
            INDArray rnn = model.activation("simple_rnn_1", Map.of(model.inputNames().get(0), input));
            assertTrue(LayerComparison.compare("simple_rnn_1", rnn, reference.activations().get("simple_rnn_1"), 1e-5)
                    .matches(), "call " + call);
        }
    }

    @Test
    void activationsAreKeyedByKerasNameInKerasOrderWithInputs() {
        InspectedModel model = InspectedModel.open(example("simple_rnn/simple_rnn_tf_keras_2_model.h5"));
        KerasReference reference = KerasReference.read(example("simple_rnn/simple_rnn_tf_keras_2_inputs_and_outputs.h5"));
        Map<String, INDArray> outputs = model.activations(reference.inputs().values().iterator().next());
        assertEquals(List.of("simple_rnn_1_input", "simple_rnn_1", "dense_1"), List.copyOf(outputs.keySet()));
        assertArrayEquals(new long[] {25, 1, 1}, outputs.get("simple_rnn_1_input").shape()); // (batch, time, features)
    }

    @Test
    void weightsComeByKerasNameInKerasShapes() {
        InspectedModel model = InspectedModel.open(example("simple_rnn/simple_rnn_tf_keras_2_model.h5"));
        Map<String, INDArray> weights = model.weights("simple_rnn_1");
        assertEquals(List.of("kernel", "recurrent_kernel", "bias"), List.copyOf(weights.keySet()));
        assertArrayEquals(new long[] {1, 50}, weights.get("kernel").shape());
        assertArrayEquals(new long[] {50, 50}, weights.get("recurrent_kernel").shape());
        assertTrue(model.weights("simple_rnn_1_input").isEmpty());
    }

    @Test
    void anUnknownLayerNameListsTheNearestOnes() {
        InspectedModel model = InspectedModel.open(example("simple_rnn/simple_rnn_tf_keras_2_model.h5"));
        KinspectException error = assertThrows(KinspectException.class, () -> model.weights("simple_rnn_2"));
        assertTrue(error.getMessage().contains("simple_rnn_1"), error.getMessage());
    }

    @Test
    void aWrongInputShapeSaysWhichShapeTheModelWants() {
        InspectedModel model = InspectedModel.open(example("simple_rnn/simple_rnn_tf_keras_2_model.h5"));
        KinspectException error = assertThrows(KinspectException.class,
                () -> model.activations(org.nd4j.linalg.factory.Nd4j.zeros(4, 3)));
        assertTrue(error.getMessage().contains("[4, 3]") && error.getMessage().contains("wants"), error.getMessage());
    }

    @Test
    void lstmModelsImportWithoutARandomInitialisationPass() {
        // DL4J's own importer spends minutes initialising these LSTMs orthogonally before overwriting them.
        for (String file : List.of("masking/masking_zero_lstm.h5", "masking/masking_two_lstm.h5")) {
            long start = System.nanoTime();
            InspectedModel model = InspectedModel.open(example(file));
            assertTrue(model.graph().numParams() > 0);
            System.out.printf("%s imported in %.1f s%n", file, (System.nanoTime() - start) / 1e9);
        }
    }

    @Test
    void theSummaryCountsParametersAsKerasDoes() {
        InspectedModel model = InspectedModel.open(example("simple_rnn/simple_rnn_tf_keras_2_model.h5"));
        var summary = model.summary();
        // SimpleRNN(50) on 1 feature: 1*50 + 50*50 + 50; Dense(1): 50 + 1.
        assertEquals(1 * 50 + 50 * 50 + 50 + 50 + 1, summary.totalParameters());
        assertEquals(summary.totalParameters(), summary.trainableParameters());
        assertEquals(java.util.Arrays.asList(null, 50L), summary.layers().get(1).outputShape());
        assertEquals(java.util.Arrays.asList(null, 1L, 1L), summary.layers().get(0).outputShape());
    }

    @Test
    void aTokenInputOfUnknownLengthImports() {
        // input_1 is batch_input_shape [None, None] (token ids for an Embedding): DL4J calls it
        // FeedForward(0), which is its unknown length, not a layer without features.
        InspectedModel model = InspectedModel.openConfig(example("seq2seq/model_seq2seq_5549.json"));
        float[][] tokens = new float[2][20]; // the Embedding's input_length is 20
        for (int i = 0; i < 20; i++) {
            tokens[0][i] = i % 7;
            tokens[1][i] = (3 * i) % 11;
        }
        Map<String, INDArray> outputs = model.activations(Map.of("input_1",
                org.nd4j.linalg.factory.Nd4j.createFromArray(tokens), "input_2", org.nd4j.linalg.factory.Nd4j.rand(2, 5, 4)));
        assertArrayEquals(new long[] {2, 600}, outputs.get("bidirectional_1").shape());
        assertArrayEquals(new long[] {2, 5, 600}, outputs.get("lstm_2").shape());
        assertArrayEquals(new long[] {2, 5, 4}, outputs.get("dense_1").shape());
    }

    @Test
    void aFlattenAsTheLastLayerGivesKerasFlatteningOfTheLayerBefore() {
        // DL4J's own importer cannot map a Flatten that no layer follows; Keras flattens the
        // (batch, h, w, channels) output in C order.
        InspectedModel model = InspectedModel.open(example("gans/wgan_discriminator.h5"));
        Map<String, INDArray> outputs = model.activations(org.nd4j.linalg.factory.Nd4j.rand(2, 28, 28, 1));
        List<String> names = List.copyOf(outputs.keySet());
        INDArray flattened = outputs.get(names.get(names.size() - 1));
        INDArray before = outputs.get(names.get(names.size() - 2));
        assertEquals("Flatten", model.spec().layer(names.get(names.size() - 1)).orElseThrow().className());
        assertEquals(before.dup('c').reshape('c', 2, -1), flattened);
    }

    static Path example(String relative) {
        return Corpus.root().resolve(EXAMPLES + relative);
    }
}
