package org.kinspect.graph.layers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.kinspect.inspect.LayerComparison;
import org.junit.jupiter.api.Test;
import org.kinspect.Corpus;

/**
 * Models published by other people, whose GRU and CuDNN layers DL4J cannot import, against the
 * per-layer numbers Keras computed for them ({@code public-models/README.md}).
 */
class GruPublicModelsTest {

    @Test
    void bidirectionalGruMatchesKerasLayerByLayer() {
        Map<String, LayerComparison> errors = check("Ruohan-Li__DeepLearningDSREstimation__bigru_model");
        assertTrue(errors.containsKey("bidirectional"), "the reference has the Bidirectional(GRU) layer: " + errors);
    }

    @Test
    void cudnnLstmMatchesKerasLayerByLayer() {
        Map<String, LayerComparison> errors = check("xingxiaoxuan__anomaly-detection__model_cool");
        assertTrue(errors.containsKey("cool_feature"), "the reference has the CuDNNLSTM layer: " + errors);
    }

    private static Map<String, LayerComparison> check(String name) {
        Path folder = Corpus.root().resolve("public-models");
        return KerasReferenceCheck.everyLayerMatches(folder.resolve(name + ".h5"), folder.resolve(name + "_io.h5"),
                Map.of());
    }
}
