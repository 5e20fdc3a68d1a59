package org.kinspect.gates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.kinspect.InspectedModel;
import org.kinspect.ModelInternals;
import org.kinspect.config.RecurrentLayer;
import org.kinspect.errors.KinspectException;
import org.kinspect.inspect.KerasReference;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Every recurrent layer of every Keras 3 fixture of the recurrent topics (GRU variants, masks,
 * Bidirectional merge modes, given and returned states, stacked and wrapped cells, go_backwards)
 * traces, and its traces give the layer's own output: the check {@code gates} runs at every call
 * holds over all of them. Only the cells of a stack are refused, as unsupported and by name.
 */
class GateTracesOnEveryFixtureTest {
    private static final List<String> FOLDERS = List.of("gru", "states", "keras3", "cells");

    @TestFactory
    Stream<DynamicTest> everyRecurrentLayerOfEveryFixtureTracesOrIsRefusedByName() throws URISyntaxException {
        List<Path> models = new ArrayList<>();
        for (String folder : FOLDERS) {
            Path root = Path.of(GateTracesOnEveryFixtureTest.class.getResource("/" + folder).toURI());
            try (Stream<Path> files = Files.list(root)) {
                files.filter(file -> file.getFileName().toString().endsWith(".keras"))
                        .filter(file -> Files.isRegularFile(io(file))).sorted().forEach(models::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return models.stream().map(model -> DynamicTest.dynamicTest(model.getParent().getFileName() + "/"
                + model.getFileName(), () -> traceEveryRecurrentLayer(model)));
    }

    private static void traceEveryRecurrentLayer(Path file) {
        InspectedModel model;
        try {
            model = InspectedModel.open(file);
        } catch (KinspectException refused) {
            return; // a fixture of an import refusal: nothing to trace
        }
        List<RecurrentLayer> recurrent = RecurrentLayer.in(ModelInternals.spec(model));
        if (recurrent.isEmpty()) {
            return;
        }
        KerasReference reference = KerasReference.read(io(file));
        Map<String, INDArray> inputs = new LinkedHashMap<>();
        List<INDArray> given = new ArrayList<>(reference.inputs().values());
        for (int i = 0; i < model.inputNames().size(); i++) {
            String name = model.inputNames().get(i);
            inputs.put(name, reference.inputs().getOrDefault(name, given.get(i)));
        }
        for (RecurrentLayer layer : recurrent) {
            try {
                GateTraces traces = model.gates(inputs, layer.name());
                assertTrue(traces.outputDifference() <= GateTracer.TOLERANCE);
            } catch (KinspectException refused) {
                assertEquals(KinspectException.Problem.UNSUPPORTED, refused.problem(),
                        file.getFileName() + " " + layer.name() + ": " + refused.getMessage());
                assertTrue(refused.getMessage().contains("'" + layer.name() + "'"), refused.getMessage());
                // the one kind of recurrent layer in these fixtures that gate traces do not cover
                assertTrue(refused.getMessage().contains("stack of cells"), refused.getMessage());
            }
        }
    }

    private static Path io(Path model) {
        String name = model.getFileName().toString();
        return model.resolveSibling(name.substring(0, name.length() - ".keras".length()) + "_io.h5");
    }
}
