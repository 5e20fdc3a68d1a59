package org.kinspect.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kinspect.array.NpyFile;
import org.kinspect.weights.WeightNaming;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The kinspect command on files from strangers, end to end: every bad model, input or output
 * folder gives a non-zero exit code, exactly one {@code kinspect: } line on stderr, no stack trace,
 * and leaves the user's files as they were; valid but unusual {@code .npy} inputs (other dtypes,
 * big-endian, Fortran order) give exactly what their float32 equivalent gives.
 */
class HostileInputsTest {
    @TempDir
    Path temp;

    @Test
    void brokenModelFilesFailCleanly() throws IOException {
        Path good = TestFiles.model(TestFiles.SIMPLE_RNN);
        byte[] model = Files.readAllBytes(good);
        byte[] noise = new byte[4096];
        new Random(3).nextBytes(noise);
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put(write("empty.h5", new byte[0]), "the file is empty");
        expected.put(write("noise.h5", noise), "not a Keras model file");
        expected.put(write("pickle.h5", new byte[] {(byte) 0x80, 4, (byte) 0x95, 1, 0, 0}), "a Python pickle");
        expected.put(write("text.h5", "hello\n".getBytes(StandardCharsets.UTF_8)), "not a Keras model file");
        expected.put(write("half.h5", Arrays.copyOf(model, model.length / 2)), "truncated");
        expected.put(write("head.h5", Arrays.copyOf(model, 600)), "");
        expected.put(TestFiles.weights(TestFiles.SIMPLE_RNN).toString(), "weights-only file");
        expected.put(write("wider.h5", replaced(model, "\"units\": 50", "\"units\": 51")),
                "layer 'simple_rnn_1' (SimpleRNN): its weights in the file");
        String start = "{\"class_name\": \"Sequential\"";
        expected.put(write("brackets.h5", replaced(model, start, "[".repeat(start.length()))), "not valid JSON");
        for (Map.Entry<String, String> file : expected.entrySet()) {
            String line = assertCleanFailure(ErrorReporter.BAD_MODEL_FILE, file.getKey(), "summary", file.getKey());
            assertTrue(line.contains(file.getValue()), line);
        }
    }

    @Test
    void hostileKerasZipsFailCleanly() throws IOException {
        Path sample = sample("two_inputs.keras");
        Map<String, byte[]> entries = zipEntries(sample);
        Map<String, String> expected = new LinkedHashMap<>();
        Map<String, byte[]> climbing = new LinkedHashMap<>(entries);
        climbing.put("../../evil.txt", new byte[] {1});
        expected.put(zip("climbing.keras", climbing), "unsafe path");
        Map<String, byte[]> absolute = new LinkedHashMap<>(entries);
        absolute.put("/tmp/evil.txt", new byte[] {1});
        expected.put(zip("absolute.keras", absolute), "unsafe path");
        Map<String, byte[]> noConfig = new LinkedHashMap<>(entries);
        noConfig.remove("config.json");
        expected.put(zip("no_config.keras", noConfig), "without config.json");
        Map<String, byte[]> noWeights = new LinkedHashMap<>(entries);
        noWeights.remove("model.weights.h5");
        expected.put(zip("no_weights.keras", noWeights), "no model.weights.h5");
        Map<String, byte[]> bomb = new LinkedHashMap<>(entries);
        bomb.put("assets/zeros.bin", new byte[64 << 20]);
        expected.put(zip("bomb.keras", bomb), "zip bomb");
        for (Map.Entry<String, String> file : expected.entrySet()) {
            String line = assertCleanFailure(ErrorReporter.BAD_MODEL_FILE, file.getKey(), "summary", file.getKey());
            assertTrue(line.contains(file.getValue()), line);
        }
    }

    @Test
    void badInputsFailCleanly() throws IOException {
        String model = TestFiles.model(TestFiles.SIMPLE_RNN).toString();
        double[] values = new double[25];
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put(write("wrong.npy", NpyBytes.of("<f4", false, new long[] {25, 2, 1}, new double[50])),
                "has shape [25, 2, 1] but the model wants [25, 1, 1]");
        expected.put(write("objects.npy", NpyBytes.withHeader("{'descr': '|O', 'fortran_order': False, 'shape': (2,), }",
                new byte[] {(byte) 0x80, 2, ']', 'q', 0, '.'})), "");
        expected.put(write("strings.npy", NpyBytes.withHeader("{'descr': '<U3', 'fortran_order': False, 'shape': (2,), }",
                new byte[24])), "");
        byte[] full = NpyBytes.of("<f4", false, new long[] {25, 1, 1}, values);
        expected.put(write("truncated.npy", Arrays.copyOf(full, full.length - 7)), "");
        expected.put(write("empty_axis.npy", NpyBytes.of("<f4", false, new long[] {25, 0, 1}, new double[0])), "");
        for (Map.Entry<String, String> input : expected.entrySet()) {
            String line = assertCleanFailure(ErrorReporter.BAD_INPUT, input.getKey(), model, "--input", input.getKey());
            assertTrue(line.contains(input.getValue()), line);
            assertTrue(line.contains(Path.of(input.getKey()).getFileName().toString()) || line.contains("input '"), line);
        }
        String missing = temp.resolve("absent.npy").toString();
        assertTrue(assertCleanFailure(ErrorReporter.BAD_INPUT, model, model, "--input", missing).contains("absent.npy: no such file"));
    }

    @Test
    void tooFewOrTooManyInputsForAMultiInputModel() throws IOException {
        String model = sample("two_inputs.keras").toString();
        String image = "image=" + sample("two_inputs_image.npy");
        String meta = "meta=" + sample("two_inputs_meta.npy");
        String tooFew = assertCleanFailure(ErrorReporter.BAD_INPUT, model, model, "--input", image);
        assertTrue(tooFew.contains("no --input for model input 'meta'"), tooFew);
        String extra = "extra=" + sample("two_inputs_meta.npy");
        String tooMany = assertCleanFailure(ErrorReporter.BAD_INPUT, model, model, "--input", image, "--input", meta, "--input", extra);
        assertTrue(tooMany.contains("no input named 'extra'") && tooMany.contains("image, meta"), tooMany);
        String twice = assertCleanFailure(ErrorReporter.BAD_INPUT, model, model, "--input", image, "--input", image, "--input", meta);
        assertTrue(twice.contains("given twice"), twice);
    }

    @Test
    void anUnknownLayerNamesTheNearest() {
        String model = sample("two_inputs.keras").toString();
        String line = assertCleanFailure(ErrorReporter.BAD_INPUT, model, model, "--input", "image=" + sample("two_inputs_image.npy"),
                "--input", "meta=" + sample("two_inputs_meta.npy"), "--layer", "concatt");
        assertTrue(line.contains("no layer named 'concatt'") && line.contains("nearest: concat"), line);
    }

    @Test
    void anOutputFolderThatCannotBeUsedIsRefusedBeforeAnythingIsWritten() throws IOException {
        String model = TestFiles.model(TestFiles.SIMPLE_RNN).toString();
        String input = TestFiles.writeInputs(TestFiles.reference(TestFiles.SIMPLE_RNN), temp).get(0).toString();
        Path file = Files.writeString(temp.resolve("notes.txt"), "mine");
        assertTrue(assertCleanFailure(ErrorReporter.BAD_INPUT, model, model, "--input", input, "--out", file.toString())
                .contains("is a file, not a folder"));
        assertTrue(assertCleanFailure(ErrorReporter.BAD_INPUT, model, model, "--input", input, "--out", file.resolve("under").toString())
                .contains("cannot create this folder"));
        Path out = Files.createDirectories(temp.resolve("out"));
        Path existing = Files.writeString(out.resolve("dense_1.npy"), "not an array");
        String refused = assertCleanFailure(ErrorReporter.BAD_INPUT, existing.toString(), model, "--input", input, "--out", out.toString());
        assertTrue(refused.contains("already exists; add --force"), refused);
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(1, files.count(), "nothing written beside the existing file");
        }
        Kinspect.Result forced = Kinspect.run(model, "--input", input, "--out", out.toString(), "--force", "-q");
        assertEquals(0, forced.exitCode(), forced.err());
        assertArrayEquals(new long[] {25, 1}, NpyFile.read(existing).shape(), "replaced with --force");
    }

    @Test
    void nanWeightsRunWithAWarning() throws IOException {
        Path good = TestFiles.model(TestFiles.SIMPLE_RNN);
        INDArray kernel = WeightNaming.read(good).weights().layer("dense_1").orElseThrow().byName().get("kernel").values();
        byte[] first = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(kernel.getFloat(0)).array();
        byte[] nan = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(Float.NaN).array();
        Path model = Path.of(write("nan.h5", replaced(Files.readAllBytes(good), first, nan)));
        Path input = TestFiles.writeInputs(TestFiles.reference(TestFiles.SIMPLE_RNN), temp).get(0);

        Kinspect.Result result = Kinspect.run(model.toString(), "--input", input.toString(), "-q");

        assertEquals(0, result.exitCode(), result.err());
        assertEquals(List.of(Kinspect.WARNING + "layer 'dense_1': weight 'kernel' holds 1 NaN of its 50 values; "
                + "what the layer computes from them will be NaN or infinite"), result.errLines());
    }

    @Test
    void unusualButValidNpyInputsGiveWhatFloat32Gives() throws IOException {
        Path model = sample("sine_lstm.keras");
        long[] shape = NpyFile.read(sample("sine_lstm_input.npy")).shape();
        double[] sine = NpyFile.read(sample("sine_lstm_input.npy")).data().asDouble();
        // Integers from -3 to 3, which every dtype holds exactly; bool gets 0 and 1.
        double[] small = Arrays.stream(sine).map(value -> Math.round(value * 3)).toArray();
        double[] bits = Arrays.stream(sine).map(value -> value > 0 ? 1 : 0).toArray();
        List<String> layers = org.kinspect.InspectedModel.open(model).layerNames();
        // The first layer after the input and the last: the input reached the model as float32 in
        // Keras's layout, and everything after it follows. Fewer layers, fewer charts written.
        String[] shown = {"--layer", layers.get(1), "--layer", layers.get(layers.size() - 1)};
        Map<String, INDArray> baseline = run(model, "f4-c", NpyBytes.of("<f4", false, shape, small), shown);
        Map<String, INDArray> bitsBaseline = run(model, "bits-f4", NpyBytes.of("<f4", false, shape, bits), shown);
        // Every dtype, byte order and memory order is read by NpyFile (NpyFileTest); end to end, one
        // of each kind: half and double precision, big-endian, Fortran order, signed integers of 1 and 8 bytes.
        Map<String, byte[]> variants = new LinkedHashMap<>();
        variants.put("float16", NpyBytes.of("<f2", false, shape, small));
        variants.put("float64 big-endian Fortran", NpyBytes.of(">f8", true, shape, small));
        variants.put("int8 Fortran", NpyBytes.of("|i1", true, shape, small));
        variants.put("int64 big-endian", NpyBytes.of(">i8", false, shape, small));
        int n = 0;
        for (Map.Entry<String, byte[]> variant : variants.entrySet()) {
            assertSameArrays(baseline, run(model, "variant-" + n++, variant.getValue(), shown), variant.getKey());
        }
        assertSameArrays(bitsBaseline, run(model, "bool", NpyBytes.of("|b1", false, shape, bits), shown), "bool");
    }

    @Test
    void helpSaysHowFilesAreTreated() {
        String help = Kinspect.run("--help").out();
        assertTrue(help.contains("treated as untrusted") && help.contains("-Dkinspect.timeLimitSeconds")
                && help.contains("kinspect: warning:"), help);
    }

    /** Runs kinspect with one input file, writing every layer to a folder; returns what it wrote. */
    private Map<String, INDArray> run(Path model, String name, byte[] npy, String... layers) throws IOException {
        Path input = Files.write(temp.resolve(name + ".npy"), npy);
        Path out = temp.resolve("out-" + name);
        List<String> arguments = new ArrayList<>(List.of(model.toString(), "--input", input.toString(),
                "--out", out.toString(), "-q"));
        arguments.addAll(List.of(layers));
        Kinspect.Result result = Kinspect.run(arguments.toArray(String[]::new));
        assertEquals(0, result.exitCode(), name + ": " + result.err());
        assertEquals("", result.err(), name);
        Map<String, INDArray> written = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(out)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".npy")).sorted().toList()) {
                written.put(file.getFileName().toString(), NpyFile.read(file));
            }
        }
        return written;
    }

    private static void assertSameArrays(Map<String, INDArray> expected, Map<String, INDArray> actual, String what) {
        assertTrue(expected.size() >= 2, "the two layers' outputs written: " + expected.keySet());
        assertEquals(expected.keySet(), actual.keySet(), what);
        for (String layer : expected.keySet()) {
            assertArrayEquals(expected.get(layer).shape(), actual.get(layer).shape(), what + " " + layer);
            assertArrayEquals(expected.get(layer).data().asFloat(), actual.get(layer).data().asFloat(), what + " " + layer);
        }
    }

    /**
     * Runs kinspect, checks the error contract (one line, this exit code) and that {@code file} is unchanged.
     *
     * @return the one error line
     */
    private static String assertCleanFailure(int exitCode, String file, String... arguments) {
        String before = hash(Path.of(file));
        Kinspect.Result result = Kinspect.run(arguments);
        String line = result.singleErrorLine();
        assertEquals(exitCode, result.exitCode(), String.join(" ", arguments) + ": " + result.err());
        assertEquals(before, hash(Path.of(file)), file + " was changed");
        return line;
    }

    private static String hash(Path file) {
        if (!Files.exists(file)) {
            return "absent";
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String write(String name, byte[] bytes) throws IOException {
        return Files.write(temp.resolve(name), bytes).toString();
    }

    private static byte[] replaced(byte[] bytes, String from, String to) {
        return replaced(bytes, from.getBytes(StandardCharsets.US_ASCII), to.getBytes(StandardCharsets.US_ASCII));
    }

    /** Replaces the one occurrence of {@code from} with bytes of the same length. */
    private static byte[] replaced(byte[] bytes, byte[] from, byte[] to) {
        assertEquals(from.length, to.length);
        byte[] copy = bytes.clone();
        List<Integer> found = new ArrayList<>();
        for (int at = 0; at + from.length <= copy.length; at++) {
            if (Arrays.equals(copy, at, at + from.length, from, 0, from.length)) {
                found.add(at);
            }
        }
        assertEquals(1, found.size(), "occurrences of the bytes to replace");
        System.arraycopy(to, 0, copy, found.get(0), to.length);
        return copy;
    }

    private static Map<String, byte[]> zipEntries(Path file) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
                entries.put(entry.getName(), zip.getInputStream(entry).readAllBytes());
            }
        }
        return entries;
    }

    private String zip(String name, Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (var entry : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(entry.getKey()));
                out.write(entry.getValue());
                out.closeEntry();
            }
        }
        return write(name, bytes.toByteArray());
    }

    private static Path sample(String name) {
        Path file = TestFiles.samples().resolve(name);
        Assumptions.assumeTrue(Files.isRegularFile(file), "no sample " + file);
        return file;
    }
}
