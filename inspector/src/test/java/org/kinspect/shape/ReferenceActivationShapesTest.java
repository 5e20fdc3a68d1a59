package org.kinspect.shape;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.kinspect.Corpus;
import org.kinspect.config.ConfigNormalizer;
import org.kinspect.config.ModelSpec;
import org.kinspect.errors.KinspectException;
import org.kinspect.file.ModelArchive;
import org.kinspect.graph.layers.KerasReferenceCheck;
import org.kinspect.inspect.KerasReference;
import org.kinspect.weights.WeightNaming;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The shape model, given the shapes of the inputs Keras ran on, gives the exact shape of every
 * activation Keras recorded (batch filled in): for every fixture's {@code NAME_io.h5} and every
 * reference file of the corpus (skipped when the corpus is absent).
 */
class ReferenceActivationShapesTest {
    /**
     * Fixtures of models kinspect refuses when it builds the graph, whose arrays differ from the
     * shapes Keras's rules give: Keras 3's RandomCrop passes an image of another size through
     * unchanged at inference, though its {@code compute_output_shape} gives the crop's size; an op over
     * the batch axis gives one value for several examples.
     */
    static final Map<String, String> REFUSED_AT_IMPORT = Map.of("random_crop_smaller",
            "Keras 3's RandomCrop passes other sizes through at inference; kinspect refuses it",
            "batch_wide_max", "a max over the batch axis has no per-example shape; kinspect refuses it"
                    + " (PublishedModelLayersTest)");

    @TestFactory
    Stream<DynamicTest> fixtures() throws IOException {
        Path resources = KerasReferenceCheck.resource("/shapes/record_keras_shapes.py").getParent().getParent();
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(resources)) {
            for (Path reference : walk.filter(path -> path.getFileName().toString().endsWith("_io.h5")).sorted().toList()) {
                String name = reference.getFileName().toString().replace("_io.h5", "");
                Path model = Stream.of(".keras", ".h5").map(extension -> reference.resolveSibling(name + extension))
                        .filter(Files::exists).findFirst().orElse(null);
                if (model != null) {
                    tests.add(DynamicTest.dynamicTest(resources.relativize(model).toString(),
                            () -> shapesMatch(model, reference)));
                }
            }
        }
        assertTrue(tests.size() > 100, "only " + tests.size() + " fixtures with references");
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> corpus() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path reference : Corpus.files("dl4j-test-resources", "_inputs_and_outputs.h5")) {
            Path model = reference.resolveSibling(reference.getFileName().toString()
                    .replace("_inputs_and_outputs.h5", "_model.h5"));
            tests.add(DynamicTest.dynamicTest(model.getFileName().toString(), () -> shapesMatch(model, reference)));
        }
        for (Path reference : Corpus.files("public-models", "_io.h5")) {
            Path model = reference.resolveSibling(reference.getFileName().toString().replace("_io.h5", ".h5"));
            tests.add(DynamicTest.dynamicTest(model.getFileName().toString(), () -> shapesMatch(model, reference)));
        }
        return tests.stream();
    }

    /**
     * The tf.keras files of the corpus have no reference activations: the shape model must know every
     * layer's shape of each file kinspect reads the configuration of, but for classes kinspect does
     * not import (LocallyConnected2D) and the layers after them. Two files describe a model whose
     * shape no Keras gives: cnn3d_20 and cnn3d_22 crop 2 off each axis of size 1 (10 -> Conv3D 8 ->
     * Cropping3D 6 -> MaxPooling3D 3 -> Conv3D 1 -> Cropping3D -1); the shape model says so.
     */
    @TestFactory
    Stream<DynamicTest> corpusTfKerasFilesHaveEveryShape() {
        return Corpus.files("dl4j-test-resources/modelimport/keras/tfkeras", ".h5").stream()
                .map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
                    ModelArchive archive = WeightNaming.read(file);
                    ModelSpec spec;
                    try {
                        spec = ConfigNormalizer.normalize(archive.modelConfigJson(), archive.kerasVersion(),
                                archive.backend(), archive.format(), file.toString());
                    } catch (KinspectException refused) {
                        return;
                    }
                    Map<String, String> unknown = new LinkedHashMap<>(ShapeModel.of(spec).unknownLayers());
                    unknown.values().removeIf(why -> why.contains("LocallyConnected2D has no shape rule"));
                    if (Set.of("cnn3d_20.h5", "cnn3d_22.h5").contains(file.getFileName().toString())) {
                        assertTrue(!unknown.isEmpty() && unknown.values().stream()
                                .allMatch(why -> why.contains("leaving -1 of an axis of size 1")), unknown.toString());
                        return;
                    }
                    assertTrue(unknown.isEmpty(), file.getFileName() + ": " + unknown);
                }));
    }

    private static void shapesMatch(Path modelFile, Path referenceFile) {
        Assumptions.assumeTrue(Files.exists(modelFile), "no model " + modelFile);
        String modelName = modelFile.getFileName().toString().replaceFirst("\\.(keras|h5)$", "");
        Assumptions.assumeFalse(REFUSED_AT_IMPORT.containsKey(modelName), () -> REFUSED_AT_IMPORT.get(modelName));
        ModelArchive archive = WeightNaming.read(modelFile);
        ModelSpec spec;
        try {
            spec = ConfigNormalizer.normalize(archive.modelConfigJson(), archive.kerasVersion(), archive.backend(),
                    archive.format(), modelFile.toString());
        } catch (KinspectException refused) {
            System.out.println(modelFile.getFileName() + ": not compared, kinspect refuses its configuration");
            return;
        }
        KerasReference reference = KerasReference.read(referenceFile);
        List<INDArray> given = new ArrayList<>(reference.inputs().values());
        Map<String, KerasShape> inputShapes = new LinkedHashMap<>();
        long batch = given.isEmpty() ? 0 : given.get(0).size(0);
        for (int i = 0; i < spec.inputNames().size() && i < given.size(); i++) {
            String input = spec.inputNames().get(i);
            INDArray values = reference.inputs().getOrDefault(input, given.get(i));
            inputShapes.put(input, KerasShape.ofOpen(values.shape()).with(0, null));
        }
        ShapeModel shapes = ShapeModel.of(spec, inputShapes);
        List<String> differences = new ArrayList<>();
        for (var activation : reference.activations().entrySet()) {
            String name = activation.getKey();
            if (spec.layer(name.replaceFirst("__\\d+$", "")).isEmpty()) {
                continue; // a layer kinspect rewrites away (none in these files but the RNN cell wrappers)
            }
            long[] actual = activation.getValue().shape();
            var ours = shapes.shape(name);
            if (ours.isEmpty()) {
                String why = shapes.unknownLayers().getOrDefault(name.replaceFirst("__\\d+$", ""), "");
                if (!why.contains("Lambda whose output shape the file does not record")
                        && !why.contains("has no shape rule in kinspect")) {
                    differences.add(name + " ours unknown (" + why + ") keras " + KerasShape.ofOpen(actual));
                }
                continue;
            }
            KerasShape expected = ours.get().with(0, batch);
            if (!expected.exampleKnown() || !expected.equals(KerasShape.ofOpen(actual))) {
                differences.add(name + " ours " + ours.get() + " keras " + KerasShape.ofOpen(actual));
            }
        }
        assertTrue(differences.isEmpty(), modelFile.getFileName() + ": " + String.join("; ", differences));
    }
}
