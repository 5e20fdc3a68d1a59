package org.kinspect.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kinspect.InspectedModel;
import org.kinspect.errors.KinspectException;
import org.kinspect.weights.WeightNaming;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * SavedModel directories written by {@link SavedModelWriter} from the format's description: what
 * the eight real ones of the corpus do not have (several data shards, every number type, an empty
 * variable, a big-endian checkpoint, TensorFlow 2.0-2.4's metadata place, archives of a folder).
 * Expected numbers are computed here from the values written.
 */
class SavedModelReaderTest {
    static final int INPUTS = 4;
    static final int UNITS = 3;

    @TempDir
    Path folder;

    @Test
    void aDenseModelImportsAndComputesItsWeights() throws IOException {
        Path model = SavedModelWriter.dense(INPUTS, UNITS).write(folder.resolve("tiny"));
        assertEquals(KerasFormat.SAVED_MODEL, KerasFile.detect(model));
        ModelArchive archive = WeightNaming.read(model);
        assertEquals("2.11.0", archive.kerasVersion());
        assertEquals("tensorflow", archive.backend());
        assertDenseWeights(archive);
        assertComputesDense(model);
    }

    @Test
    void fileGivesTheCheckpointAsStoredAndWeightsNamesItsVariables() throws IOException {
        // a variable the model does not reach (an optimizer's) is neither read nor named
        Path model = SavedModelWriter.dense(INPUTS, UNITS)
                .variable("optimizer/slot/.ATTRIBUTES/VARIABLE_VALUE", SavedModelWriter.FLOAT, new long[] {2},
                        new double[] {7, 8})
                .write(folder.resolve("as_stored"));
        StoredModel stored = KerasFile.open(model);
        StoredWeights.Checkpoint checkpoint = assertInstanceOf(StoredWeights.Checkpoint.class, stored.weights());
        assertEquals(Set.of(SavedModelWriter.kernelKey(), "layer_with_weights-0/bias/.ATTRIBUTES/VARIABLE_VALUE"),
                checkpoint.values().keySet());
        assertArrayEquals(kernel().toDoubleMatrix(), checkpoint.values().get(SavedModelWriter.kernelKey()).toDoubleMatrix());
        assertDenseWeights(WeightNaming.name(stored));
    }

    @Test
    void variablesSpreadOverSeveralShardsInOtherNumberTypes() throws IOException {
        Path model = SavedModelWriter.dense(INPUTS, UNITS).shards(3)
                .type(SavedModelWriter.kernelKey(), SavedModelWriter.DOUBLE)
                .type("layer_with_weights-0/bias/.ATTRIBUTES/VARIABLE_VALUE", SavedModelWriter.HALF)
                .write(folder.resolve("sharded"));
        assertTrue(Files.exists(model.resolve("variables/variables.data-00002-of-00003")));
        assertDenseWeights(WeightNaming.read(model));
        assertComputesDense(model);
    }

    @Test
    void aBigEndianCheckpointIsReadInItsByteOrder() throws IOException {
        Path model = SavedModelWriter.dense(INPUTS, UNITS).bigEndian()
                .type("layer_with_weights-0/bias/.ATTRIBUTES/VARIABLE_VALUE", SavedModelWriter.INT64)
                .write(folder.resolve("big_endian"));
        assertDenseWeights(WeightNaming.read(model));
        assertComputesDense(model);
    }

    @Test
    void everyNumberTypeAndAnEmptyVariable() throws IOException {
        double[] values = {0, 1, 2, 3, 5, 7};
        double[] truths = {0, 1, 1, 0, 1, 0};
        int[] types = {SavedModelWriter.FLOAT, SavedModelWriter.DOUBLE, SavedModelWriter.HALF, SavedModelWriter.BFLOAT16,
            SavedModelWriter.INT8, SavedModelWriter.INT16, SavedModelWriter.INT32, SavedModelWriter.INT64,
            SavedModelWriter.UINT8, SavedModelWriter.UINT16, SavedModelWriter.UINT32, SavedModelWriter.UINT64,
            SavedModelWriter.BOOL};
        SavedModelWriter writer = SavedModelWriter.dense(INPUTS, UNITS).shards(2);
        for (int type : types) {
            writer.variable("probe/" + type, type, new long[] {2, 3}, type == SavedModelWriter.BOOL ? truths : values);
        }
        writer.variable("probe/empty", SavedModelWriter.FLOAT, new long[] {3, 0}, new double[0]);
        Path model = writer.write(folder.resolve("types"));
        TensorBundle bundle = TensorBundle.open(SavedModelFiles.of(model, "types"), SavedModelReader.CHECKPOINT);
        for (int type : types) {
            INDArray read = bundle.floats("probe/" + type);
            assertArrayEquals(new long[] {2, 3}, read.shape(), "type " + type);
            double[] expected = type == SavedModelWriter.BOOL ? truths : values;
            assertArrayEquals(expected, read.reshape(6).toDoubleVector(), 0, "type " + type);
        }
        INDArray empty = bundle.floats("probe/empty");
        assertArrayEquals(new long[] {3, 0}, empty.shape());
        assertEquals(0, empty.length());
        // variables no layer owns (optimizer state) are not weights
        assertEquals(List.of("dense"), List.copyOf(WeightNaming.read(model).weights().layers().keySet()));
    }

    @Test
    void tensorFlow23KeptTheKerasMetadataInSavedModelPb() throws IOException {
        Path model = SavedModelWriter.dense(INPUTS, UNITS).metadataInSavedModel().write(folder.resolve("tf23"));
        assertTrue(Files.notExists(model.resolve("keras_metadata.pb")));
        assertDenseWeights(WeightNaming.read(model));
    }

    @Test
    void aSavedModelWithoutKerasMetadataIsRefusedInOneLine() throws IOException {
        Path model = SavedModelWriter.dense(INPUTS, UNITS).write(folder.resolve("plain"));
        Files.delete(model.resolve("keras_metadata.pb"));
        KinspectException refused = assertThrows(KinspectException.class, () -> KerasFile.open(model));
        assertTrue(refused.getMessage().contains("without Keras metadata"), refused.getMessage());
        assertEquals(KinspectException.Problem.UNSUPPORTED, refused.problem());
    }

    @Test
    void aZipAndATarGzOfTheFolderAreToldFromTheirBytes() throws IOException {
        Path model = SavedModelWriter.dense(INPUTS, UNITS).shards(2).write(folder.resolve("packed"));
        Path zip = folder.resolve("model.bin");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip)); Stream<Path> files = Files.walk(model)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new ZipEntry("packed/" + model.relativize(file).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(file));
                out.closeEntry();
            }
        }
        Path tar = folder.resolve("model.data");
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(new GZIPOutputStream(Files.newOutputStream(tar)));
                Stream<Path> files = Files.walk(model)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                TarArchiveEntry entry = new TarArchiveEntry(file.toFile(), model.relativize(file).toString());
                out.putArchiveEntry(entry);
                Files.copy(file, out);
                out.closeArchiveEntry();
            }
        }
        for (Path archive : List.of(zip, tar)) {
            assertEquals(KerasFormat.SAVED_MODEL, KerasFile.detect(archive), archive.toString());
            assertDenseWeights(WeightNaming.read(archive));
            assertComputesDense(archive);
        }
        try (Stream<Path> left = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertTrue(left.noneMatch(path -> path.getFileName().toString().startsWith("kinspect-savedmodel-")
                    && Files.isDirectory(path.resolve("packed"))), "an unpacked copy was left behind");
        }
    }

    @Test
    void aStatefulRnnGoesOnFromTheStatesItWasSavedWith() throws IOException {
        int batch = 2;
        int features = 3;
        int units = 4;
        Path model = SavedModelWriter.statefulSimpleRnn(batch, features, units).write(folder.resolve("stateful"));
        ModelArchive archive = WeightNaming.read(model);
        assertEquals(List.of("kernel", "recurrent_kernel", "bias"),
                archive.weights().layer("rnn").orElseThrow().tensors().stream().map(WeightTensor::name).toList());
        assertEquals(1, archive.weights().savedStates("rnn").size());
        InspectedModel inspected = InspectedModel.open(model);
        INDArray x = Nd4j.create(new float[] {1, -1, 0.5f, -0.5f, 2, 0}, new long[] {batch, 1, features}, 'c');
        Map<String, INDArray> first = org.kinspect.StatefulSession.of(inspected).activations(Map.of("x", x));
        // one step of tanh(x W + h0 U + b), by hand, from the saved h0
        for (int row = 0; row < batch; row++) {
            for (int j = 0; j < units; j++) {
                double sum = 0.1 * (j + 1);
                for (int i = 0; i < features; i++) {
                    sum += x.getDouble(row, 0, i) * ((i + j) % 3 - 1);
                }
                for (int i = 0; i < units; i++) {
                    sum += 0.2 * (row + 1) * (i - 1) * (i == j ? 0.5 : -0.25);
                }
                assertEquals(Math.tanh(sum), first.get("rnn").getDouble(row, j), 1e-6, "row " + row + " unit " + j);
            }
        }
        // activations() starts from zeros, as it does for any model
        INDArray fromZeros = inspected.activations(Map.of("x", x)).get("rnn");
        double sum = 0.1;
        for (int i = 0; i < features; i++) {
            sum += x.getDouble(0, 0, i) * (i % 3 - 1);
        }
        assertEquals(Math.tanh(sum), fromZeros.getDouble(0, 0), 1e-6);
    }

    /** The kernel {@code (i * units + j) % 7 - 3} and bias {@code j + 1} the writer stores. */
    private static void assertDenseWeights(ModelArchive archive) {
        LayerWeights dense = archive.weights().layer("dense").orElseThrow();
        assertEquals(List.of("kernel", "bias"), dense.tensors().stream().map(WeightTensor::name).toList());
        assertArrayEquals(kernel().toDoubleMatrix(), dense.byName().get("kernel").values().toDoubleMatrix());
        assertArrayEquals(bias().toDoubleVector(), dense.byName().get("bias").values().toDoubleVector(), 0);
    }

    private static void assertComputesDense(Path model) {
        InspectedModel inspected = InspectedModel.open(model);
        INDArray x = Nd4j.create(new float[][] {{1, -2, 0.5f, 3}, {0, 1, 1, -1}});
        INDArray ours = inspected.activation("dense", Map.of(inspected.inputNames().get(0), x));
        double[][] expected = new double[2][UNITS];
        double[][] kernel = kernel().toDoubleMatrix();
        for (int row = 0; row < 2; row++) {
            for (int j = 0; j < UNITS; j++) {
                expected[row][j] = j + 1;
                for (int i = 0; i < INPUTS; i++) {
                    expected[row][j] += x.getDouble(row, i) * kernel[i][j];
                }
            }
        }
        for (int row = 0; row < 2; row++) {
            assertArrayEquals(expected[row], ours.getRow(row).toDoubleVector(), 1e-5);
        }
    }

    private static INDArray kernel() {
        float[] values = new float[INPUTS * UNITS];
        for (int i = 0; i < values.length; i++) {
            values[i] = i % 7 - 3;
        }
        return Nd4j.create(values, new long[] {INPUTS, UNITS}, 'c');
    }

    private static INDArray bias() {
        return Nd4j.create(new float[] {1, 2, 3});
    }
}
