package org.kinspect.convert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kinspect.InspectedModel;
import org.kinspect.ModelInternals;
import org.kinspect.errors.KinspectException;
import org.kinspect.file.ConvertedZip;
import org.kinspect.file.KerasFile;
import org.kinspect.file.KerasFormat;
import org.kinspect.inspect.KerasReference;
import org.kinspect.inspect.LayerComparison;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A converted model's file: told from the bytes, read by DL4J's own ModelSerializer, reopened
 * with Keras's numbers, and when damaged, hostile or newer, refused in one line.
 */
class ConvertedModelFilesTest {
    static final Path MODEL = Path.of("src/test/resources/keras3/dense_mlp.keras");
    static final Path REFERENCE = Path.of("src/test/resources/keras3/dense_mlp_io.h5");

    @TempDir Path folder;
    Path converted;

    @BeforeEach
    void convert() {
        converted = folder.resolve("dense_mlp.zip");
        InspectedModel.open(MODEL).save(converted);
    }

    @Test
    void theSameModelConvertsToTheSameBytes() throws IOException {
        // a build or a test that mutates a converted file (ModelFuzzTest) sees the same bytes every time
        Path again = folder.resolve("again.zip");
        InspectedModel.open(MODEL).save(again);
        assertArrayEquals(Files.readAllBytes(converted), Files.readAllBytes(again));
    }

    @Test
    void isToldFromItsBytesAndGivesKerasNumbersWithoutTheKerasFile() {
        Path renamed = folder.resolve("model.h5"); // the name says nothing
        assertTrue(converted.toFile().renameTo(renamed.toFile()));
        assertEquals(KerasFormat.KINSPECT_CONVERTED, KerasFile.detect(renamed));
        KinspectException notKeras = assertThrows(KinspectException.class, () -> KerasFile.open(renamed));
        assertTrue(notKeras.getMessage().contains("a model converted by kinspect"), notKeras.getMessage());

        InspectedModel reopened = InspectedModel.open(renamed);
        assertEquals(KerasFormat.KERAS_ZIP, reopened.conversion().orElseThrow().sourceFormat());
        assertEquals("dense_mlp.keras", reopened.conversion().orElseThrow().sourceFileName());
        KerasReference keras = KerasReference.read(REFERENCE);
        Map<String, INDArray> ours = reopened.activations(keras.inputs());
        keras.activations().forEach((layer, expected) -> {
            LayerComparison comparison = LayerComparison.compare(layer, ours.get(layer), expected, 1e-5);
            assertTrue(comparison.matches(), layer + ": " + comparison.maxAbsoluteError());
        });
    }

    @Test
    void gatesAndReturnedStatesNeedNoKerasFile() throws IOException {
        Path keras = Files.copy(Path.of("src/test/resources/keras3/masking_lstm.keras"), folder.resolve("masking_lstm.keras"));
        Map<String, INDArray> inputs = KerasReference.read(Path.of("src/test/resources/keras3/masking_lstm_io.h5")).inputs();
        InspectedModel fresh = InspectedModel.open(keras);
        Path zip = folder.resolve("masking_lstm.zip");
        fresh.save(zip);
        Files.delete(keras); // from here on only the converted file exists
        InspectedModel reopened = InspectedModel.open(zip);
        String lstm = ModelInternals.spec(reopened).layers().stream().filter(layer -> layer.className().equals("LSTM"))
                .findFirst().orElseThrow().name();
        RoundTrip.assertBitsEqual(fresh.gates(inputs, lstm).trace("c"), reopened.gates(inputs, lstm).trace("c"), "c of " + lstm);
        String finalH = lstm + "__1";
        RoundTrip.assertBitsEqual(fresh.withReturnedStates(List.of(lstm)).activations(inputs).get(finalH),
                reopened.withReturnedStates(List.of(lstm)).activations(inputs).get(finalH), finalH);
    }

    @Test
    void dl4jsOwnModelSerializerReadsTheGraph() throws IOException {
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(converted.toFile(), false);
        InspectedModel reopened = InspectedModel.open(converted);
        assertEquals(reopened.graph().getConfiguration().toJson(), restored.getConfiguration().toJson());
        assertArrayEquals(reopened.graph().params().data().asFloat(), restored.params().data().asFloat());
        assertFalse(ModelSerializer.listObjectsInFile(converted.toFile()).contains("updaterState.bin"));
    }

    @Test
    void aNewerConvertedFormatIsRefusedInOneLine() throws IOException {
        Path newer = rewritten("newer.zip", ConvertedZip.METADATA,
                text -> text.replace("\"format_version\" : " + ConvertedModelFormat.VERSION + ",", "\"format_version\" : 7,"));
        KinspectException refused = assertThrows(KinspectException.class, () -> InspectedModel.open(newer));
        assertTrue(refused.getMessage().contains("converted by a newer kinspect") && refused.getMessage().contains(
                "converted format 7") && refused.getMessage().contains("reads format " + ConvertedModelFormat.VERSION + " and older"), refused.getMessage());
        assertEquals(KinspectException.Problem.UNSUPPORTED, refused.problem());
        assertFalse(refused.getMessage().contains("\n"));
    }

    @Test
    void damagedMetadataIsNamedInOneLine() throws IOException {
        Path noSpec = rewritten("nospec.zip", ConvertedZip.METADATA, text -> text.replace("\"spec\" :", "\"speck\" :"));
        assertOneLine(noSpec, "'spec' is not an object");
        Path notJson = rewritten("notjson.zip", ConvertedZip.METADATA, text -> text.substring(0, text.length() / 2));
        assertOneLine(notJson, "is damaged (not JSON");
        Path badWeights = rewritten("weights.zip", ConvertedZip.METADATA, text -> text.replaceFirst("\"shape\" : \\[ (\\d+)", "\"shape\" : [ 9$1"));
        assertOneLine(badWeights, "does not hold");
    }

    @Test
    void parametersThatDoNotFitTheGraphAreRefused() throws IOException {
        ByteArrayOutputStream fewer = new ByteArrayOutputStream();
        Nd4j.write(Nd4j.ones(1, 3), new DataOutputStream(fewer));
        Path shorter = rewrittenBytes("fewer.zip", "coefficients.bin", bytes -> fewer.toByteArray());
        assertOneLine(shorter, "missing or shorter than");
        Path garbled = rewrittenBytes("garbled.zip", "configuration.json", bytes -> "{\"vertices\": 3}".getBytes(StandardCharsets.UTF_8));
        assertOneLine(garbled, "DL4J configuration cannot be read");
    }

    @Test
    void hostileZipsAreRefusedAsKerasZipsAre() throws IOException {
        Map<String, byte[]> entries = entries(converted);
        entries.put("../escape.txt", new byte[] {1});
        Path escaping = zip("escaping.zip", entries);
        assertOneLine(escaping, "unsafe path");

        byte[] whole = Files.readAllBytes(converted);
        Path truncated = Files.write(folder.resolve("truncated.zip"), java.util.Arrays.copyOf(whole, whole.length / 2));
        KinspectException refused = assertThrows(KinspectException.class, () -> InspectedModel.open(truncated));
        assertFalse(refused.getMessage().contains("\n"), refused.getMessage());
    }

    private void assertOneLine(Path file, String expected) {
        KinspectException refused = assertThrows(KinspectException.class, () -> InspectedModel.open(file));
        assertTrue(refused.getMessage().contains(expected), refused.getMessage());
        assertTrue(refused.getMessage().startsWith(file.toString()), refused.getMessage());
        assertFalse(refused.getMessage().contains("\n"), refused.getMessage());
    }

    private Path rewritten(String name, String entry, UnaryOperator<String> change) throws IOException {
        return rewrittenBytes(name, entry, bytes -> change.apply(new String(bytes, StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8));
    }

    private Path rewrittenBytes(String name, String entry, UnaryOperator<byte[]> change) throws IOException {
        Map<String, byte[]> entries = entries(converted);
        byte[] before = entries.get(entry);
        byte[] after = change.apply(before);
        assertFalse(java.util.Arrays.equals(before, after), "the change changed nothing in " + entry);
        entries.put(entry, after);
        return zip(name, entries);
    }

    private Path zip(String name, Map<String, byte[]> entries) throws IOException {
        Path file = folder.resolve(name);
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
            for (var entry : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(entry.getKey()));
                out.write(entry.getValue());
                out.closeEntry();
            }
        }
        return file;
    }

    private static Map<String, byte[]> entries(Path zipFile) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(zipFile.toFile())) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                entries.put(entry.getName(), zip.getInputStream(entry).readAllBytes());
            }
        }
        return entries;
    }
}
