package org.kinspect.bench;

import java.nio.file.Path;
import java.util.List;
import org.kinspect.bench.BenchCase.Baseline;

/** The benchmark's cases: real files from the shared corpus and the generated large model. */
public final class Cases {
    /** The target against KerasModelImport on LSTM models and on the large model. */
    static final double DL4J_TARGET = 5.0;
    /** Issue 18's target against KerasModelImport on the small MLP and CNN models. */
    static final double DL4J_SMALL_TARGET = 2.0;
    /** The target against jhdf alone on the large model: our full import within 2x of reading the weights. */
    static final double JHDF_TARGET = 0.5;
    /**
     * DL4J's orthogonal initialisation of an LSTM's recurrent kernel (an SVD in libnd4j) does not finish for
     * most random draws once the layer has more than a few units: the DL4J import of a 32-unit LSTM was
     * still running after 15 minutes. Past these limits a DL4J run counts as not finished.
     */
    static final double DL4J_TIMEOUT_SMALL = 30;
    static final double DL4J_TIMEOUT_LARGE = 60;
    static final double JHDF_TIMEOUT = 600;
    /**
     * The small cases' warm-up: pairs until the JIT compilers are quiet (hundreds of imports), at most this many
     * seconds, so that "warm" means compiled, as a JMH warm-up would. After the 5 pairs this was before, both
     * imports were still being compiled (6-15 ms of compiler time per import, 27 ms a pair after 8 s) and took
     * 3-5 times their steady time.
     */
    static final double SMALL_WARMUP_SECONDS = 60;
    /**
     * The small cases' measured pairs: a 2-5 ms import's pair ratio ranges from 0.8x to 7x (a collection, a late
     * compilation), and 21 pairs moved the median by up to 0.4x from run to run.
     */
    static final int SMALL_PAIRS = 101;

    private Cases() {}

    /**
     * @param corpus the folder {@code dl4j-test-resources/modelimport/keras} of the shared corpus
     * @param models the folder make_large_model.py wrote into
     * @return every case, in report order
     */
    public static List<BenchCase> all(Path corpus, Path models) {
        String vsDl4j = ">= " + (int) DL4J_TARGET + "x faster than DL4J";
        String vsJhdf = "within 2x of jhdf";
        String smallVsDl4j = ">= " + (int) DL4J_SMALL_TARGET + "x faster than DL4J";
        return List.of(
                small("mlp", "MLP (Flatten, Dense 128, Dense 10; Sequential, tf.keras 2.4)",
                        corpus.resolve("tfkeras/some_loss.h5"), DL4J_SMALL_TARGET, smallVsDl4j),
                small("cnn2d", "CNN 2D (MTCNN 12-net: 4 Conv2D + PReLU; functional, Keras 2)",
                        corpus.resolve("examples/12net.h5"), DL4J_SMALL_TARGET, smallVsDl4j),
                small("cnn1d", "CNN 1D (2 Conv1D + BatchNorm, Dense 500; Sequential, tf.keras)",
                        corpus.resolve("weights/issue_9560.h5"), DL4J_SMALL_TARGET, smallVsDl4j),
                small("lstm-simple", "LSTM(50) + Dense (Sequential, Keras 2.0)",
                        corpus.resolve("examples/simple_lstm/simple_lstm_tf_keras_2_model.h5"), DL4J_TARGET, vsDl4j),
                small("lstm-reshape", "Reshape + LSTM(64) + Dense (functional, Keras 2.1)",
                        corpus.resolve("examples/reshape_to_rnn/reshape_model.h5"), DL4J_TARGET, vsDl4j),
                small("lstm-masking-zero", "Masking + LSTM(32) (Sequential, Keras 2.2)",
                        corpus.resolve("examples/masking/masking_zero_lstm.h5"), DL4J_TARGET, vsDl4j),
                small("lstm-masking-two", "Masking + 2 LSTM (Sequential, Keras 2.2)",
                        corpus.resolve("examples/masking/masking_two_lstm.h5"), DL4J_TARGET, vsDl4j),
                new BenchCase("large-k2-vs-dl4j", "large LSTM/Dense, Keras 2 layout .h5",
                        models.resolve("large_lstm_keras2.h5"), Baseline.DL4J, 1, 0, 5, DL4J_TARGET, vsDl4j, true, DL4J_TIMEOUT_LARGE),
                new BenchCase("large-k2-vs-jhdf", "large LSTM/Dense, Keras 2 layout .h5",
                        models.resolve("large_lstm_keras2.h5"), Baseline.JHDF, 1, 0, 5, JHDF_TARGET, vsJhdf, false, JHDF_TIMEOUT),
                new BenchCase("large-k3-h5-vs-jhdf", "large LSTM/Dense, Keras 3 legacy .h5",
                        models.resolve("large_lstm_keras3.h5"), Baseline.JHDF, 1, 0, 5, JHDF_TARGET, vsJhdf, false, JHDF_TIMEOUT),
                new BenchCase("large-keras-vs-jhdf", "large LSTM/Dense, Keras 3 .keras zip",
                        models.resolve("large_lstm.keras"), Baseline.JHDF, 1, 0, 5, JHDF_TARGET, vsJhdf, false, JHDF_TIMEOUT));
    }

    private static BenchCase small(String name, String kind, Path file, Double minSpeedup, String target) {
        return new BenchCase(name, kind, file, Baseline.DL4J, 5, SMALL_WARMUP_SECONDS, SMALL_PAIRS, minSpeedup, target, false,
                DL4J_TIMEOUT_SMALL);
    }
}
