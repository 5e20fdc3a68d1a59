package org.kinspect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kinspect.errors.KinspectException;

/**
 * One test per exit code: 0 done, 1 verify mismatch, 2 usage, 3 bad model file, 4 bad input,
 * 5 unsupported model feature, 6 not enough memory or time, 70 internal error; the same for every
 * command, and listed by {@code --help}.
 */
class ExitCodesTest {
    @TempDir
    Path temp;

    @Test
    void zeroWhenDone() {
        Kinspect.Result result = Kinspect.run("summary", TestFiles.model(TestFiles.SIMPLE_RNN).toString());
        assertEquals(0, result.exitCode(), result.err());
    }

    @Test
    void oneForAVerifyMismatch() {
        Kinspect.Result result = Kinspect.run("verify", TestFiles.model(TestFiles.SIMPLE_RNN).toString(),
                "--reference", TestFiles.reference(TestFiles.SIMPLE_RNN).toString(), "--tolerance", "0", "-q");
        assertEquals(1, result.exitCode(), result.out() + result.err());
    }

    @Test
    void twoForAWrongCommandLine() {
        Kinspect.Result result = Kinspect.run("summary", "model.h5", "--no-such-option");
        assertEquals(2, result.exitCode(), result.err());
    }

    @Test
    void threeForABadModelFile() throws IOException {
        byte[] noise = new byte[4096];
        new Random(11).nextBytes(noise);
        Path model = Files.write(temp.resolve("noise.h5"), noise);
        for (String command : List.of("summary", "weights", "memory")) {
            Kinspect.Result result = Kinspect.run(command, model.toString());
            assertEquals(3, result.exitCode(), command + ": " + result.err());
            assertTrue(result.singleErrorLine().startsWith("kinspect: "), result.err());
        }
    }

    @Test
    void threeForAModelFileWithoutTheWeightsItsLayersNeed() throws IOException {
        // a .keras zip whose model.weights.h5 holds no layer's weights: never a model of zeros
        Path weights = temp.resolve("model.weights.h5");
        try (io.jhdf.WritableHdfFile hdf = io.jhdf.HdfFile.write(weights)) {
            hdf.putGroup("vars");
        }
        Path model = temp.resolve("no_weights.keras");
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(model))) {
            zip.putNextEntry(new java.util.zip.ZipEntry("metadata.json"));
            zip.write("{\"keras_version\": \"3.16.0\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            zip.putNextEntry(new java.util.zip.ZipEntry("config.json"));
            zip.write(("{\"class_name\": \"Sequential\", \"config\": {\"name\": \"s\", \"layers\": ["
                    + "{\"class_name\": \"InputLayer\", \"config\": {\"batch_shape\": [null, 3], \"dtype\": \"float32\","
                    + " \"name\": \"x\"}}, {\"class_name\": \"Dense\", \"config\": {\"name\": \"dense\", \"units\": 2,"
                    + " \"activation\": \"linear\", \"use_bias\": true, \"kernel_initializer\": {\"class_name\":"
                    + " \"GlorotUniform\", \"config\": {}}, \"bias_initializer\": {\"class_name\": \"Zeros\","
                    + " \"config\": {}}}}]}}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            zip.putNextEntry(new java.util.zip.ZipEntry("model.weights.h5"));
            Files.copy(weights, zip);
        }
        for (String command : List.of("summary", "weights")) {
            Kinspect.Result result = Kinspect.run(command, model.toString());
            assertEquals(3, result.exitCode(), command + ": " + result.err());
            assertTrue(result.singleErrorLine().contains("no weights for layer 'dense' (Dense)"), result.err());
        }
    }

    @Test
    void fourForABadInput() throws IOException {
        Path npy = Files.writeString(temp.resolve("x.npy"), "not an array");
        Kinspect.Result result = Kinspect.run(TestFiles.model(TestFiles.SIMPLE_RNN).toString(), "--input", npy.toString());
        assertEquals(4, result.exitCode(), result.err());
        assertTrue(result.singleErrorLine().contains("x.npy"), result.err());
    }

    @Test
    void fiveForAnUnsupportedModelFeature() throws IOException {
        // A layer class neither Keras's built-ins nor registered: valid Keras, not importable.
        Path config = Files.writeString(temp.resolve("unknown.json"), """
                {"class_name": "Model", "keras_version": "2.4.0", "backend": "tensorflow", "config": {
                  "name": "unknown", "input_layers": [["x", 0, 0]], "output_layers": [["d", 0, 0]],
                  "layers": [
                    {"class_name": "InputLayer", "name": "x", "inbound_nodes": [],
                     "config": {"name": "x", "batch_input_shape": [null, 4], "dtype": "float32"}},
                    {"class_name": "NoSuchLayer", "name": "d",
                     "inbound_nodes": [[["x", 0, 0, {}]]],
                     "config": {"name": "d", "units": 4}}]}}
                """);
        Kinspect.Result result = Kinspect.run("memory", config.toString());
        assertEquals(5, result.exitCode(), result.err());
        assertTrue(result.singleErrorLine().contains("NoSuchLayer"), result.err());
    }

    @Test
    void sixForTooLittleMemoryOrTime() {
        assertEquals(6, ErrorReporter.report(KinspectException.resources("needs 9 GB"), new PrintWriter(new StringWriter()),
                false));
        assertEquals(6, ErrorReporter.report(new OutOfMemoryError("Java heap space"), new PrintWriter(new StringWriter()),
                false));
    }

    @Test
    void seventyForABug() {
        StringWriter err = new StringWriter();
        assertEquals(70, ErrorReporter.report(new NullPointerException("x"), new PrintWriter(err), false));
        assertTrue(err.toString().contains("internal error") && err.toString().contains("please report"), err.toString());
    }

    @Test
    void seventyForABrokenInvariantKinspectCaughtItself() {
        StringWriter err = new StringWriter();
        KinspectException broken = KinspectException.internal("layer 'dense' (Dense) computed an output of shape"
                + " (2, 1, 4) where Keras gives (2, 4)");
        assertEquals(70, ErrorReporter.report(broken, new PrintWriter(err), false));
        assertEquals("kinspect: internal error: layer 'dense' (Dense) computed an output of shape (2, 1, 4) where"
                + " Keras gives (2, 4) (please report this)", err.toString().strip());
    }

    @Test
    void everyKindOfProblemHasItsOwnCode() {
        Set<Integer> codes = new HashSet<>();
        for (KinspectException.Problem problem : KinspectException.Problem.values()) {
            int code = ErrorReporter.exitCode(problem);
            assertTrue(codes.add(code), problem + " shares code " + code);
            // A user's problem is 3 to 6; a bug kinspect caught itself (a broken invariant) is 70, as every bug.
            assertTrue(code >= 3 && (code < 70 || problem == KinspectException.Problem.INTERNAL && code == 70),
                    problem + ": " + code);
        }
        assertEquals(3, ErrorReporter.exitCode(KinspectException.Problem.MODEL_FILE));
        assertEquals(4, ErrorReporter.exitCode(KinspectException.Problem.INPUT));
        assertEquals(5, ErrorReporter.exitCode(KinspectException.Problem.UNSUPPORTED));
        assertEquals(6, ErrorReporter.exitCode(KinspectException.Problem.RESOURCES));
        assertEquals(3, ErrorReporter.exitCode(KinspectException.modelFile("damaged").problem()), "a model file problem");
    }

    @Test
    void helpListsEveryCode() {
        Kinspect.Result result = Kinspect.run("--help");
        assertEquals(0, result.exitCode());
        for (String code : List.of("0", "1", "2", "3", "4", "5", "6", "70")) {
            assertTrue(result.out().lines().anyMatch(line -> line.startsWith("  " + code + " ")), code + ": " + result.out());
        }
        assertTrue(result.out().contains("EX_SOFTWARE"), result.out());
    }
}
