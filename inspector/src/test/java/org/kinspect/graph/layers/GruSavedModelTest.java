package org.kinspect.graph.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.nio.file.Path;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kinspect.InspectedModel;
import org.kinspect.inspect.KerasReference;
import org.nd4j.linalg.api.ndarray.INDArray;

/** An imported GRU model is a DL4J model like any other: it is saved and restored by DL4J. */
class GruSavedModelTest {

    @Test
    void theConfigurationSurvivesJson() {
        ComputationGraph graph = InspectedModel.open(GruKeras3FixturesTest.fixture("bidirectional_gru_masking.keras"))
                .graph();
        String json = graph.getConfiguration().toJson();
        assertEquals(graph.getConfiguration(), ComputationGraphConfiguration.fromJson(json));
    }

    @Test
    void aSavedAndRestoredGraphGivesKerasNumbers(@TempDir Path folder) throws Exception {
        InspectedModel model = InspectedModel.open(GruKeras3FixturesTest.fixture("gru_activations.keras"));
        File saved = folder.resolve("gru.zip").toFile();
        ModelSerializer.writeModel(model.graph(), saved, false);
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(saved, false);
        KerasReference reference = KerasReference.read(GruKeras3FixturesTest.fixture("gru_activations_io.h5"));
        // The graph is DL4J's, (batch, time, features) like Keras's: no layout change on the way.
        INDArray input = reference.inputs().get("seq");
        INDArray[] outputs = restored.output(input);
        GruCudnnWeightsTest.assertMatches(outputs[0], reference.activations().get("gru_linear_no_bias"));
        Map<String, INDArray> ours = model.activations(input);
        GruCudnnWeightsTest.assertMatches(ours.get("gru_linear_no_bias"), outputs[0]);
    }
}
