package org.kinspect.convert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.kinspect.InspectedModel;
import org.kinspect.ModelInternals;
import org.kinspect.errors.KinspectException;
import org.kinspect.inspect.KerasReference;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One model converted and read back, compared with its fresh import: the same summary text, the
 * same output names, the same weights by Keras name, and every layer's output bit for bit on the
 * inputs of Keras's own reference file ({@code NAME_io.h5} beside the model).
 */
final class RoundTrip {

    /**
     * What happened to one model: the same on Keras's reference inputs; the same on seeded random
     * inputs of the declared shapes (no reference beside the model); the same description only (no
     * reference and an input of no declared shape); or refused by kinspect itself.
     */
    enum Outcome { SAME, SAME_ON_RANDOM_INPUTS, SAME_DESCRIPTION, NOT_IMPORTED }

    private RoundTrip() {}

    /**
     * @param model a model file
     * @param folder where to write the converted file
     * @return {@link Outcome#NOT_IMPORTED} when kinspect refuses the model itself (a fixture of a
     *     refusal); otherwise the comparison passed
     */
    static Outcome check(Path model, Path folder) {
        InspectedModel fresh;
        try {
            fresh = InspectedModel.open(model);
        } catch (KinspectException refused) {
            return Outcome.NOT_IMPORTED;
        }
        Path converted = folder.resolve(model.getFileName() + ".zip");
        fresh.save(converted);
        InspectedModel reloaded = InspectedModel.open(converted);
        String name = model.getFileName().toString();
        assertTrue(reloaded.conversion().isPresent(), name);
        assertEquals(fresh.summary().toString(), reloaded.summary().toString(), name + ": summary");
        assertEquals(fresh.outputNames(), reloaded.outputNames(), name + ": output names");
        assertEquals(fresh.warnings(), reloaded.warnings(), name + ": warnings");
        assertEquals(fresh.graph().getConfiguration().toJson(), reloaded.graph().getConfiguration().toJson(),
                name + ": DL4J configuration");
        fresh.graph().getConfiguration().getVertices().forEach((vertex, configuration) -> assertEquals(configuration,
                reloaded.graph().getConfiguration().getVertices().get(vertex), name + ": DL4J configuration of " + vertex));
        assertEquals(ModelInternals.imported(fresh).outputTypes(), ModelInternals.imported(reloaded).outputTypes(), name + ": output types");
        assertBitsEqual(fresh.graph().params(), reloaded.graph().params(), name + ": parameters");
        for (String layer : fresh.layerNames()) {
            Map<String, INDArray> ours = fresh.weights(layer);
            Map<String, INDArray> theirs = reloaded.weights(layer);
            assertEquals(ours.keySet(), theirs.keySet(), name + ": weights of " + layer);
            ours.forEach((weight, values) -> assertBitsEqual(values, theirs.get(weight), name + ": " + layer + "/" + weight));
        }
        Optional<Map<String, INDArray>> reference = referenceInputs(model, fresh);
        Optional<Map<String, INDArray>> inputs = reference.isPresent() ? reference : randomInputs(fresh);
        if (inputs.isEmpty()) {
            return Outcome.SAME_DESCRIPTION;
        }
        Outcome same = reference.isPresent() ? Outcome.SAME : Outcome.SAME_ON_RANDOM_INPUTS;
        Map<String, INDArray> expected;
        try {
            expected = fresh.activations(inputs.get());
        } catch (KinspectException refused) {
            // A model kinspect describes but refuses to run (a Lambda stand-in): the reloaded one refuses alike.
            KinspectException again = org.junit.jupiter.api.Assertions.assertThrows(KinspectException.class,
                    () -> reloaded.activations(inputs.get()), name);
            assertEquals(refused.getMessage().replace(model.toString(), ""), again.getMessage().replace(converted.toString(), ""), name);
            return same;
        }
        Map<String, INDArray> actual = reloaded.activations(inputs.get());
        assertEquals(expected.keySet(), actual.keySet(), name + ": activation names");
        expected.forEach((layer, values) -> assertBitsEqual(values, actual.get(layer), name + ": activation of " + layer));
        return same;
    }

    /**
     * Seeded inputs of the declared shapes (batch 2, open sizes 3), values in [0, 1): for comparing
     * the fresh import with the reloaded model, which must agree on any input.
     */
    static Optional<Map<String, INDArray>> randomInputs(InspectedModel model) {
        Map<String, INDArray> inputs = new LinkedHashMap<>();
        for (String input : model.inputNames()) {
            long[] declared = model.expectedInputShape(input);
            if (declared == null) {
                return Optional.empty();
            }
            long[] shape = declared.clone();
            shape[0] = 2;
            long values = 1;
            for (int axis = 1; axis < shape.length; axis++) {
                shape[axis] = shape[axis] < 0 ? 3 : shape[axis];
                values *= Math.max(1, shape[axis]);
            }
            if (values > 2_000_000) {
                return Optional.empty();
            }
            org.nd4j.linalg.factory.Nd4j.getRandom().setSeed(7);
            inputs.put(input, org.nd4j.linalg.factory.Nd4j.rand(DataType.FLOAT, shape));
        }
        return Optional.of(inputs);
    }

    /** The inputs of Keras's reference file beside the model, by model input name. */
    static Optional<Map<String, INDArray>> referenceInputs(Path model, InspectedModel inspected) {
        String file = model.getFileName().toString();
        String stem = file.replaceFirst("\\.(h5|keras|hdf5|zip|tar\\.gz)$", "");
        Path reference = model.resolveSibling(stem + "_io.h5");
        if (!Files.isRegularFile(reference) || reference.equals(model)) {
            return Optional.empty();
        }
        KerasReference keras;
        try {
            keras = KerasReference.read(reference);
        } catch (KinspectException unreadable) {
            return Optional.empty();
        }
        List<INDArray> given = new ArrayList<>(keras.inputs().values());
        if (given.size() < inspected.inputNames().size()) {
            return Optional.empty();
        }
        Map<String, INDArray> inputs = new LinkedHashMap<>();
        for (int i = 0; i < inspected.inputNames().size(); i++) {
            String input = inspected.inputNames().get(i);
            inputs.put(input, keras.inputs().getOrDefault(input, given.get(i)));
        }
        return Optional.of(inputs);
    }

    static void assertBitsEqual(INDArray expected, INDArray actual, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        assertEquals(expected.dataType(), actual.dataType(), what + ": data type");
        if (expected.dataType() == DataType.DOUBLE) {
            assertArrayEquals(expected.dup('c').data().asDouble(), actual.dup('c').data().asDouble(), 0.0, what);
        } else {
            assertArrayEquals(expected.castTo(DataType.FLOAT).dup('c').data().asFloat(),
                    actual.castTo(DataType.FLOAT).dup('c').data().asFloat(), 0.0f, what);
        }
    }

    /** Every model file under a folder: {@code .h5} (not a {@code _io.h5} reference), {@code .keras}. */
    static List<Path> models(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).filter(path -> {
                String name = path.getFileName().toString();
                return (name.endsWith(".h5") && !name.endsWith("_io.h5") && !name.contains("_weights"))
                        || name.endsWith(".keras");
            }).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
