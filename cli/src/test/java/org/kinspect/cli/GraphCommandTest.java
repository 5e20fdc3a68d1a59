package org.kinspect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kinspect.inspect.KerasReference;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

/** {@code kinspect graph}: the drawn graph alone, its options and errors; and the graph on top of the report. */
class GraphCommandTest {
    @TempDir
    Path temp;

    /**
     * siamese_heads (make_samples.py): inputs left and right, a Sequential encoder (enc_hidden,
     * enc_code) called on each, Subtract, Dense same, Multiply([difference, difference]), Dense distance.
     */
    @Test
    void theStructureAloneNeedsNoInput() throws Exception {
        Path out = temp.resolve("graph");
        Kinspect.Result result = Kinspect.run("graph", TestFiles.samples().resolve("siamese_heads.keras").toString(),
                "--out", out.toString());
        assertEquals(0, result.exitCode(), result.err());
        // 2 inputs + 2 x (2 layers + the encoder's output) + difference, same, squared, distance
        assertEquals("wrote " + out.resolve("graph.svg") + ": 12 layer calls, 12 connections, 2 nested models\n",
                result.out());
        Document svg = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new InputSource(new StringReader(Files.readString(out.resolve("graph.svg")))));
        assertEquals("svg", svg.getDocumentElement().getTagName());
        assertEquals("http://www.w3.org/2000/svg", svg.getDocumentElement().getAttribute("xmlns"), "a file names SVG's namespace");
        assertEquals(24, svg.getElementsByTagName("title").getLength(), "a hover title for each node and each edge");
        assertTrue(Files.readString(out.resolve("graph.svg")).contains("<title>difference \u2192 squared: (None, 4)</title>"),
                "an edge's title names its tensor, reader and shape");

        Kinspect.Result again = Kinspect.run("graph", TestFiles.samples().resolve("siamese_heads.keras").toString(),
                "--out", out.toString());
        assertEquals(4, again.exitCode(), "an existing graph is not replaced without --force");
        assertTrue(again.err().contains("graph.svg already exists; add --force"), again.err());
    }

    /** The reverse-digits seq2seq on Keras's own inputs: the colour is the mean |activation| of Keras's outputs. */
    @Test
    void afterARunEachNodeCarriesItsStatisticAsAPicture() throws IOException {
        Path samples = TestFiles.samples();
        Path reference = samples.resolve("reverse_digits_io.h5");
        List<Path> inputs = TestFiles.writeInputs(reference, temp);
        Path out = temp.resolve("png");
        Kinspect.Result result = Kinspect.run("graph", samples.resolve("reverse_digits.keras").toString(),
                "--input", "digits=" + temp.resolve("digits.npy"), "--input", "answer_so_far=" + temp.resolve("answer_so_far.npy"),
                "--format", "png", "--out", out.toString(), "--json");
        assertEquals(0, result.exitCode(), result.err());
        assertEquals(2, inputs.size());
        BufferedImage picture = ImageIO.read(out.resolve("graph.png").toFile());
        assertTrue(picture.getWidth() > 300 && picture.getHeight() > 600, picture.getWidth() + "x" + picture.getHeight());

        JsonNode document = new ObjectMapper().readTree(result.out());
        assertEquals("mean-abs", document.get("colour").asText());
        Map<String, INDArray> keras = KerasReference.read(reference).activations();
        int checked = 0;
        for (JsonNode node : document.get("nodes")) {
            INDArray activation = keras.get(node.get("name").asText());
            if (activation == null || node.get("input").asBoolean()) continue;
            double[] values = activation.castTo(DataType.DOUBLE).dup('c').data().asDouble();
            double sum = 0;
            for (double value : values) sum += Math.abs(value);
            assertEquals(sum / values.length, node.get("mean-abs").asDouble(), 1e-5, node.get("name").asText());
            checked++;
        }
        assertEquals(3, checked, "encoder, decoder and next_digit");
        JsonNode h = null;
        for (JsonNode edge : document.get("edges")) {
            if (edge.get("to").asText().equals("decoder") && edge.get("output_index").asInt() == 1) h = edge;
        }
        assertEquals("h", h.get("state").asText());
    }

    @Test
    void wrongOptionsAreRefusedBeforeTheImport() {
        String model = TestFiles.samples().resolve("sine_lstm.keras").toString();
        String out = temp.resolve("out").toString();
        Kinspect.Result format = Kinspect.run("graph", model, "--out", out, "--format", "gif");
        assertEquals(2, format.exitCode());
        assertTrue(format.err().contains("--format must be svg or png, not 'gif'"), format.err());
        Kinspect.Result colour = Kinspect.run("graph", model, "--out", out, "--input", "x.npy", "--colour", "hot");
        assertEquals(2, colour.exitCode());
        assertTrue(colour.err().contains("'hot' is not a statistic; use one of dead-units, saturation, mean-abs"),
                colour.err());
        Kinspect.Result noInput = Kinspect.run("graph", model, "--out", out, "--colour", "saturation");
        assertEquals(2, noInput.exitCode());
        assertTrue(noInput.err().contains("--colour and --example only apply with --input"), noInput.err());
        Kinspect.Result noOut = Kinspect.run("graph", model);
        assertEquals(2, noOut.exitCode());
    }

    @Test
    void graphOnlyWritesThePageWithoutAnInput() throws IOException {
        Path out = temp.resolve("page");
        Kinspect.Result result = Kinspect.run(TestFiles.samples().resolve("reverse_digits.keras").toString(),
                "--graph-only", "--out", out.toString());
        assertEquals(0, result.exitCode(), result.err());
        assertEquals("wrote " + out.resolve("index.html") + ": the model graph and summary\n", result.out());
        String index = Files.readString(out.resolve("index.html"));
        assertTrue(index.contains("<title>decoder\nLSTM\noutput shape (None, None, 48)\n11,520 parameters"), index);
        assertTrue(index.contains("id=\"summary\""));
        assertTrue(!index.contains("<section"), "nothing was run: no layer sections");

        Kinspect.Result withInput = Kinspect.run(TestFiles.samples().resolve("sine_lstm.keras").toString(),
                "--graph-only", "--input", "x.npy", "--out", out.toString());
        assertEquals(2, withInput.exitCode());
        assertTrue(withInput.err().contains("--graph-only needs --out DIR and takes no --input"), withInput.err());
        Kinspect.Result colour = Kinspect.run(TestFiles.samples().resolve("sine_lstm.keras").toString(),
                "--graph-only", "--graph-color", "dead-units", "--out", temp.resolve("other").toString());
        assertEquals(0, colour.exitCode(), "--graph-color is the same option: " + colour.err());
    }

    @Test
    void aFileThatIsNoModelGetsOneLine() throws IOException {
        Path notAModel = Files.writeString(temp.resolve("notes.h5"), "these are notes, not a Keras model");
        Kinspect.Result result = Kinspect.run("graph", notAModel.toString(), "--out", temp.resolve("out").toString());
        assertEquals(3, result.exitCode(), result.err());
        assertEquals(1, result.err().lines().filter(line -> line.startsWith("kinspect: ")).count(), result.err());
        assertTrue(Files.notExists(temp.resolve("out").resolve("graph.svg")));
    }

    @Test
    void theReportPageOpensWithTheGraphLinkedToTheSections() throws IOException {
        Path samples = TestFiles.samples();
        Path out = temp.resolve("report");
        Kinspect.Result result = Kinspect.run(samples.resolve("sine_lstm.keras").toString(), "--input",
                samples.resolve("sine_lstm_input.npy").toString(), "--out", out.toString(),
                "--graph-colour", "saturation");
        assertEquals(0, result.exitCode(), result.err());
        String index = Files.readString(out.resolve("index.html"));
        int graph = index.indexOf("<svg");
        assertTrue(graph > 0 && graph < index.indexOf("id=\"summary\""), "the graph on top");
        assertTrue(index.contains("colour: saturated fraction (sigmoid/tanh units)"), "the legend names the statistic");
        assertTrue(index.contains("<a href=\"#layer-lstm_1\">"), "a node links to its section");
        assertTrue(index.contains("<section id=\"layer-lstm_1\">"), "which exists");
    }
}
