package org.kinspect.report.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.kinspect.Corpus;
import org.kinspect.ImportOptions;
import org.kinspect.InspectedModel;
import org.kinspect.ModelInternals;
import org.kinspect.config.LayerSpec;
import org.kinspect.errors.KinspectException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * Every fixture, sample and corpus model gets a graph: the SVG parses as XML, has one node per
 * layer call and one edge per connection, counted from the configuration Keras wrote
 * ({@link KerasConfigCalls}, not kinspect's normaliser), shared layers and nested models included.
 *
 * <p>CI checks every sample and corpus public model and an even sample of the fixtures (every
 * {@value #STRIDE}th file); {@code scripts/graph-every-model.sh} checks them all
 * ({@code -Dkinspect.graph.everyModel=true}).
 */
class GraphOfEveryModelTest {
    static final int STRIDE = 12;
    private static final boolean EVERY_MODEL = Boolean.getBoolean("kinspect.graph.everyModel");

    @TestFactory
    Stream<DynamicTest> everyModelGetsAGraphWithEveryCallAndConnection() {
        List<Path> files = new ArrayList<>();
        List<Path> fixtures = Corpus.modelFiles(Path.of("src/test/resources"));
        files.addAll(EVERY_MODEL ? fixtures
                : IntStream.range(0, fixtures.size()).filter(i -> i % STRIDE == 0).mapToObj(fixtures::get).toList());
        files.addAll(Corpus.modelFiles(Path.of("../samples/models")));
        Corpus.rootIfPresent().ifPresent(corpus -> {
            files.addAll(Corpus.modelFiles(corpus.resolve("public-models")));
            List<Path> others = Corpus.modelFiles(corpus.resolve("dl4j-test-resources"));
            files.addAll(EVERY_MODEL ? others
                    : IntStream.range(0, others.size()).filter(i -> i % STRIDE == 0).mapToObj(others::get).toList());
        });
        return files.stream().map(file -> DynamicTest.dynamicTest(file.toString(), () -> check(file)));
    }

    private static void check(Path file) throws Exception {
        InspectedModel model;
        try {
            model = InspectedModel.open(file, ImportOptions.defaults().withDescribeOnly(true));
        } catch (KinspectException refused) {
            // Weights alone, damaged on purpose, or refused: kinspect has no model to draw (nor to summarise).
            Assumptions.abort("no model to draw: " + refused.getMessage());
            return;
        }
        GraphPicture picture = GraphPicture.of(model);
        Document svg = parse(picture.svg(name -> "#" + name));
        KerasConfigCalls.Counts keras = KerasConfigCalls.of(ModelInternals.archive(model).modelConfigJson());

        List<String> titles = new ArrayList<>();
        NodeList groups = svg.getElementsByTagName("g");
        int edges = -1;
        for (int i = 0; i < groups.getLength(); i++) {
            Element group = (Element) groups.item(i);
            if (group.getAttribute("class").equals("node")) {
                titles.add(group.getElementsByTagName("title").item(0).getTextContent().split("\n")[0]);
            } else if (group.getAttribute("class").equals("edges")) {
                edges = group.getElementsByTagName("polyline").getLength();
            }
        }
        assertEquals(keras.calls(), titles.size(), file + ": one node per layer call of the configuration");
        assertEquals(keras.connections(), edges, file + ": one edge per connection of the configuration");
        Set<String> calls = new HashSet<>(ModelInternals.spec(model).layerNames());
        assertEquals(calls, new HashSet<>(titles), file + ": each node is one layer call, named as kinspect names it");
        int inbound = ModelInternals.spec(model).layers().stream().mapToInt(layer -> layer.inboundTensors().size()).sum();
        assertEquals(inbound, edges, file + ": an edge for every tensor a call reads");
        for (LayerSpec layer : ModelInternals.spec(model).layers()) {
            assertTrue(picture.layout().nodes().stream().anyMatch(box -> box.node().name().equals(layer.name())
                    && box.width() > 0 && box.height() > 0), file + ": " + layer.name() + " has a box");
        }
    }

    static Document parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
    }
}
