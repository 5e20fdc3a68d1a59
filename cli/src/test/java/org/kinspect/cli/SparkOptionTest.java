package org.kinspect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@code --spark} on the plain CLI, whose class path has no Spark module: one line saying how to get
 * it (exit 5), and the options the Spark runs do not take refused as usage errors (exit 2).
 */
class SparkOptionTest {
    private static final String MODEL = TestFiles.samples().resolve("sine_lstm.keras").toString();
    private static final String X = TestFiles.samples().resolve("sine_lstm_eval_x.npy").toString();
    private static final String Y = TestFiles.samples().resolve("sine_lstm_eval_y.npy").toString();

    @Test
    void withoutTheSparkModuleUnitsAndEvalSayHowToGetIt() {
        for (String[] arguments : new String[][] {
                {"units", MODEL, "--input", X, "--layer", "lstm_1", "--spark", "local[2]"},
                {"eval", MODEL, "--input", X, "--labels", Y, "--spark", "local[2]"}}) {
            Kinspect.Result result = Kinspect.run(arguments);
            String line = result.singleErrorLine();
            assertEquals(5, result.exitCode(), line);
            assertTrue(line.startsWith("kinspect: --spark needs the Spark module") && line.contains("mvn -pl inspector,cli,spark package"),
                    line);
        }
    }

    @Test
    void optionsTheSparkRunDoesNotTakeAreUsageErrors() {
        Kinspect.Result result = Kinspect.run("units", MODEL, "--input", X, "--layer", "lstm_1", "--gates",
                "--spark", "local[2]");
        assertEquals(2, result.exitCode(), result.err());
        assertTrue(result.err().contains("--spark does not take --out, --gates, --config, --plugin or --strict yet"), result.err());
    }
}
