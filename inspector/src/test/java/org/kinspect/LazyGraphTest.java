package org.kinspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.kinspect.errors.KinspectException;
import org.kinspect.graph.UnreplacedLambda;
import org.kinspect.inspect.ModelSummary;

/**
 * A model opened to be described builds its DL4J graph only when something needs it: its summary
 * does not, and is the same as the summary of the built graph, for every sample and corpus public
 * model and an even sample of the fixtures and of DL4J's test models (every {@value #STRIDE}th).
 * A file the import refuses is refused as well when it is opened to be described, with the same line
 * (damaged weights: {@code HostileModelFilesTest}).
 */
class LazyGraphTest {
    static final int STRIDE = 12;

    @Test
    void theSampleSummaryBuildsNoGraphAndRunningBuildsIt() {
        InspectedModel model = InspectedModel.open(Path.of("../samples/models/sine_lstm.keras"),
                ImportOptions.defaults().withDescribeOnly(true));
        ModelSummary summary = model.summary();
        assertEquals(755, summary.totalParameters());
        assertEquals(List.of("signal", "lstm_1", "lstm_2", "dense_1", "classes"), model.outputNames());
        assertFalse(model.graphBuilt(), "summary and the output names need no graph");

        model.graph();
        assertTrue(model.graphBuilt());
        assertEquals(summary, model.summary());
        // Opened to be run, the graph is built on opening: every check of the weights is made then.
        assertTrue(InspectedModel.open(Path.of("../samples/models/sine_lstm.keras")).graphBuilt());
    }

    @Test
    void aConfigurationAloneBuildsItsGraphToCountItsParameters() {
        Path config = Corpus.root().resolve(InspectedModelTest.EXAMPLES + "seq2seq/model_seq2seq_5549.json");
        Assumptions.assumeTrue(Files.isRegularFile(config), "no " + config);
        InspectedModel lazy = InspectedModel.openConfig(config, ImportOptions.defaults().withDescribeOnly(true));
        InspectedModel eager = InspectedModel.openConfig(config);
        assertEquals(eager.summary(), lazy.summary());
        assertTrue(lazy.graphBuilt());
    }

    @TestFactory
    Stream<DynamicTest> everySummaryIsTheSameWithoutTheGraph() {
        List<Path> files = new ArrayList<>();
        List<Path> fixtures = Corpus.modelFiles(Path.of("src/test/resources"));
        files.addAll(IntStream.range(0, fixtures.size()).filter(i -> i % STRIDE == 0).mapToObj(fixtures::get).toList());
        files.addAll(Corpus.modelFiles(Path.of("../samples/models")));
        Corpus.rootIfPresent().ifPresent(corpus -> {
            files.addAll(Corpus.modelFiles(corpus.resolve("public-models")));
            List<Path> others = Corpus.modelFiles(corpus.resolve("dl4j-test-resources"));
            files.addAll(IntStream.range(0, others.size()).filter(i -> i % STRIDE == 0).mapToObj(others::get).toList());
        });
        return files.stream().map(file -> DynamicTest.dynamicTest(file.toString(), () -> check(file)));
    }

    private static void check(Path file) {
        ImportOptions describe = ImportOptions.defaults().withDescribeOnly(true);
        InspectedModel model;
        try {
            model = InspectedModel.open(file, describe);
        } catch (KinspectException refused) {
            // Refused when described: refused as well when opened to run, with the same line (a Lambda
            // without a replacement is the one thing only describing accepts).
            KinspectException run = assertThrows(KinspectException.class, () -> InspectedModel.open(file),
                    file + " is refused when described but not when run: " + refused.getMessage());
            if (!run.getMessage().contains("Lambda")) {
                assertEquals(run.getMessage(), refused.getMessage(), file.toString());
            }
            return;
        }
        ModelSummary withoutGraph = model.summary();
        Set<String> unknownWithoutGraph = UnreplacedLambda.unknownShapes(model.configuration());
        assertFalse(model.graphBuilt(), file + ": the summary built the graph");

        ComputationGraph graph;
        try {
            graph = model.graph();
        } catch (KinspectException refusedOnBuilding) {
            throw new AssertionError(file + ": described without complaint, but its graph is refused: "
                    + refusedOnBuilding.getMessage(), refusedOnBuilding);
        }
        ModelSummary withGraph = model.summary();
        assertEquals(withGraph, withoutGraph, file.toString());
        assertEquals(withGraph.toString(), withoutGraph.toString(), file.toString());
        assertEquals(unknownShapesInGraphOrder(graph, unknownWithoutGraph), unknownWithoutGraph, file.toString());
    }

    /**
     * The layers of unknown shape propagated as before, in the built graph's topological order, from
     * the same stand-ins (the Lambdas without a recorded shape that the configuration's answer names).
     */
    private static Set<String> unknownShapesInGraphOrder(ComputationGraph graph, Set<String> fromConfiguration) {
        Set<String> unknown = new LinkedHashSet<>();
        for (int index : graph.topologicalSortOrder()) {
            GraphVertex vertex = graph.getVertices()[index];
            boolean standIn = fromConfiguration.contains(vertex.getVertexName())
                    && graph.getConfiguration().getVertices().get(vertex.getVertexName()) instanceof LayerVertex layer
                    && layer.getLayerConf().getLayer() instanceof UnreplacedLambda;
            boolean after = vertex.getInputVertices() != null && java.util.Arrays.stream(vertex.getInputVertices())
                    .anyMatch(input -> unknown.contains(graph.getVertices()[input.getVertexIndex()].getVertexName()));
            if (standIn || after) {
                unknown.add(vertex.getVertexName());
            }
        }
        return unknown;
    }
}
