package org.kinspect.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kinspect.Corpus;
import org.kinspect.errors.KinspectException;
import org.kinspect.weights.WeightNaming;

/** The jhdf reader on real Keras 1 and Keras 2 files, full models and weights-only files. */
class KerasFileTest {
    static final String EXAMPLES = "dl4j-test-resources/modelimport/keras/examples/";

    @Test
    void readsKeras1WeightNamesWithoutLayerPrefixOrSuffix() {
        ModelArchive archive = WeightNaming.read(example("simple_lstm/simple_lstm_tf_keras_1_model.h5"));
        assertEquals("1.2.2", archive.kerasVersion());
        LayerWeights lstm = archive.weights().layer("lstm_1").orElseThrow();
        // Keras 1 stores an LSTM as twelve arrays, lstm_1_W_i:0 ... lstm_1_b_o:0.
        assertEquals(List.of("W_i", "U_i", "b_i", "W_c", "U_c", "b_c", "W_f", "U_f", "b_f", "W_o", "U_o", "b_o"),
                lstm.tensors().stream().map(WeightTensor::name).toList());
        assertArrayEquals(new long[] {1, 50}, lstm.byName().get("W_i").shape());
        assertArrayEquals(new long[] {50, 50}, lstm.byName().get("U_i").shape());
        assertArrayEquals(new long[] {50, 1}, archive.weights().layer("dense_1").orElseThrow().byName().get("W").shape());
        assertTrue(archive.trainingConfig().isPresent());
    }

    @Test
    void readsKeras2WeightsByKerasName() {
        ModelArchive archive = WeightNaming.read(example("simple_lstm/simple_lstm_tf_keras_2_model.h5"));
        assertEquals("2.0.6", archive.kerasVersion());
        assertEquals("tensorflow", archive.backend());
        LayerWeights lstm = archive.weights().layer("lstm_1").orElseThrow();
        assertEquals(List.of("kernel", "recurrent_kernel", "bias"), lstm.tensors().stream().map(WeightTensor::name).toList());
        assertArrayEquals(new long[] {1, 200}, lstm.byName().get("kernel").shape());
        assertArrayEquals(new long[] {50, 200}, lstm.byName().get("recurrent_kernel").shape());
        assertArrayEquals(new long[] {200}, lstm.byName().get("bias").shape());
        assertEquals(1 * 200 + 50 * 200 + 200, lstm.parameterCount());
    }

    @Test
    void weightsOnlyFileWithJsonConfigHoldsTheSameWeightsAsTheFullModel() {
        Path weights = example("simple_lstm/simple_lstm_tf_keras_2_weights.h5");
        Path config = example("simple_lstm/simple_lstm_tf_keras_2_config.json");
        ModelArchive fromWeights = WeightNaming.read(weights, config);
        ModelArchive full = WeightNaming.read(example("simple_lstm/simple_lstm_tf_keras_2_model.h5"));
        assertEquals(KerasFormat.HDF5_WEIGHTS_WITH_JSON_CONFIG, fromWeights.format());
        assertEquals(full.weights().layers().keySet(), fromWeights.weights().layers().keySet());
        for (var layer : full.weights().layers().entrySet()) {
            var other = fromWeights.weights().layer(layer.getKey()).orElseThrow().byName();
            for (WeightTensor tensor : layer.getValue().tensors()) {
                assertEquals(tensor.values(), other.get(tensor.name()).values(), layer.getKey() + "/" + tensor.name());
            }
        }
    }

    @Test
    void aWeightsOnlyFileAloneIsRefusedWithAHint() {
        Path weights = example("simple_lstm/simple_lstm_tf_keras_2_weights.h5"); // skips here without the corpus
        KinspectException error = assertThrows(KinspectException.class, () -> KerasFile.open(weights));
        assertTrue(error.getMessage().contains("weights-only"), error.getMessage());
        // The library names its own call; the command line puts its --config in place of it.
        assertTrue(error.getMessage().contains("InspectedModel.open(weights, config)"), error.getMessage());
        assertTrue(!error.getMessage().contains("--config"), error.getMessage());
    }

    @Test
    void formatIsToldFromTheBytesNotTheName(@TempDir Path folder) throws IOException {
        Path hdf5NamedKeras = folder.resolve("model.keras");
        Files.copy(example("simple_lstm/simple_lstm_tf_keras_2_model.h5"), hdf5NamedKeras);
        assertEquals(KerasFormat.HDF5_MODEL, KerasFile.detect(hdf5NamedKeras));
        assertEquals("2.0.6", KerasFile.open(hdf5NamedKeras).kerasVersion());

        Path text = folder.resolve("model.h5");
        Files.writeString(text, "not a model");
        KinspectException error = assertThrows(KinspectException.class, () -> KerasFile.open(text));
        assertTrue(error.getMessage().contains("not a Keras model file"), error.getMessage());

        Path empty = Files.createFile(folder.resolve("empty.h5"));
        assertTrue(assertThrows(KinspectException.class, () -> KerasFile.open(empty)).getMessage().contains("empty"));
        assertTrue(assertThrows(KinspectException.class, () -> KerasFile.open(folder.resolve("missing.h5")))
                .getMessage().contains("no such file"));
    }

    @Test
    void aTruncatedFileIsReportedAsDamaged(@TempDir Path folder) throws IOException {
        byte[] bytes = Files.readAllBytes(example("simple_lstm/simple_lstm_tf_keras_2_model.h5"));
        Path truncated = folder.resolve("truncated.h5");
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        KinspectException error = assertThrows(KinspectException.class, () -> KerasFile.open(truncated));
        assertTrue(error.getMessage().startsWith(truncated.toString()), error.getMessage());
    }

    static Path example(String relative) {
        return Corpus.root().resolve(EXAMPLES + relative);
    }
}
