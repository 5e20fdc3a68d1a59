package org.kinspect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/** {@code kinspect verify} against Keras's own per-layer outputs from the corpus. */
class VerifyCommandTest {

    @Test
    void everyLayerMatchesKeras() {
        Kinspect.Result result = Kinspect.run("verify", TestFiles.model(TestFiles.SIMPLE_RNN).toString(),
                "--reference", TestFiles.reference(TestFiles.SIMPLE_RNN).toString());

        assertEquals(0, result.exitCode(), result.out() + result.err());
        List<String> lines = result.outLines();
        assertEquals(List.of("layer", "shape", "max abs error", "max rel error", "match"),
                List.of(lines.get(0).trim().split("\\s{2,}")));
        assertTrue(lines.get(2).startsWith("simple_rnn_1 ") && lines.get(2).endsWith("yes"), lines.get(2));
        assertTrue(lines.get(3).startsWith("dense_1 ") && lines.get(3).endsWith("yes"), lines.get(3));
        assertEquals("verify: 2/2 layers match", lines.get(lines.size() - 1));
    }

    @Test
    void keras1ModelWithConv1dAndWeightsOnlyFilesMatch() {
        Kinspect.Result keras1 = Kinspect.run("verify", TestFiles.model(TestFiles.KERAS_1_LSTM).toString(),
                "--reference", TestFiles.reference(TestFiles.KERAS_1_LSTM).toString(), "-q");
        assertEquals(0, keras1.exitCode(), keras1.out() + keras1.err());
        assertTrue(keras1.out().endsWith("verify: 2/2 layers match" + System.lineSeparator()), keras1.out());

        Kinspect.Result conv = Kinspect.run("verify", TestFiles.model(TestFiles.CONV1D).toString(),
                "--reference", TestFiles.reference(TestFiles.CONV1D).toString(), "-q");
        assertEquals(0, conv.exitCode(), conv.out() + conv.err());
        assertTrue(conv.out().contains("verify: 1/1 layers match"), conv.out());

        Kinspect.Result weights = Kinspect.run("verify", TestFiles.weights(TestFiles.SIMPLE_RNN).toString(),
                "--config", TestFiles.config(TestFiles.SIMPLE_RNN).toString(),
                "--reference", TestFiles.reference(TestFiles.SIMPLE_RNN).toString(), "-q");
        assertEquals(0, weights.exitCode(), weights.out() + weights.err());
        assertTrue(weights.out().contains("verify: 2/2 layers match"), weights.out());
    }

    @Test
    void toleranceZeroFailsWhereErrorsAreNotZero() {
        Kinspect.Result result = Kinspect.run("verify", TestFiles.model(TestFiles.SIMPLE_RNN).toString(),
                "--reference", TestFiles.reference(TestFiles.SIMPLE_RNN).toString(), "--tolerance", "0", "-q");

        assertEquals(ErrorReporter.VERIFY_MISMATCH, result.exitCode(), result.out() + result.err());
        assertEquals(1, VerifyCommand.MISMATCH);
        String dense = result.outLines().stream().filter(line -> line.startsWith("dense_1 ")).findFirst().orElseThrow();
        assertTrue(dense.endsWith("  no"), dense);
        assertTrue(dense.contains("e-0"), "the error is shown: " + dense);
        assertTrue(result.out().matches("(?s).*verify: [01]/2 layers match\\R"), result.out());
        assertEquals("", result.err(), "a mismatch is a result, not an error");
    }

    @Test
    void jsonGivesEveryComparison() throws IOException {
        Kinspect.Result result = Kinspect.run("verify", TestFiles.model(TestFiles.SIMPLE_RNN).toString(),
                "--reference", TestFiles.reference(TestFiles.SIMPLE_RNN).toString(), "--json");

        assertEquals(0, result.exitCode(), result.err());
        assertEquals("", result.err());
        JsonNode json = new ObjectMapper().readTree(result.out());
        assertEquals(2, json.get("compared").asInt());
        assertEquals(2, json.get("matching").asInt());
        JsonNode dense = json.get("layers").get(1);
        assertEquals("dense_1", dense.get("name").asText());
        assertEquals("[25,1]", dense.get("keras_shape").toString());
        assertTrue(dense.get("max_abs_error").asDouble() < 1e-5);
        assertTrue(dense.get("match").asBoolean());
    }
}
