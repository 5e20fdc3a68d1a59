package org.kinspect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * {@code kinspect memory} on issue 8's worked example (a configuration alone, written by Keras 3)
 * and on corpus models with weights. Expected numbers are worked out by hand in the comments.
 */
class MemoryCommandTest {

    @Test
    void tableShowsEveryLayerAndTheTotalsInDecimalUnits() {
        Kinspect.Result result = Kinspect.run("memory", workedExample().toString(), "-q");

        assertEquals(0, result.exitCode(), result.err());
        List<String> lines = result.outLines();
        String out = result.out();
        assertTrue(out.contains("1 KB = 1000 bytes"), out);
        int header = lines.indexOf(lines.stream().filter(line -> line.startsWith("layer ")).findFirst().orElseThrow());
        assertEquals(List.of("layer", "class", "output shape", "values/example", "activations", "working (train)",
                        "parameters", "note"),
                List.of(lines.get(header).trim().split("\\s{2,}")));
        // conv2d: 50*50*32 = 80,000 values an image; * 64 * 4 bytes = 20,480,000 B = 20.48 MB;
        // its im2col array in training, twice 3 * 50*50 * 3*3 = 135,000 values an image, and the
        // dropout copy of its input, 7,500: 142,500 * 64 * 4 = 36,480,000 B;
        // 3*3*3*32 + 32 = 896 parameters.
        assertTrue(lines.get(header + 3).matches("conv2d +Conv2D +\\(None, 50, 50, 32\\) +80,000 +20\\.48 MB +36\\.48 MB +896"),
                lines.get(header + 3));
        assertTrue(lines.get(header + 7).matches("flatten +Flatten +\\(None, 9216\\) +9,216 +2\\.36 MB +- +0 +shares "
                + "max_pooling2d_1's memory"), lines.get(header + 7));
        // Inference: (80,000 + 20,000) * 64 * 4 = 25,600,000 B at the peak + 4,632,902 * 4 = 18,531,608 B
        // + conv2d_1's im2col array, 32 * 25*25 * 3*3 * 64 * 4 = 46,080,000 B.
        assertTrue(out.contains("Inference: 90.21 MB"), out);
        assertTrue(out.lines().anyMatch(line -> line.matches(" +working memory +46\\.08 MB +conv2d_1's im2col array.*")), out);
        // Training with Adam: 40,249,856 + 38,329,856 + 4 * 18,531,608 + conv2d_1's im2col array twice
        // and its input's dropout copy, (2 * 180,000 + 20,000) * 64 * 4 = 97,280,000: 249,986,144 B.
        assertTrue(out.contains("Training with adam: 249.99 MB"), out);
        assertTrue(out.lines().anyMatch(line -> line.matches(" +working memory +97\\.28 MB +conv2d_1's im2col array.*")), out);
        assertTrue(out.contains("DL4J's own estimate"), out);
        assertTrue(out.contains("Where they differ:"), out);
        List<String> explanation = lines.subList(lines.indexOf("Where they differ:"), lines.size());
        assertTrue(explanation.size() > 4 && explanation.stream().allMatch(line -> line.length() <= 100),
                "the explanation should be wrapped for a terminal: " + explanation);
    }

    @Test
    void jsonHasTheIssuesKeysAndNumbers() throws IOException {
        Kinspect.Result result = Kinspect.run("memory", workedExample().toString(), "--json");

        assertEquals(0, result.exitCode(), result.err());
        assertEquals("", result.err());
        JsonNode json = new ObjectMapper().readTree(result.out());
        assertEquals(64, json.get("batch").asInt());
        assertEquals(4, json.get("dtype_bytes").asInt());
        JsonNode conv = json.get("layers").get(1);
        for (String key : List.of("name", "class", "output_shape", "values_per_example", "activation_bytes", "parameters")) {
            assertTrue(conv.has(key), key + " missing in " + conv);
        }
        assertEquals("conv2d", conv.get("name").asText());
        assertEquals("Conv2D", conv.get("class").asText());
        assertEquals("[50,50,32]", conv.get("output_shape").toString());
        assertEquals(80_000, conv.get("values_per_example").asLong());
        assertEquals(20_480_000, conv.get("activation_bytes").asLong());
        assertEquals(896, conv.get("parameters").asLong());
        assertEquals(90_211_608, json.get("inference_bytes").asLong());
        assertEquals(249_986_144, json.get("training_bytes").asLong());
        // Each part of the totals has a key; conv2d's im2col array: 3 * 50*50 * 3*3 values an image,
        // twice in training and the dropout copy of its 7,500 input values.
        assertEquals(67_500L * 64 * 4, conv.get("inference_working_bytes").asLong());
        assertEquals((2 * 67_500L + 7_500) * 64 * 4, conv.get("training_working_bytes").asLong());
        assertTrue(conv.get("working_memory").asText().startsWith("im2col array"), conv.toString());
        assertEquals(46_080_000, json.get("inference").get("working_bytes").asLong());
        assertEquals("conv2d_1", json.get("inference").get("working_layer").asText());
        assertEquals(97_280_000, json.get("training").get("working_bytes").asLong());
        assertTrue(json.get("dl4j").get("available").asBoolean(), json.get("dl4j").toString());
    }

    @Test
    void batchOptimizerAndDtypeAreHonoured() throws IOException {
        Kinspect.Result result = Kinspect.run("memory", workedExample().toString(), "--json",
                "--batch", "1", "--optimizer", "sgd", "--dtype", "float16");

        assertEquals(0, result.exitCode(), result.err());
        JsonNode json = new ObjectMapper().readTree(result.out());
        assertEquals(2, json.get("dtype_bytes").asInt());
        // One image, 2 bytes a value: peak (80,000 + 20,000) * 2 = 200,000 + parameters 4,632,902 * 2
        // = 9,265,804 + conv2d_1's im2col array 180,000 * 2 = 360,000: 9,825,804.
        assertEquals(9_825_804, json.get("inference_bytes").asLong());
        // Values an image: 7,500 + 80,000 + 20,000 + 40,000 + 9,216 + 500 + 10 = 157,226, * 2 = 314,452 B;
        // gradients (157,226 - 7,500) * 2 = 299,452; parameters and their gradients 2 * 9,265,804;
        // SGD keeps nothing; conv2d_1's im2col array twice and its input's dropout copy,
        // (2 * 180,000 + 20,000) * 2 = 760,000: 19,145,512 + 760,000 = 19,905,512.
        assertEquals(19_905_512, json.get("training_bytes").asLong());
        assertEquals(0, json.get("training").get("optimizer_state_bytes").asLong());
    }

    @Test
    void aCorpusModelWithWeightsAndItsWeightsOnlyFilePlanTheSame() throws IOException {
        Kinspect.Result full = Kinspect.run("memory", TestFiles.model(TestFiles.SIMPLE_RNN).toString(), "--json");
        Kinspect.Result split = Kinspect.run("memory", TestFiles.weights(TestFiles.SIMPLE_RNN).toString(),
                "--config", TestFiles.config(TestFiles.SIMPLE_RNN).toString(), "--json");

        assertEquals(0, full.exitCode(), full.err());
        assertEquals(0, split.exitCode(), split.err());
        JsonNode json = new ObjectMapper().readTree(full.out());
        // SimpleRNN(50) on 1 feature: 1*50 + 50*50 + 50 = 2,600; Dense(1): 51.
        assertEquals(2_651, json.get("parameters").asLong());
        JsonNode other = new ObjectMapper().readTree(split.out());
        assertEquals(json.get("inference_bytes"), other.get("inference_bytes"));
        assertEquals(json.get("training_bytes"), other.get("training_bytes"));
    }

    @Test
    void wrongOptionValuesAreUsageErrorsNamingTheRightOnes() {
        Kinspect.Result optimizer = Kinspect.run("memory", workedExample().toString(), "--optimizer", "adamw");
        assertEquals(ErrorReporter.USAGE_ERROR, optimizer.exitCode());
        assertTrue(optimizer.err().contains("give one of sgd, momentum, adam, adagrad, rmsprop"), optimizer.err());

        Kinspect.Result batch = Kinspect.run("memory", workedExample().toString(), "--batch", "0");
        assertEquals(ErrorReporter.USAGE_ERROR, batch.exitCode());
        assertTrue(batch.err().contains("--batch must be at least 1"), batch.err());
    }

    @Test
    void aConfigurationGivenToTheInspectCommandSaysItHasNoWeights() {
        String line = Kinspect.run("summary", workedExample().toString()).singleErrorLine();
        assertTrue(line.contains("without weights"), line);
    }

    private static Path workedExample() {
        Path file = Path.of("../inspector/src/test/resources/memory/worked_example.json").toAbsolutePath().normalize();
        Assumptions.assumeTrue(Files.isRegularFile(file), "no fixture " + file);
        return file;
    }

    /**
     * Input((None, None, 3)): the open sizes are None (never 0 or negative), the message names the
     * input and the option that fills it; with --input-shape the totals are complete (see
     * OpenSizesTest in the library for the numbers).
     */
    @Test
    void openImageSizesAreNamedAndFilledByInputShape() throws IOException {
        Path model = shapesFixture("open_image_size.keras");
        Kinspect.Result open = Kinspect.run("memory", model.toString(), "-q");
        assertEquals(0, open.exitCode(), open.err());
        assertTrue(open.out().contains("(None, None, None, 4)"), open.out());
        assertTrue(open.out().contains("--input-shape image=N,N,3"), open.out());
        assertTrue(!open.out().contains(", 0,") && !open.out().contains(", -"), "no size 0 or negative: " + open.out());

        Kinspect.Result given = Kinspect.run("memory", model.toString(), "--input-shape", "image=32,32,3", "--json");
        assertEquals(0, given.exitCode(), given.err());
        JsonNode json = new ObjectMapper().readTree(given.out());
        assertTrue(json.get("complete").asBoolean(), given.out());
        assertEquals("[15,15,6]", json.get("layers").get(3).get("output_shape").toString());

        Kinspect.Result wrong = Kinspect.run("memory", model.toString(), "--input-shape", "image=32,x,3");
        assertEquals(2, wrong.exitCode(), wrong.err());
        assertTrue(wrong.err().contains("--input-shape image=32,x,3"), wrong.err());
        Kinspect.Result unfit = Kinspect.run("memory", model.toString(), "--input-shape", "image=32,32,4");
        assertEquals(4, unfit.exitCode(), unfit.err());
    }

    private static Path shapesFixture(String name) {
        Path file = Path.of("../inspector/src/test/resources/shapes/" + name).toAbsolutePath().normalize();
        Assumptions.assumeTrue(Files.isRegularFile(file), "no fixture " + file);
        return file;
    }
}
