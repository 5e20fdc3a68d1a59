package org.kinspect;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The shared corpus of real Keras files ({@code ../shared/corpus}); tests that need it skip when it
 * is absent, so a fresh clone still passes.
 */
public final class Corpus {

    private Corpus() {}

    /** @return the corpus folder, or skips the test when it is absent */
    public static Path root() {
        String configured = System.getProperty("kinspect.corpus", "../../shared/corpus");
        Path root = Path.of(configured).toAbsolutePath().normalize();
        Assumptions.assumeTrue(Files.isDirectory(root), "no corpus at " + root);
        return root;
    }

    /** @return the corpus folder, or empty when it is absent (for tests that run without it too) */
    public static java.util.Optional<Path> rootIfPresent() {
        Path root = Path.of(System.getProperty("kinspect.corpus", "../../shared/corpus")).toAbsolutePath().normalize();
        return Files.isDirectory(root) ? java.util.Optional.of(root) : java.util.Optional.empty();
    }

    /**
     * @param relative a folder inside the corpus
     * @param suffix how the wanted file names end
     * @return the files below it, sorted
     */
    public static List<Path> files(String relative, String suffix) {
        Path folder = root().resolve(relative);
        Assumptions.assumeTrue(Files.isDirectory(folder), "no corpus folder " + folder);
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param folder a folder of Keras model files (fixtures, samples, a part of the corpus)
     * @return the model files below it, sorted: .keras, and .h5 that are not Keras's reference
     *     activations ({@code _io.h5}); empty when the folder is absent
     */
    public static List<Path> modelFiles(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).filter(file -> {
                String name = file.getFileName().toString();
                return name.endsWith(".keras") || name.endsWith(".h5") && !name.endsWith("_io.h5");
            }).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
