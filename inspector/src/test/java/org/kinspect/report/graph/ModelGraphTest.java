package org.kinspect.report.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.kinspect.ImportOptions;
import org.kinspect.InspectedModel;
import org.kinspect.ModelInternals;
import org.kinspect.config.InitialStateSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The graphs of the samples, against what the scripts that made them say
 * ({@code samples/models/make_samples.py}, {@code make_seq2seq.py}): nested and shared models,
 * recurrent states on the edges, shapes and parameter counts.
 */
class ModelGraphTest {
    private static final Path SAMPLES = Path.of("../samples/models");

    private static InspectedModel open(String file) {
        return InspectedModel.open(SAMPLES.resolve(file), ImportOptions.defaults().withDescribeOnly(true));
    }

    /** One Sequential encoder (enc_hidden Dense(8) relu, enc_code Dense(4)) called on left and on right. */
    @Test
    void aSharedNestedModelIsTwoBoxedGroupsWhoseCallsAreMarked() {
        for (String file : List.of("siamese_heads.keras", "siamese_heads.h5")) {
            ModelGraph graph = ModelGraph.of(ModelInternals.spec(open(file)), open(file).summary());
            assertEquals(List.of("encoder", "encoder@1"), graph.groups().stream().map(NestedGroup::name).toList(), file);
            assertEquals("Sequential", graph.groups().get(0).className());
            GraphNode first = graph.node("encoder/enc_hidden").orElseThrow();
            GraphNode second = graph.node("encoder@1/enc_hidden").orElseThrow();
            assertEquals("encoder", first.group());
            assertEquals("encoder@1", second.group());
            assertEquals(first.sharedLayer(), second.sharedLayer(), file + ": both calls of one layer");
            assertEquals(List.of(0, 1, 2, 2), List.of(first.call(), second.call(), first.calls(), second.calls()));
            assertEquals(6 * 8 + 8, first.parameters(), "Dense(8) on 6 values: kernel and bias");
            assertEquals(8 * 4 + 4, graph.node("encoder/enc_code").orElseThrow().parameters());
            assertEquals(Arrays.asList(null, 4L), graph.node("encoder/enc_code").orElseThrow().outputShape());
            assertFalse(graph.node("difference").orElseThrow().shared());
            assertEquals(List.of("left", "right"), graph.nodes().stream().filter(GraphNode::input).map(GraphNode::name)
                    .sorted().toList());
            assertEquals(List.of("same", "distance"), graph.nodes().stream().filter(GraphNode::output)
                    .map(GraphNode::name).toList(), "keras.Model([left, right], [same, distance])");
            // Multiply([difference, difference]) reads one tensor twice: two edges.
            assertEquals(2, graph.edges().stream().filter(edge -> edge.to().equals("squared")
                    && edge.from().equals("difference")).count(), file);
            List<String> intoDifference = graph.edges().stream().filter(edge -> edge.to().equals("difference"))
                    .map(GraphEdge::from).toList();
            assertEquals(List.of("encoder", "encoder@1"), intoDifference, file + ": each nested model's output, in call order");
        }
    }

    /** The encoder LSTM's final h and c (outputs 1 and 2) start the decoder LSTM: initial_state=[h, c]. */
    @Test
    void theSeq2seqEdgesNameTheStatesAsTheSummarysProvenanceDoes() {
        InspectedModel model = open("reverse_digits.keras");
        ModelGraph graph = ModelGraph.of(ModelInternals.spec(model), model.summary());
        Map<String, GraphEdge> intoDecoder = graph.edges().stream().filter(edge -> edge.to().equals("decoder"))
                .collect(Collectors.toMap(edge -> edge.from() + "#" + edge.outputIndex(), edge -> edge));
        assertEquals("h", intoDecoder.get("encoder#1").state());
        assertEquals("c", intoDecoder.get("encoder#2").state());
        assertNull(intoDecoder.get("answer_so_far#0").state(), "the sequence read is no state");
        assertEquals(Arrays.asList(null, 48L), intoDecoder.get("encoder#1").shape(), "LSTM(48)'s h");
        assertEquals("h (None, 48)", intoDecoder.get("encoder#1").label());
        // the summary's provenance lines name the same states from the same tensors
        InitialStateSource decoder = model.initialStateSources().stream()
                .filter(source -> source.layer().equals("decoder")).findFirst().orElseThrow();
        for (InitialStateSource.Origin origin : decoder.states()) {
            GraphEdge edge = intoDecoder.get(origin.tensor().layer() + "#" + origin.tensor().index());
            assertEquals(origin.state(), edge.state(), origin.describe());
        }
        assertEquals(3, intoDecoder.size());
    }

    @Test
    void theSvgLinksEveryNodeAndTitlesItWithNameClassShapeAndParameters() throws Exception {
        InspectedModel model = open("reverse_digits.keras");
        String svg = GraphPicture.of(model).svg(name -> "#layer-" + name);
        Document document = GraphOfEveryModelTest.parse(svg);
        NodeList links = document.getElementsByTagName("a");
        List<String> targets = new ArrayList<>();
        for (int i = 0; i < links.getLength(); i++) {
            targets.add(((Element) links.item(i)).getAttribute("href"));
        }
        assertEquals(List.of("#layer-digits", "#layer-answer_so_far", "#layer-encoder", "#layer-decoder",
                "#layer-next_digit"), targets);
        assertTrue(svg.contains("<title>decoder\nLSTM\noutput shape (None, None, 48)\n11,520 parameters"), svg);
        // LSTM(48) on 11 features: 4 gates x (11 + 48 + 1) x 48
        assertEquals(4 * (11 + 48 + 1) * 48, model.summary().layers().stream()
                .filter(row -> row.name().equals("decoder")).findFirst().orElseThrow().parameters());
        assertTrue(svg.contains("<title>encoder__2 \u2192 decoder: c, (None, 48)</title>"), "the c state's edge");
        assertFalse(svg.contains("<script"), "nothing to run: the graph reads without JavaScript");
    }

    @Test
    void aNestedModelsBoxSurroundsItsLayersBoxes() {
        LaidOutGraph laidOut = GraphPicture.of(open("siamese_heads.keras")).layout();
        for (LaidOutGraph.GroupBox group : laidOut.groups()) {
            List<LaidOutGraph.NodeBox> inside = laidOut.nodes().stream()
                    .filter(box -> group.group().name().equals(box.node().group())).toList();
            assertEquals(3, inside.size(), "enc_hidden, enc_code and the model's output");
            for (LaidOutGraph.NodeBox box : inside) {
                assertTrue(box.x() >= group.x() && box.y() >= group.y()
                        && box.x() + box.width() <= group.x() + group.width()
                        && box.y() + box.height() <= group.y() + group.height(), box.node().name());
            }
        }
        // top-down: every edge ends lower than it starts
        for (LaidOutGraph.EdgeRoute route : laidOut.edges()) {
            List<LaidOutGraph.Point> points = route.points();
            assertTrue(points.get(points.size() - 1).y() > points.get(0).y(), route.edge().toString());
        }
    }
}
