package org.kinspect.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.kinspect.Corpus;
import org.kinspect.InspectedModel;
import org.kinspect.ModelInternals;
import org.kinspect.array.NpyFile;
import org.kinspect.errors.KinspectException;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Running the graph only as far as some layers need gives exactly what the full run gives for them. */
class SelectedLayersTest {
    private static final Path SAMPLES = Path.of(System.getProperty("kinspect.samples", "../samples/models"));

    @Test
    void eachLayerAloneEqualsTheFullRun() {
        InspectedModel model = InspectedModel.open(sample("sine_lstm.keras"));
        Map<String, INDArray> inputs = Map.of("signal", NpyFile.read(sample("sine_lstm_input.npy")));
        Map<String, INDArray> all = model.activations(inputs);
        ActivationProbe probe = new ActivationProbe(ModelInternals.imported(model));
        for (String layer : model.layerNames()) {
            Map<String, INDArray> alone = probe.activations(inputs, List.of(layer));
            assertEquals(List.of(layer), List.copyOf(alone.keySet()));
            assertEquals(all.get(layer), alone.get(layer), layer);
            assertEquals(all.get(layer), model.activation(layer, inputs), layer);
        }
        Map<String, INDArray> two = probe.activations(inputs, List.of("dense_1", "lstm_1"));
        assertEquals(all.get("lstm_1"), two.get("lstm_1"));
        assertEquals(all.get("dense_1"), two.get("dense_1"));
    }

    /**
     * Every output alone, a layer's second returned state ({@code rnn_lstm__2}, without its
     * {@code __1}) too, equals the full run: extra outputs were once found only while the ones
     * before them had been computed.
     */
    @Test
    void eachExtraOutputAloneEqualsTheFullRun() throws Exception {
        Path file = Path.of(SelectedLayersTest.class.getResource("/cells/rnn_cell_states.keras").toURI());
        InspectedModel model = InspectedModel.open(file);
        Map<String, INDArray> inputs = KerasReference.read(file.resolveSibling("rnn_cell_states_io.h5")).inputs();
        Map<String, INDArray> all = model.activations(inputs);
        assertTrue(all.containsKey("rnn_lstm__2"), all.keySet().toString());
        for (String output : all.keySet()) {
            Map<String, INDArray> alone = model.activations(inputs, List.of(output));
            assertEquals(List.of(output), List.copyOf(alone.keySet()), output);
            assertEquals(all.get(output), alone.get(output), output);
        }
    }

    /**
     * Real models where one layer changes its input in place (an Activation after a Dense) or a
     * tensor feeds several layers: each layer alone, as streaming runs it (copies only where someone
     * else can see the array), equals the full run.
     */
    @Test
    void eachLayerAloneEqualsTheFullRunOnCorpusModels() {
        int checked = 0;
        for (Path reference : Corpus.files("dl4j-test-resources/modelimport/keras/examples", "_inputs_and_outputs.h5")) {
            Path modelFile = Path.of(reference.toString().replace("_inputs_and_outputs.h5", "_model.h5"));
            if (!Files.isRegularFile(modelFile) || checked >= 12) {
                continue;
            }
            InspectedModel model;
            Map<String, INDArray> inputs;
            try {
                model = InspectedModel.open(modelFile);
                inputs = KerasReference.read(reference).inputs();
            } catch (KinspectException unsupported) {
                continue; // what does not import is another test's business
            }
            Map<String, INDArray> all = model.activations(inputs);
            ActivationProbe probe = new ActivationProbe(ModelInternals.imported(model));
            for (String layer : all.keySet()) {
                assertEquals(all.get(layer), probe.activations(inputs, List.of(layer)).get(layer),
                        modelFile.getFileName() + " " + layer);
            }
            checked++;
        }
        Assumptions.assumeTrue(checked > 0, "no corpus model imported");
    }

    @Test
    void anUnknownLayerNamesTheNearestOnes() {
        InspectedModel model = InspectedModel.open(sample("sine_lstm.keras"));
        Map<String, INDArray> inputs = Map.of("signal", NpyFile.read(sample("sine_lstm_input.npy")));
        KinspectException problem = assertThrows(KinspectException.class,
                () -> new ActivationProbe(ModelInternals.imported(model)).activations(inputs, List.of("lstm1")));
        assertTrue(problem.getMessage().contains("lstm_1"), problem.getMessage());
    }

    private static Path sample(String name) {
        Path file = SAMPLES.resolve(name);
        Assumptions.assumeTrue(Files.isRegularFile(file), "no sample " + file);
        return file;
    }
}
