package org.kinspect.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.kinspect.array.NpyFile;
import org.kinspect.inspect.KerasReference;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Real Keras files for the tests: the shared corpus (system property {@code kinspect.corpus}, set
 * by the root pom) and the project's samples. Tests that need a missing one are skipped.
 */
final class TestFiles {
    private static final String EXAMPLES = "dl4j-test-resources/modelimport/keras/examples/";

    /** tf.keras 2.1.3 Sequential: SimpleRNN(50) then Dense(1); errors around 1e-6. */
    static final String SIMPLE_RNN = "simple_rnn/simple_rnn_tf_keras_2";
    /** Keras 1 (tensorflow): LSTM then Dense, input named the Keras 1 way (lstm_input_1). */
    static final String KERAS_1_LSTM = "simple_lstm/simple_lstm_tf_keras_1";
    /** Keras 2.3.1: one Conv1D, channels first. */
    static final String CONV1D = "conv1d/conv1d_k2_s1_d1_cf_same";

    private TestFiles() {}

    /** @return the corpus folder, or skips the test */
    static Path corpus() {
        String configured = System.getProperty("kinspect.corpus");
        Assumptions.assumeTrue(configured != null, "no kinspect.corpus system property");
        Path root = Path.of(configured).toAbsolutePath().normalize();
        Assumptions.assumeTrue(Files.isDirectory(root), "no corpus at " + root);
        return root;
    }

    /** @return {@code CASE_model.h5} of a corpus example, e.g. {@link #SIMPLE_RNN} */
    static Path model(String example) {
        return existing(corpus().resolve(EXAMPLES + example + "_model.h5"));
    }

    /** @return {@code CASE_inputs_and_outputs.h5}: Keras's inputs and per-layer outputs */
    static Path reference(String example) {
        return existing(corpus().resolve(EXAMPLES + example + "_inputs_and_outputs.h5"));
    }

    /** @return {@code CASE_weights.h5}, the weights-only file */
    static Path weights(String example) {
        return existing(corpus().resolve(EXAMPLES + example + "_weights.h5"));
    }

    /** @return {@code CASE_config.json}, the JSON configuration for the weights-only file */
    static Path config(String example) {
        return existing(corpus().resolve(EXAMPLES + example + "_config.json"));
    }

    /** @return the project's samples/models folder, or skips the test */
    static Path samples() {
        Path samples = Path.of(System.getProperty("kinspect.samples", "../samples/models")).toAbsolutePath().normalize();
        Assumptions.assumeTrue(Files.isDirectory(samples), "no samples at " + samples);
        return samples;
    }

    /**
     * Writes the reference's inputs as {@code .npy} files, the way a user would hand them to kinspect.
     *
     * @param reference a reference file
     * @param folder where to write
     * @return one file per input, in the reference's order
     */
    static List<Path> writeInputs(Path reference, Path folder) {
        List<Path> files = new ArrayList<>();
        for (Map.Entry<String, INDArray> input : KerasReference.read(reference).inputs().entrySet()) {
            Path file = folder.resolve(input.getKey() + ".npy");
            NpyFile.write(file, input.getValue());
            files.add(file);
        }
        return files;
    }

    private static Path existing(Path file) {
        Assumptions.assumeTrue(Files.isRegularFile(file), "no corpus file " + file);
        return file;
    }
}
