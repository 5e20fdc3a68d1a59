package org.kinspect.gates;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.kinspect.graph.layers.KerasReferenceCheck;

/**
 * The gate fixtures' models import and give Keras's own numbers, layer by layer. (The gate tracer
 * found through them that a Keras 3 LSTM reading backwards computed Keras 2's hard_sigmoid.)
 */
class GateFixturesImportTest {
    private static final Map<String, Map<String, String>> KNOWN_DIFFERENCES = Map.of("masked_lstm", Map.of("embed",
            "DL4J's Embedding with mask_zero outputs zeros for index 0 (Keras: its embedding), so that the LSTM"
                    + " finds the padded steps"));

    @TestFactory
    Stream<DynamicTest> everyLayerOfEveryGateFixtureMatchesKeras() {
        return Stream.of("lstm", "lstm_backwards_hard_sigmoid", "gru", "gru_reset_before", "simple_rnn",
                "bidirectional_lstm", "masked_lstm", "lstm_initial_state").map(name -> DynamicTest.dynamicTest(name,
                () -> KerasReferenceCheck.everyLayerMatches(resource(name + ".keras"), resource(name + "_io.h5"),
                        KNOWN_DIFFERENCES.getOrDefault(name, Map.of()))));
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(GateFixturesImportTest.class.getResource("/gates/" + name).toURI());
    }
}
