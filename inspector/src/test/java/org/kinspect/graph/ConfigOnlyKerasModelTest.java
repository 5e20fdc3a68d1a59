package org.kinspect.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.deeplearning4j.nn.modelimport.keras.KerasLayer;
import org.deeplearning4j.nn.modelimport.keras.utils.KerasModelUtils;
import org.junit.jupiter.api.Test;
import org.kinspect.config.ConfigNormalizer;
import org.kinspect.config.ModelSpec;
import org.kinspect.custom.CustomObjects;
import org.kinspect.errors.KinspectException;
import org.kinspect.file.KerasFile;
import org.kinspect.file.ModelArchive;
import org.kinspect.file.StoredModel;
import org.kinspect.graph.base.ImportHints;
import org.kinspect.weights.WeightNaming;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * DL4J's model made from the description in memory is the one DL4J's constructor makes from the
 * description as JSON: the copy holds exactly the values and Java types DL4J's own parse of that JSON
 * gives (checked against {@code KerasModelUtils.parseJsonString}, DL4J's parser), and the layers,
 * graph configuration and output types made from it are the same, on a sample of real model files.
 */
class ConfigOnlyKerasModelTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path CORPUS = Path.of("../../shared/corpus/dl4j-test-resources/modelimport/keras");

    @Test
    void theCopyHasTheTypesDl4jsParseGives() throws IOException {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("rate", 0.1f);
        inner.put("epsilon", 1.0E-7f);
        inner.put("whole float", 3.0f);
        inner.put("double", 0.30000000000000004);
        inner.put("nan", Float.NaN);
        inner.put("infinite", Double.NEGATIVE_INFINITY);
        inner.put("small long", 5L);
        inner.put("large long", 3_000_000_000L);
        inner.put("short", (short) 7);
        inner.put("nothing", null);
        inner.put("flag", true);
        inner.put("shape", new ArrayList<>(List.of(1, 2L, List.of(0.5f, "x"))));
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("class_name", "Model");
        description.put("config", inner);
        assertSameAsParsedJson(description);
    }

    @Test
    void valuesJsonWouldTurnIntoSomethingElseAreNotCopied() {
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("shape", new int[] {1, 2});
        assertTrue(ParsedJsonCopy.of(description).isEmpty());
        description.put("shape", Map.of(1, 2));
        assertTrue(ParsedJsonCopy.of(description).isEmpty());
    }

    @Test
    void realModelsMapAsFromTheirJson() throws Exception {
        List<Path> files = sample();
        int compared = 0;
        for (Path file : files) {
            ImportRun run = runUpToTheMapping(file);
            if (run == null) {
                continue;
            }
            assertSameAsParsedJson(run.dl4jConfig);
            String json = JSON.writeValueAsString(run.dl4jConfig);
            ImportHints hints = run.hints.build();
            ConfigOnlyKerasModel fromJson;
            try {
                fromJson = ImportHints.during(hints,
                        () -> Dl4jRegistry.mapping(run.registrations, () -> new ConfigOnlyKerasModel(json)));
            } catch (Exception refused) {
                // DL4J refuses the layers from the JSON: it refuses them, in the same words, from memory.
                Exception fromMemory = assertThrows(Exception.class, () -> ImportHints.during(hints,
                        () -> Dl4jRegistry.mapping(run.registrations, () -> ConfigOnlyKerasModel.of(run.dl4jConfig))));
                assertEquals(refused.getClass(), fromMemory.getClass(), file.toString());
                assertEquals(refused.getMessage(), fromMemory.getMessage(), file.toString());
                continue;
            }
            ConfigOnlyKerasModel fromMemory = ImportHints.during(hints,
                    () -> Dl4jRegistry.mapping(run.registrations, () -> ConfigOnlyKerasModel.of(run.dl4jConfig)));
            assertEquals(JSON.writeValueAsString(run.dl4jConfig), json, file + ": the description was changed");
            assertEquals(names(fromJson.getLayersOrdered()), names(fromMemory.getLayersOrdered()), file.toString());
            assertEquals(fromJson.getInputLayerNames(), fromMemory.getInputLayerNames(), file.toString());
            assertEquals(fromJson.getOutputLayerNames(), fromMemory.getOutputLayerNames(), file.toString());
            assertEquals(fromJson.getKerasMajorVersion(), fromMemory.getKerasMajorVersion(), file.toString());
            assertEquals(fromJson.getKerasBackend(), fromMemory.getKerasBackend(), file.toString());
            assertEquals(fromJson.getOutputTypes(), fromMemory.getOutputTypes(), file.toString());
            assertEquals(withoutSeeds(fromJson.getComputationGraphConfiguration().toJson()),
                    withoutSeeds(fromMemory.getComputationGraphConfiguration().toJson()), file.toString());
            compared++;
        }
        assertTrue(compared >= 20, "only " + compared + " of " + files.size() + " files reached DL4J's mapping");
    }

    private static void assertSameAsParsedJson(Map<String, Object> description) throws IOException {
        Map<String, Object> parsed = KerasModelUtils.parseJsonString(JSON.writeValueAsString(description));
        assertSameTypedValue(parsed, ParsedJsonCopy.of(description).orElseThrow(), "");
    }

    /** Equal values of the same classes all the way down (1 and 1L are not the same to DL4J's mappers). */
    private static void assertSameTypedValue(Object expected, Object actual, String where) {
        assertEquals(expected == null ? null : expected.getClass(), actual == null ? null : actual.getClass(), where);
        if (expected instanceof Map<?, ?> map) {
            Map<?, ?> other = (Map<?, ?>) actual;
            assertEquals(map.keySet(), other.keySet(), where);
            map.forEach((key, value) -> assertSameTypedValue(value, other.get(key), where + "/" + key));
        } else if (expected instanceof List<?> list) {
            List<?> other = (List<?>) actual;
            assertEquals(list.size(), other.size(), where);
            for (int i = 0; i < list.size(); i++) {
                assertSameTypedValue(list.get(i), other.get(i), where + "[" + i + "]");
            }
        } else {
            assertEquals(expected, actual, where);
        }
    }

    /** DL4J seeds each configuration from the clock (the import's step "fixed seeds" sets them to 0 after). */
    private static String withoutSeeds(String configurationJson) {
        return configurationJson.replaceAll("\"seed\" : -?[0-9]+", "\"seed\" : 0");
    }

    private static List<String> names(List<KerasLayer> layers) {
        return layers.stream().map(layer -> layer.getClass().getName() + " " + layer.getLayerName()).toList();
    }

    /** The steps before DL4J's mapping, or null when the file is refused before it (not a model, a refused layer). */
    private static ImportRun runUpToTheMapping(Path file) {
        try {
            StoredModel stored = KerasFile.open(file);
            ModelSpec spec = ConfigNormalizer.normalize(stored.modelConfigJson(), stored.kerasVersion(),
                    stored.backend(), stored.format(), file.toString());
            ModelArchive archive = WeightNaming.name(stored);
            ImportRun run = new ImportRun(spec, archive.weights(), file.toString(), CustomObjects.none());
            for (ImportStep step : ImportPipeline.STEPS) {
                if (step.phase() != ImportStep.Phase.BEFORE_DL4J) {
                    return run;
                }
                ImportPipeline.apply(step, run);
            }
            return run;
        } catch (KinspectException e) {
            return null;
        }
    }

    /** Every 8th model file of the test resources, and the benchmark's small corpus models when the corpus is here. */
    private static List<Path> sample() throws IOException, URISyntaxException {
        Path resources = Path.of(ConfigOnlyKerasModelTest.class.getResource("/").toURI());
        List<Path> files = new ArrayList<>();
        try (Stream<Path> all = Files.walk(resources)) {
            List<Path> models = all.filter(path -> path.toString().endsWith(".keras") || path.toString().endsWith(".h5"))
                    .filter(path -> !path.getFileName().toString().endsWith("_io.h5"))
                    .sorted().toList();
            for (int i = 0; i < models.size(); i += 8) {
                files.add(models.get(i));
            }
        }
        for (String name : List.of("tfkeras/some_loss.h5", "examples/12net.h5", "weights/issue_9560.h5")) {
            if (Files.isRegularFile(CORPUS.resolve(name))) {
                files.add(CORPUS.resolve(name));
            }
        }
        return files;
    }
}
