package org.kinspect.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.kinspect.Corpus;
import org.kinspect.file.KerasFile;
import org.kinspect.file.KerasFormat;
import org.kinspect.graph.layers.KerasReferenceCheck;

/**
 * Every real tf.keras SavedModel directory of the corpus ({@code savedmodel/}, TensorFlow 2.6 to
 * 2.15: Sequential, Functional, nested models, LSTM, GRU, Bidirectional, convolutions...) is
 * imported and every layer checked against Keras's own numbers ({@code NAME_io.h5}, computed by
 * Keras 3 from the same configuration and checkpoint) within 1e-4: the references ran on Keras 3's
 * torch kernels, not the TensorFlow that trained the models.
 */
class SavedModelCorpusTest {
    static final double TOLERANCE = 1e-4;

    @TestFactory
    Stream<DynamicTest> everyLayerMatchesKeras() {
        List<Path> directories = savedModels();
        assertEquals(8, directories.size(), "the corpus has 8 SavedModels: " + directories);
        return directories.stream().map(directory -> DynamicTest.dynamicTest(directory.getFileName().toString(),
                () -> {
                    assertEquals(KerasFormat.SAVED_MODEL, KerasFile.detect(directory));
                    Path reference = directory.resolveSibling(directory.getFileName() + "_io.h5");
                    assertTrue(Files.exists(reference), "no reference beside " + directory);
                    KerasReferenceCheck.everyLayerMatches(directory, reference, Map.of(), TOLERANCE);
                }));
    }

    static List<Path> savedModels() {
        Path folder = Corpus.root().resolve("savedmodel");
        Assumptions.assumeTrue(Files.isDirectory(folder), "no corpus folder " + folder);
        try (Stream<Path> list = Files.list(folder)) {
            return list.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
