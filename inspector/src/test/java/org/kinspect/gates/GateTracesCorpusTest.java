package org.kinspect.gates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.kinspect.Corpus;
import org.kinspect.InspectedModel;
import org.kinspect.ModelInternals;
import org.kinspect.config.RecurrentLayer;
import org.kinspect.inspect.KerasReference;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Gate traces of real Keras 1 and Keras 2 files (Keras 2's {@code hard_sigmoid}, Keras 1's field
 * names, a Bidirectional GRU, seq2seq decoders started from given states): every recurrent layer
 * traces and passes the check against the graph's output, and where Keras's reference holds the
 * layer's output, the traces' {@code h} is Keras's own output too.
 */
class GateTracesCorpusTest {
    private static final String EXAMPLES = "dl4j-test-resources/modelimport/keras/examples/";
    /** Model file, reference file, the recurrent layers it must trace. */
    private static final List<List<String>> MODELS = List.of(
            List.of(EXAMPLES + "simple_lstm/simple_lstm_tf_keras_1_model.h5",
                    EXAMPLES + "simple_lstm/simple_lstm_tf_keras_1_inputs_and_outputs.h5"),
            List.of(EXAMPLES + "simple_lstm/simple_lstm_tf_keras_2_model.h5",
                    EXAMPLES + "simple_lstm/simple_lstm_tf_keras_2_inputs_and_outputs.h5"),
            List.of(EXAMPLES + "simple_rnn/simple_rnn_tf_keras_2_model.h5",
                    EXAMPLES + "simple_rnn/simple_rnn_tf_keras_2_inputs_and_outputs.h5"),
            List.of("public-models/Ruohan-Li__DeepLearningDSREstimation__bigru_model.h5",
                    "public-models/Ruohan-Li__DeepLearningDSREstimation__bigru_model_io.h5"),
            List.of("public-models/udnet96__lstm_seq2seq__s2s.h5", "public-models/udnet96__lstm_seq2seq__s2s_io.h5"),
            List.of("public-models/aya0221__seq2seq_LSTM_Japanese__decoder_model.h5",
                    "public-models/aya0221__seq2seq_LSTM_Japanese__decoder_model_io.h5"),
            List.of("public-models/Eswarreddy12k__LSTM_Music_Generator__model.h5",
                    "public-models/Eswarreddy12k__LSTM_Music_Generator__model_io.h5"));

    @TestFactory
    Stream<DynamicTest> everyRecurrentLayerOfRealFilesTracesAndGivesKerasOutput() {
        Path root = Corpus.root();
        return MODELS.stream().map(pair -> DynamicTest.dynamicTest(Path.of(pair.get(0)).getFileName().toString(), () -> {
            Path model = root.resolve(pair.get(0));
            Path io = root.resolve(pair.get(1));
            org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(model) && Files.isRegularFile(io));
            InspectedModel inspected = InspectedModel.open(model);
            KerasReference reference = KerasReference.read(io);
            Map<String, INDArray> inputs = new LinkedHashMap<>();
            List<INDArray> given = new ArrayList<>(reference.inputs().values());
            for (int i = 0; i < inspected.inputNames().size(); i++) {
                String name = inspected.inputNames().get(i);
                inputs.put(name, reference.inputs().getOrDefault(name, given.get(i)));
            }
            List<RecurrentLayer> recurrent = RecurrentLayer.in(ModelInternals.spec(inspected));
            assertTrue(!recurrent.isEmpty(), model + " has no recurrent layer");
            for (RecurrentLayer layer : recurrent) {
                GateTraces traces = inspected.gates(inputs, layer.name()); // throws if h is not the graph's output
                INDArray keras = reference.activations().get(layer.name());
                if (keras != null && !layer.bidirectional() && layer.returnSequences()) {
                    INDArray h = traces.trace("h");
                    assertEquals(0.0, GateTracer.worstDifference(h.castTo(keras.dataType()), keras), 1e-5,
                            model.getFileName() + " " + layer.name());
                } else if (keras != null && !layer.bidirectional()) {
                    INDArray last = traces.trace("h").get(NDArrayIndex.all(), NDArrayIndex.point(traces.trace("h").size(1) - 1),
                            NDArrayIndex.all());
                    assertEquals(0.0, GateTracer.worstDifference(last.castTo(keras.dataType()), keras), 1e-5,
                            model.getFileName() + " " + layer.name());
                }
            }
        }));
    }

    /**
     * Keras 2.2 LSTMs behind a Masking layer (mask values 0 and 2), returning their last output, on
     * sequences padded at the end: the layer's output is Keras's own
     * ({@code make_keras2_masking_references.py}; DL4J's masking once reset the state instead), the
     * padded steps run no gates and keep the states, and the traces give that output.
     */
    @TestFactory
    Stream<DynamicTest> keras2MaskedLstmsKeepTheirStatesAtPaddedSteps() {
        Path root = Corpus.root();
        return Stream.of("masking_zero_lstm", "masking_two_lstm").map(name -> DynamicTest.dynamicTest(name, () -> {
            Path file = root.resolve(EXAMPLES + "masking/" + name + ".h5");
            org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(file));
            InspectedModel model = InspectedModel.open(file);
            KerasReference reference = KerasReference.read(Path.of(
                    GateTracesCorpusTest.class.getResource("/gates/" + name + "_keras2_io.h5").toURI()));
            INDArray x = reference.inputs().values().iterator().next();
            String lstm = RecurrentLayer.in(ModelInternals.spec(model)).get(0).name();
            Map<String, INDArray> inputs = Map.of(model.inputNames().get(0), x);
            INDArray keras = reference.activations().get(lstm);
            assertEquals(0.0, GateTracer.worstDifference(model.activation(lstm, inputs), keras), 1e-5, name);

            GateTraces traces = model.gates(inputs, lstm);
            int[] lengths = {10, 6, 3};
            for (int example = 0; example < lengths.length; example++) {
                int last = lengths[example] - 1;
                if (last < 9) {
                    assertTrue(Double.isNaN(traces.trace("f").getDouble(example, last + 1, 0)));
                }
                assertEquals(traces.trace("c").get(NDArrayIndex.point(example), NDArrayIndex.point(last),
                        NDArrayIndex.all()), traces.trace("c").get(NDArrayIndex.point(example), NDArrayIndex.point(9),
                        NDArrayIndex.all()), name + " example " + example);
            }
        }));
    }
}
