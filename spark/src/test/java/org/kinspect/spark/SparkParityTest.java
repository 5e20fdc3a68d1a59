package org.kinspect.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kinspect.cli.KinspectCommand;

/**
 * {@code kinspect units} and {@code eval} with {@code --spark local[2]} over .npy shards cut into
 * five partitions give the same JSON as the commands alone over the whole files: every count, top
 * list, confusion cell and disagreement exactly, moments and calibration sums to 1e-6 relative.
 * Also with a task that dies midway and is retried.
 */
class SparkParityTest {
    /** Fields whose value is a sum or mean of doubles: equal to one pass up to rounding. */
    private static final Set<String> ROUNDED = Set.of("mean", "std", "brier", "log_loss", "expected_error",
            "maximum_error", "mean_probability");
    /** Fields that are the time the run took. */
    private static final Set<String> TIMING = Set.of("seconds", "examples_per_second");

    @TempDir
    static Path folder;
    static ShardedSamples samples;

    @BeforeAll
    static void writeSamples() throws Exception {
        samples = ShardedSamples.write(folder);
        // 300 rows a partition, rounded up to 320 (five batches of 64): five partitions across shard bounds.
        System.setProperty(KinspectSpark.PARTITION_ROWS, "300");
    }

    @AfterAll
    static void clearSettings() {
        System.clearProperty(KinspectSpark.PARTITION_ROWS);
        System.clearProperty(InjectedFaults.FAIL_PARTITION);
    }

    @Test
    void unitsOnSparkEqualsUnitsAlone() throws Exception {
        List<String> common = List.of("units", ShardedSamples.MODEL.toString(), "--layer", "lstm_1", "--top", "7",
                "--batch", "64", "--json");
        JsonNode alone = json(run(common, "--input", samples.x.toString()));
        JsonNode spark = json(run(common, "--input", samples.shards.resolve("x").toString(), "--spark", "local[2]"));
        assertEquals(ShardedSamples.EXAMPLES, spark.get("examples").asLong());
        assertSame("", alone, spark);
        // The duplicated examples make real ties: some unit's top list holds an example and its copy 300 later.
        boolean tied = false;
        for (JsonNode unit : spark.get("units")) {
            JsonNode top = unit.get("top");
            tied |= top.get(0).get("value").asDouble() == top.get(1).get("value").asDouble()
                    && top.get(1).get("index").asLong() - top.get(0).get("index").asLong() == 300;
        }
        assertTrue(tied, "the samples should tie across partitions");
    }

    @Test
    void evalOnSparkEqualsEvalAlone() throws Exception {
        List<String> common = List.of("eval", ShardedSamples.MODEL.toString(), "--batch", "64", "--json");
        JsonNode alone = json(run(common, "--input", samples.x.toString(), "--labels", samples.y.toString(),
                "--reference", samples.reference.toString()));
        JsonNode spark = json(run(common, "--input", samples.shards.resolve("x").toString(), "--labels",
                samples.shards.resolve("y").toString(), "--reference", samples.shards.resolve("pred").toString(),
                "--spark", "local[2]"));
        ((com.fasterxml.jackson.databind.node.ObjectNode) alone.get("reference")).remove("file");
        ((com.fasterxml.jackson.databind.node.ObjectNode) spark.get("reference")).remove("file");
        assertSame("", alone, spark);
        assertTrue(spark.get("reference").get("disagreements").size() > 0, "the scaled copies should disagree somewhere");
    }

    @Test
    void aTaskThatDiesMidwayIsRetriedAndTheAnswerStaysExact() throws Exception {
        List<String> common = List.of("units", ShardedSamples.MODEL.toString(), "--layer", "dense_1", "--top", "5",
                "--batch", "64", "--json");
        JsonNode alone = json(run(common, "--input", samples.x.toString()));
        System.setProperty(InjectedFaults.FAIL_PARTITION, "3");
        try {
            // local[2,3]: two threads, a task may fail up to three times.
            JsonNode spark = json(run(common, "--input", samples.shards.resolve("x").toString(), "--spark", "local[2,3]"));
            assertSame("", alone, spark);
        } finally {
            System.clearProperty(InjectedFaults.FAIL_PARTITION);
        }
    }

    static String run(List<String> common, String... more) {
        List<String> arguments = new ArrayList<>(common);
        arguments.addAll(List.of(more));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = KinspectCommand.run(arguments.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
        assertEquals(0, exit, "kinspect " + String.join(" ", arguments) + "\nstderr: " + err);
        return out.toString();
    }

    static JsonNode json(String text) throws Exception {
        return new ObjectMapper().readTree(text);
    }

    /** Equal trees: exact but for the rounded fields (1e-6 relative) and the timings (skipped). */
    static void assertSame(String where, JsonNode expected, JsonNode actual) {
        if (expected.isObject()) {
            assertTrue(actual.isObject(), where);
            List<String> names = new ArrayList<>();
            expected.fieldNames().forEachRemaining(names::add);
            List<String> actualNames = new ArrayList<>();
            actual.fieldNames().forEachRemaining(actualNames::add);
            assertEquals(names, actualNames, where);
            for (Iterator<Map.Entry<String, JsonNode>> fields = expected.fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> field = fields.next();
                String name = field.getKey();
                if (TIMING.contains(name)) {
                    continue;
                }
                JsonNode other = actual.get(name);
                if (ROUNDED.contains(name) && field.getValue().isNumber()) {
                    double want = field.getValue().asDouble();
                    assertEquals(want, other.asDouble(), 1e-6 * Math.max(Math.abs(want), 1e-12), where + "." + name);
                } else {
                    assertSame(where + "." + name, field.getValue(), other);
                }
            }
        } else if (expected.isArray()) {
            assertEquals(expected.size(), actual.size(), where);
            for (int i = 0; i < expected.size(); i++) {
                assertSame(where + "[" + i + "]", expected.get(i), actual.get(i));
            }
        } else {
            assertEquals(expected, actual, where);
        }
    }
}
