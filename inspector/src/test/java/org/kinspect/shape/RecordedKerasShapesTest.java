package org.kinspect.shape;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.kinspect.config.ConfigNormalizer;
import org.kinspect.config.ModelSpec;
import org.kinspect.errors.KinspectException;
import org.kinspect.file.ModelArchive;
import org.kinspect.graph.layers.KerasReferenceCheck;
import org.kinspect.weights.WeightNaming;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * The shape model agrees with Keras's own symbolic output shapes ({@code layer.output.shape} of
 * every call of every layer) on every committed Keras 3 fixture, read as {@code .keras} and as
 * Keras 3 {@code .h5}; Keras's shapes are recorded in each fixture folder's
 * {@code keras_shapes.json} by {@code src/test/resources/shapes/record_keras_shapes.py}.
 */
class RecordedKerasShapesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Keras's symbolic shapes that are not the shapes of the arrays Keras computes (the arrays'
     * shapes are checked by {@link ReferenceActivationShapesTest}): MultiHeadAttention's
     * {@code compute_output_spec} sizes its scores {@code (batch, heads, Tq, Tq)}
     * (keras/src/layers/attention/multi_head_attention.py, "length = query.shape[1]"), where its
     * call returns {@code (batch, heads, Tq, Tv)}: every MultiHeadAttention's scores ({@code LAYER__1}).
     */
    private static boolean kerasSymbolicShapeBug(ModelSpec spec, String output) {
        return output.endsWith("__1") && spec.layer(output.substring(0, output.length() - 3))
                .map(layer -> layer.className().equals("MultiHeadAttention")).orElse(false);
    }

    @TestFactory
    Stream<DynamicTest> shapeModelAgreesWithKeras() throws IOException {
        Path resources = KerasReferenceCheck.resource("/shapes/record_keras_shapes.py").getParent().getParent();
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> folders = Files.list(resources)) {
            for (Path recorded : folders.map(folder -> folder.resolve("keras_shapes.json")).filter(Files::exists)
                    .sorted().toList()) {
                Map<String, Object> byModel = read(recorded);
                for (var model : byModel.entrySet()) {
                    if (model.getKey().startsWith("_")) continue; // models Keras could not load
                    for (String extension : List.of(".keras", ".h5")) {
                        Path file = recorded.resolveSibling(model.getKey() + extension);
                        if (!Files.exists(file)) continue;
                        @SuppressWarnings("unchecked")
                        Map<String, List<Object>> expected = (Map<String, List<Object>>) model.getValue();
                        tests.add(DynamicTest.dynamicTest(recorded.getParent().getFileName() + "/" + file.getFileName(),
                                () -> agrees(file, expected)));
                    }
                }
            }
        }
        assertTrue(tests.size() > 100, "only " + tests.size() + " fixtures with recorded shapes");
        return tests.stream();
    }

    private static void agrees(Path file, Map<String, List<Object>> expected) {
        ModelArchive archive = WeightNaming.read(file);
        ModelSpec spec;
        try {
            spec = ConfigNormalizer.normalize(archive.modelConfigJson(), archive.kerasVersion(), archive.backend(),
                    archive.format(), file.toString());
        } catch (KinspectException refused) {
            System.out.println(file.getFileName() + ": not compared, kinspect refuses its configuration: "
                    + refused.getMessage());
            return;
        }
        ShapeModel shapes = ShapeModel.of(spec);
        List<String> differences = new ArrayList<>();
        for (var output : expected.entrySet()) {
            String name = output.getKey();
            KerasShape keras = new KerasShape(output.getValue().stream()
                    .map(size -> size == null ? null : ((Number) size).longValue()).toList());
            boolean inModel = spec.layer(name.replaceFirst("__\\d+$", "")).isPresent();
            var ours = shapes.shape(name);
            if (!inModel) {
                continue; // a layer kinspect rewrites away (an RNN's cell wrapper keeps its name; none else)
            }
            if (kerasSymbolicShapeBug(spec, name)) {
                continue;
            }
            String why = shapes.unknownLayers().getOrDefault(name.replaceFirst("__\\d+$", ""), "");
            if (ours.isEmpty() && why.contains("Lambda whose output shape the file does not record")) {
                continue; // Python code: kinspect cannot know its shape (its Java stand-in computes it)
            }
            if (ours.isEmpty() || !ours.get().equals(keras)) {
                differences.add(name + " ours " + ours.map(KerasShape::toString).orElse("unknown " + why)
                        + " keras " + keras);
            }
        }
        assertTrue(differences.isEmpty(), file.getFileName() + ": " + String.join("; ", differences));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> read(Path json) {
        try {
            return JSON.readValue(json.toFile(), Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
