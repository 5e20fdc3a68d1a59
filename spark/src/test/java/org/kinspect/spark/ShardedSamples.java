package org.kinspect.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import org.kinspect.array.NpyFile;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A few thousand examples for the sample LSTM classifier, written once as whole files (what the
 * single-machine command reads) and once as uneven .npy shards (what the Spark job reads): the
 * sample's 300 examples ten times, the first two copies identical (so peaks tie across
 * partitions), the others scaled a little each.
 */
final class ShardedSamples {
    static final Path MODELS = Path.of("../samples/models");
    static final Path MODEL = MODELS.resolve("sine_lstm.keras");
    static final int EXAMPLES = 1500;
    static final int[] SHARD_ROWS = {400, 350, 350, 250, 150};

    final Path x;
    final Path y;
    final Path reference;
    final Path shards;

    private ShardedSamples(Path folder) {
        x = folder.resolve("x.npy");
        y = folder.resolve("y.npy");
        reference = folder.resolve("pred.npy");
        shards = folder.resolve("shards");
    }

    static ShardedSamples write(Path folder) throws Exception {
        ShardedSamples samples = new ShardedSamples(folder);
        INDArray x = tiled(NpyFile.read(MODELS.resolve("sine_lstm_eval_x.npy")), true);
        INDArray y = tiled(NpyFile.read(MODELS.resolve("sine_lstm_eval_y.npy")), false);
        INDArray reference = tiled(NpyFile.read(MODELS.resolve("sine_lstm_eval_keras_pred.npy")), false);
        NpyFile.write(samples.x, x);
        NpyFile.write(samples.y, y);
        NpyFile.write(samples.reference, reference);
        for (String part : new String[] {"x", "y", "pred"}) {
            Files.createDirectories(samples.shards.resolve(part));
        }
        long from = 0;
        for (int shard = 0; shard < SHARD_ROWS.length; shard++) {
            long to = from + SHARD_ROWS[shard];
            String name = String.format("part-%03d.npy", shard);
            NpyFile.write(samples.shards.resolve("x").resolve(name), rows(x, from, to));
            NpyFile.write(samples.shards.resolve("y").resolve(name), rows(y, from, to));
            NpyFile.write(samples.shards.resolve("pred").resolve(name), rows(reference, from, to));
            from = to;
        }
        return samples;
    }

    private static INDArray tiled(INDArray base, boolean scaled) {
        INDArray[] copies = new INDArray[EXAMPLES / (int) base.size(0)];
        for (int copy = 0; copy < copies.length; copy++) {
            copies[copy] = scaled && copy >= 2 ? base.mul(1 + 0.01 * copy) : base.dup();
        }
        return Nd4j.concat(0, copies);
    }

    static INDArray rows(INDArray array, long from, long to) {
        return array.get(NDArrayIndex.interval(from, to)).dup('c');
    }
}
