package org.kinspect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/** Recurrent states in the command: where they start ({@code summary}) and where they end ({@code --layer}). */
class RecurrentStatesCommandTest {
    static final String SEQ2SEQ = "public-models/udnet96__lstm_seq2seq__s2s";

    @Test
    void theSummarySaysWhereEachRecurrentLayerStarts() {
        Kinspect.Result result = Kinspect.run("summary", file(SEQ2SEQ + ".h5").toString(), "-q");

        assertEquals(0, result.exitCode(), result.err());
        List<String> lines = result.outLines();
        int header = lines.indexOf("Initial states of the recurrent layers:");
        assertTrue(header > 0, result.out());
        assertEquals("  lstm_1: zeros (Keras default, not learned)", lines.get(header + 1));
        assertEquals("  lstm_2: h from layer lstm_1 (lstm_1__1), c from layer lstm_1 (lstm_1__2)", lines.get(header + 2));
    }

    @Test
    void theSummaryJsonGivesEachStatesOrigin() throws IOException {
        Kinspect.Result result = Kinspect.run("summary", file(SEQ2SEQ + ".h5").toString(), "--json", "-q");

        assertEquals(0, result.exitCode(), result.err());
        JsonNode decoder = new ObjectMapper().readTree(result.out()).get("initial_states").get(1);
        assertEquals("lstm_2", decoder.get("layer").asText());
        assertEquals("layer", decoder.get("states").get(1).get("from").asText());
        assertEquals("lstm_1__2", decoder.get("states").get(1).get("tensor").asText());
    }

    @Test
    void aRecurrentLayerAskedForByNameShowsItsFinalStates(@TempDir Path temp) {
        List<Path> inputs = TestFiles.writeInputs(file(SEQ2SEQ + "_io.h5"), temp);
        // lstm_2 returns its states in the model; dense_1 is not recurrent.
        Kinspect.Result result = Kinspect.run(file(SEQ2SEQ + ".h5").toString(), "--input", "input_1=" + inputs.get(0),
                "--input", "input_2=" + inputs.get(1), "--layer", "lstm_2", "--layer", "dense_1", "-q");

        assertEquals(0, result.exitCode(), result.err());
        // The table: a header line, a rule, then one row per layer.
        List<String> rows = result.outLines().stream().skip(2).map(line -> line.split("\\s{2,}")[0]).toList();
        assertEquals(List.of("lstm_2", "lstm_2__1", "lstm_2__2", "dense_1"), rows.subList(0, 4));
        assertTrue(result.out().contains("LSTM state c"), result.out());
    }

    @Test
    void aLayerBuiltWithoutReturnStateShowsItsFinalStatesWithStates(@TempDir Path temp) {
        String example = "dl4j-test-resources/modelimport/keras/examples/simple_rnn/simple_rnn_tf_keras_2";
        List<Path> inputs = TestFiles.writeInputs(file(example + "_inputs_and_outputs.h5"), temp);
        Kinspect.Result plain = Kinspect.run(file(example + "_model.h5").toString(), "--input",
                inputs.get(0).toString(), "--layer", "simple_rnn_1");
        assertEquals(0, plain.exitCode(), plain.err());
        assertFalse(plain.out().contains("simple_rnn_1__1"), "the model computes no states: " + plain.out());
        assertFalse(plain.err().contains("importing again"), plain.err());

        Kinspect.Result result = Kinspect.run(file(example + "_model.h5").toString(), "--input",
                inputs.get(0).toString(), "--layer", "simple_rnn_1", "--states", "-q");

        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("simple_rnn_1__1"), result.out());
        assertTrue(result.out().contains("SimpleRNN state h"), result.out());
    }

    private static Path file(String relative) {
        Path file = TestFiles.corpus().resolve(relative);
        Assumptions.assumeTrue(Files.isRegularFile(file), "no corpus file " + file);
        return file;
    }
}
