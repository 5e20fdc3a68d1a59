package org.kinspect.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.kinspect.Corpus;
import org.kinspect.config.ConfigNormalizer;
import org.kinspect.config.ModelSpec;
import org.kinspect.errors.KinspectException;
import org.kinspect.file.ModelArchive;
import org.kinspect.weights.ModelWarnings;
import org.kinspect.weights.WeightNaming;

/**
 * Warnings are only worth printing when sound files give none: every real model the project has
 * (the Keras 3 fixtures, the samples, the corpus examples) reads without a warning.
 */
class ModelWarningsTest {

    @Test
    void realModelsHaveNoWarnings() throws Exception {
        List<Path> files = new ArrayList<>();
        files.addAll(modelFiles(Path.of(ModelWarningsTest.class.getResource("/keras3/dense_mlp.keras").toURI()).getParent()));
        Path samples = Path.of("../samples/models").toAbsolutePath().normalize();
        if (Files.isDirectory(samples)) {
            files.addAll(modelFiles(samples));
        }
        files.addAll(Corpus.files("dl4j-test-resources/modelimport/keras/examples", "_model.h5"));
        List<String> warned = new ArrayList<>();
        int read = 0;
        for (Path file : files) {
            ModelArchive archive;
            ModelSpec spec;
            try {
                archive = WeightNaming.read(file);
                spec = ConfigNormalizer.normalize(archive.modelConfigJson(), archive.kerasVersion(), archive.backend(),
                        archive.format(), file.toString());
            } catch (KinspectException e) {
                continue; // a model kinspect does not read says so elsewhere; here only warnings count
            }
            read++;
            List<String> warnings = ModelWarnings.of(archive.weights(), spec);
            if (!warnings.isEmpty()) {
                warned.add(file.getFileName() + ": " + warnings);
            }
        }
        assertTrue(read >= 50, "only " + read + " models read");
        assertEquals(List.of(), warned);
    }

    /** @return the model files of a folder: .keras, and .h5 that are not reference (_io) files */
    private static List<Path> modelFiles(Path folder) throws IOException {
        try (Stream<Path> listing = Files.list(folder)) {
            return listing.filter(file -> {
                String name = file.getFileName().toString();
                return name.endsWith(".keras") || name.endsWith(".h5") && !name.endsWith("_io.h5");
            }).sorted().toList();
        }
    }
}
