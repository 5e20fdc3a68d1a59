package org.kinspect.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.junit.jupiter.api.Test;
import org.kinspect.Corpus;
import org.kinspect.InspectedModel;
import org.kinspect.ModelInternals;
import org.kinspect.errors.KinspectException;
import org.kinspect.graph.ParameterProvenance;
import org.kinspect.graph.layers.KerasReferenceCheck;

/**
 * Every model file among the test fixtures ({@code src/test/resources/**}), the samples and in the shared corpus
 * that imports has every parameter of its DL4J graph from the file, or from a constant Keras itself
 * computes with (BatchNormalization's beta 0 when {@code center=False}): none is zero or random
 * because a weight was not found. Files kinspect refuses are counted by the kind of problem; none
 * may be refused for weights the file lacks but should have (the fixtures are all whole).
 */
class ParameterProvenanceTest {

    @Test
    void everyFixtureParameterComesFromItsFile() {
        Path resources = KerasReferenceCheck.resource("/tfkeras_zip").getParent();
        List<Path[]> files = new ArrayList<>(modelFiles(resources));
        Path samples = Path.of("../samples/models").toAbsolutePath().normalize();
        if (Files.isDirectory(samples)) {
            files.addAll(modelFiles(samples));
        }
        List<String> unused = new ArrayList<>();
        Map<String, Integer> refused = checkAll(files, unused);
        // the one fixture made with a weight group no layer reads, to check that it is reported
        assertEquals(List.of("unread_group.keras"), unused);
        assertTrue(!refused.containsKey("no weights") && !refused.containsKey("unsourced parameters"),
                "fixtures refused for weights they lack: " + refused);
    }

    @Test
    void everyCorpusParameterComesFromItsFile() {
        Path corpus = Corpus.root();
        List<String> unused = new ArrayList<>();
        checkAll(modelFiles(corpus), unused);
        System.out.println("corpus files with weights no layer uses: " + unused);
    }

    /**
     * @param unused gets the names of the files that hold weights no layer uses
     * @return the files refused, counted by problem
     */
    private static Map<String, Integer> checkAll(List<Path[]> files, List<String> unused) {
        Map<String, Integer> refused = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        int imported = 0;
        for (Path[] file : files) {
            InspectedModel model;
            try {
                model = file.length == 1 ? InspectedModel.open(file[0]) : InspectedModel.open(file[0], file[1]);
            } catch (KinspectException e) {
                String kind = e.getMessage().contains("holds no weights for layer") ? "no weights"
                        : e.getMessage().contains("would get no weight from the file") ? "unsourced parameters"
                        : e.problem().toString();
                refused.merge(kind, 1, Integer::sum);
                if (!kind.equals("UNSUPPORTED")) {
                    System.out.println("refused, " + kind + ": " + e.getMessage());
                }
                continue;
            }
            imported++;
            if (model.warnings().stream().anyMatch(warning -> warning.contains("no layer of the model configuration reads")
                    || warning.contains("which the model configuration does not have"))) {
                unused.add(file[0].getFileName().toString());
            }
            ParameterProvenance provenance = ModelInternals.imported(model).provenance();
            List<String> notFromFile = provenance.notFromFile();
            if (!notFromFile.isEmpty()) {
                failures.add(file[0] + ": " + notFromFile);
            }
            for (GraphVertex vertex : model.graph().getVertices()) {
                long parameters = vertex.params() == null ? 0 : vertex.params().length();
                if (parameters > 0 && provenance.of(vertex.getVertexName()).isEmpty()) {
                    failures.add(file[0] + ": vertex " + vertex.getVertexName() + " has " + parameters
                            + " parameters of no recorded origin");
                }
            }
        }
        System.out.printf("parameter provenance: %d of %d model files imported, every parameter from the file;"
                + " refused: %s%n", imported, files.size(), refused);
        assertEquals(List.of(), failures);
        assertTrue(imported > 0, "no model file imported");
        return refused;
    }

    /**
     * @return every model file below the folder: {@code .keras} zips, {@code .h5} files that are not
     *     Keras reference numbers, and DL4J's {@code NAME_weights.h5} with {@code NAME_config.json}
     */
    static List<Path[]> modelFiles(Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            List<Path[]> files = new ArrayList<>();
            for (Path path : walk.filter(Files::isRegularFile).sorted().toList()) {
                String name = path.getFileName().toString();
                if (name.endsWith("_io.h5") || name.endsWith("_inputs_and_outputs.h5")) {
                    continue;
                }
                if (name.endsWith("_weights.h5")
                        && Files.exists(path.resolveSibling(name.replace("_weights.h5", "_config.json")))) {
                    files.add(new Path[] {path, path.resolveSibling(name.replace("_weights.h5", "_config.json"))});
                } else if (name.endsWith(".keras") || name.endsWith(".h5")) {
                    files.add(new Path[] {path});
                }
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
