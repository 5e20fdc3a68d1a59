package org.kinspect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.kinspect.inspect.KerasReference;

/**
 * The project's own reference writer, {@code python/kinspect_reference.py}: the reference files it
 * wrote with a real Keras 3 for two sample models ({@code python/examples/make_examples.sh}; Keras
 * cannot run in the tests) are read by {@code verify} and match layer by layer, returned states
 * ({@code LAYER__1}) and a shared layer's second call ({@code LAYER@1}) included.
 */
class ReferenceWriterTest {

    private static Path python() {
        Path python = Path.of(System.getProperty("kinspect.samples", "../samples/models")).toAbsolutePath()
                .normalize().getParent().getParent().resolve("python");
        Assumptions.assumeTrue(Files.isDirectory(python), "no python/ folder at " + python);
        return python;
    }

    @Test
    void aSeq2seqReferenceWithReturnedStatesMatches() {
        Path reference = python().resolve("examples/reverse_digits_io.h5");
        Kinspect.Result result = Kinspect.run("verify", TestFiles.samples().resolve("reverse_digits.keras").toString(),
                "--reference", reference.toString(), "-q");

        assertEquals(0, result.exitCode(), result.out() + result.err());
        assertEquals(Set.of("digits", "answer_so_far", "encoder", "encoder__1", "encoder__2", "decoder", "next_digit"),
                comparedLayers(result));
        assertTrue(result.out().endsWith("verify: 7/7 layers match" + System.lineSeparator()), result.out());
    }

    @Test
    void aSiameseReferenceWithASharedLayersSecondCallMatches() {
        Path reference = python().resolve("examples/siamese_heads_io.h5");
        Kinspect.Result result = Kinspect.run("verify", TestFiles.samples().resolve("siamese_heads.keras").toString(),
                "--reference", reference.toString(), "-q");

        assertEquals(0, result.exitCode(), result.out() + result.err());
        assertTrue(comparedLayers(result).containsAll(List.of("encoder", "encoder@1", "same", "distance")),
                result.out());
        assertTrue(result.out().endsWith("verify: 8/8 layers match" + System.lineSeparator()), result.out());
        KerasReference read = KerasReference.read(reference);
        assertEquals(List.of("left", "right"), List.copyOf(read.inputs().keySet()));
        assertEquals(2, read.inputs().get("left").size(0), "--batch 2");
    }

    @Test
    void verifyHelpAndTheReadmePointAtTheWriterAndItsFormat() throws IOException {
        Kinspect.Result help = Kinspect.run("verify", "--help");
        assertTrue(help.out().contains("python/kinspect_reference.py"), help.out());
        assertTrue(help.out().contains("docs/reference-format.md"), help.out());
        Path root = python().getParent();
        assertTrue(Files.isRegularFile(root.resolve("docs/reference-format.md")));
        String readme = Files.readString(root.resolve("README.md"));
        assertTrue(readme.contains("python/kinspect_reference.py") && readme.contains("docs/reference-format.md"));
        String script = Files.readString(python().resolve("kinspect_reference.py"));
        for (String part : List.of("inputs/NAME", "activations/LAYER", "LAYER__1", "LAYER@1", "outputs/NAME")) {
            assertTrue(script.contains(part), "the script documents " + part);
        }
    }

    private static Set<String> comparedLayers(Kinspect.Result result) {
        Set<String> layers = new TreeSet<>();
        for (String line : result.outLines().subList(2, result.outLines().size() - 1)) {
            layers.add(line.split("\\s+")[0]);
        }
        return layers;
    }
}
