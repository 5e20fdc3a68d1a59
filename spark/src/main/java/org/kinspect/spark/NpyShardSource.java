package org.kinspect.spark;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.kinspect.array.NpyFile;
import org.kinspect.array.NpyRows;
import org.kinspect.batch.NumberedBatch;
import org.kinspect.errors.KinspectException;
import org.kinspect.eval.LabelledBatch;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A data set as {@code .npy} shards on a file system every executor mounts (NFS, Lustre, a local
 * disk for {@code local[*]}): for each model input a folder of shards (or one file), taken in file
 * name order, the i-th shards of every input (and of the labels) holding the same examples. The
 * examples are numbered through the shards in that order, as if the shards were one file.
 *
 * <p>Partitions are ranges of that numbering whose bounds are multiples of the batch size, and a
 * task's batches are the single-machine command's batches (a batch may take rows from two
 * shards): BLAS rounds a row differently by its place in a batch, so only the same batches give
 * bit-identical activations, and with them top lists identical to one pass.
 *
 * <pre>{@code
 * NpyShardSource source = NpyShardSource.plan(Map.of("signal", "shards/x"), "shards/y", null, 256, 65536);
 * }</pre>
 */
final class NpyShardSource implements ExampleSource {
    private static final long serialVersionUID = 1L;

    /** One shard: each input's file, the labels' and reference's (or null), its rows and the index of its first. */
    record Shard(String name, Map<String, String> inputFiles, String labelsFile, String referenceFile, long rows,
            long firstIndex) implements Serializable {

        long end() {
            return firstIndex + rows;
        }
    }

    /** Examples {@code [from, to)} of the data set, and the shards that hold them. */
    record Slice(long from, long to, List<Shard> shards) implements Serializable {

        String describe() {
            return shards.size() == 1 ? "shard " + shards.get(0).name()
                    : "shards " + shards.get(0).name() + " to " + shards.get(shards.size() - 1).name();
        }
    }

    private final List<Slice> slices;
    private final int batchSize;
    private final long count;

    private NpyShardSource(List<Slice> slices, int batchSize, long count) {
        this.slices = slices;
        this.batchSize = batchSize;
        this.count = count;
    }

    /**
     * Lists the shards and reads their headers (on the driver), checking that every input, the
     * labels and the reference have the same shards with the same rows.
     *
     * @param inputs each model input's folder of shards (or single file), by input name
     * @param labels the labels' folder or file, or null
     * @param reference the reference predictions' folder or file, or null
     * @param batchSize examples run at a time
     * @param rowsPerPartition about the most examples a partition holds (rounded up to whole batches)
     * @return the source
     * @throws KinspectException when a folder holds no shards, or the shards do not line up
     */
    static NpyShardSource plan(Map<String, String> inputs, String labels, String reference, int batchSize,
            long rowsPerPartition) {
        Map<String, List<Path>> shardsByInput = new LinkedHashMap<>();
        inputs.forEach((name, folder) -> shardsByInput.put(name, shards(folder)));
        List<Path> labelShards = labels == null ? null : shards(labels);
        List<Path> referenceShards = reference == null ? null : shards(reference);
        List<Path> first = shardsByInput.values().iterator().next();
        List<Shard> shards = new ArrayList<>();
        long index = 0;
        for (int shard = 0; shard < first.size(); shard++) {
            long rows;
            try (NpyRows opened = NpyRows.open(first.get(shard))) {
                rows = opened.count();
            }
            Map<String, String> files = new LinkedHashMap<>();
            for (Map.Entry<String, List<Path>> input : shardsByInput.entrySet()) {
                files.put(input.getKey(), lineUp(input.getValue(), first, shard, rows, "input '" + input.getKey() + "'"));
            }
            String labelsFile = labelShards == null ? null : lineUp(labelShards, first, shard, rows, "labels");
            String referenceFile = referenceShards == null ? null : lineUp(referenceShards, first, shard, rows, "reference");
            shards.add(new Shard(first.get(shard).getFileName().toString(), files, labelsFile, referenceFile, rows, index));
            index += rows;
        }
        if (index == 0) {
            throw KinspectException.input(inputs.values().iterator().next() + ": holds no examples; give at least one");
        }
        long partitionRows = Math.max(1, (rowsPerPartition + batchSize - 1) / batchSize) * batchSize;
        List<Slice> slices = new ArrayList<>();
        for (long from = 0; from < index; from += partitionRows) {
            long start = from;
            long to = Math.min(index, from + partitionRows);
            slices.add(new Slice(from, to, shards.stream()
                    .filter(shard -> shard.firstIndex() < to && shard.end() > start && shard.rows() > 0).toList()));
        }
        return new NpyShardSource(slices, batchSize, index);
    }
    /** @return the {@code .npy} files of a folder in name order, or the one file */
    static List<Path> shards(String location) {
        Path path = Path.of(location);
        if (!Files.isDirectory(path)) {
            if (!Files.isRegularFile(path)) {
                throw KinspectException.input(location + ": no such file or folder; give a .npy file or a folder of .npy shards");
            }
            return List.of(path);
        }
        try (Stream<Path> files = Files.list(path)) {
            List<Path> shards = files.filter(file -> file.getFileName().toString().endsWith(".npy"))
                    .filter(Files::isRegularFile).sorted().toList();
            if (shards.isEmpty()) {
                throw KinspectException.input(location + ": holds no .npy shards; give a folder of .npy files (or Parquet)");
            }
            return shards;
        } catch (IOException e) {
            throw KinspectException.input(location + ": cannot be listed (" + e.getMessage() + ")", e);
        }
    }

    private static String lineUp(List<Path> shards, List<Path> first, int shard, long rows, String what) {
        if (shards.size() != first.size()) {
            throw KinspectException.input("the " + what + " has " + shards.size() + " shards but the first input has "
                    + first.size() + "; give every input, the labels and the reference the same shards");
        }
        Path file = shards.get(shard);
        long[] shape;
        // Opening checks the data is all there: a truncated shard fails here, before any task runs.
        try (NpyRows opened = NpyRows.open(file)) {
            shape = opened.header().shape();
        }
        if (shape.length == 0 || shape[0] != rows) {
            throw KinspectException.input(file + ": shape " + Arrays.toString(shape) + " holds " + (shape.length == 0 ? 0 : shape[0])
                    + " rows but shard " + first.get(shard).getFileName() + " of the first input holds " + rows
                    + "; shards of the same position must hold the same examples");
        }
        return file.toString();
    }

    @Override
    public long exampleCount() {
        return count;
    }

    /** @return the partitions, in order */
    List<Slice> slices() {
        return List.copyOf(slices);
    }

    @Override
    public <R extends Serializable> List<R> run(SparkSession session, String modelFileName, PartitionWork<R> work) {
        JavaSparkContext context = JavaSparkContext.fromSparkContext(session.sparkContext());
        int size = batchSize;
        List<TaskOutcome<R>> outcomes = context.parallelize(slices, slices.size())
                .map(slice -> TaskOutcome.of(() -> ExecutorModels.withModel(modelFileName,
                        model -> runSlice(slice, size, model, work))))
                .collect();
        return TaskOutcome.partsOrFirstProblem(outcomes);
    }

    private static <R extends Serializable> R runSlice(Slice slice, int batchSize, org.kinspect.InspectedModel model,
            PartitionWork<R> work) {
        SliceBatches batches = new SliceBatches(slice, batchSize);
        try (batches) {
            return work.run(model, batches);
        } catch (KinspectException e) {
            throw located(e, slice, batches.current());
        }
    }

    /**
     * The problem with the shard rows of the batch it came from, unless the message names a shard already.
     *
     * @param current the examples of the batch being run, {@code {from, to}}
     */
    private static KinspectException located(KinspectException e, Slice slice, long[] current) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (slice.shards().stream().anyMatch(shard -> message.contains(shard.name()))) {
            return e;
        }
        List<String> places = new ArrayList<>();
        for (Shard shard : slice.shards()) {
            long start = Math.max(current[0], shard.firstIndex());
            long end = Math.min(current[1], shard.end());
            if (start < end) {
                places.add(shard.name() + " rows " + (start - shard.firstIndex()) + " to " + (end - 1 - shard.firstIndex()));
            }
        }
        return KinspectException.of(e.problem(), (places.size() == 1 ? "shard " : "shards ") + String.join(" and ", places)
                + " (examples " + current[0] + " to " + (current[1] - 1) + "): " + message, e);
    }

    /** The batches of one slice, read as they are reached; a shard's files are opened when first needed. */
    private static final class SliceBatches implements Iterable<NumberedBatch<LabelledBatch>>, AutoCloseable {
        private final Slice slice;
        private final int batchSize;
        private final Map<String, NpyRows> open = new LinkedHashMap<>();
        private final long[] current;

        SliceBatches(Slice slice, int batchSize) {
            this.slice = slice;
            this.batchSize = batchSize;
            this.current = new long[] {slice.from(), Math.min(slice.to(), slice.from() + batchSize)};
        }

        /** @return the examples {@code {from, to}} of the batch last handed out (the first before any) */
        long[] current() {
            return current.clone();
        }

        @Override
        public Iterator<NumberedBatch<LabelledBatch>> iterator() {
            return new Iterator<>() {
                private long next = slice.from();
                private long batches;

                @Override
                public boolean hasNext() {
                    return next < slice.to();
                }

                @Override
                public NumberedBatch<LabelledBatch> next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    InjectedFaults.afterBatch(batches++);
                    long from = next;
                    long to = Math.min(slice.to(), from + batchSize);
                    current[0] = from;
                    current[1] = to;
                    Map<String, INDArray> rows = new LinkedHashMap<>();
                    for (String input : slice.shards().get(0).inputFiles().keySet()) {
                        rows.put(input, read(from, to, shard -> shard.inputFiles().get(input)));
                    }
                    Shard first = slice.shards().get(0);
                    INDArray labels = first.labelsFile() == null ? null : read(from, to, Shard::labelsFile);
                    INDArray reference = first.referenceFile() == null ? null : read(from, to, Shard::referenceFile);
                    long[] indices = new long[(int) (to - from)];
                    for (int row = 0; row < indices.length; row++) {
                        indices[row] = from + row;
                    }
                    next = to;
                    return new NumberedBatch<>(new LabelledBatch(rows, labels, reference), indices);
                }
            };
        }

        /** Examples {@code [from, to)} of one file of each shard, joined when they span two shards. */
        private INDArray read(long from, long to, java.util.function.Function<Shard, String> file) {
            List<INDArray> pieces = new ArrayList<>();
            for (Shard shard : slice.shards()) {
                long start = Math.max(from, shard.firstIndex());
                long end = Math.min(to, shard.end());
                if (start < end) {
                    String path = file.apply(shard);
                    NpyRows rows = open.computeIfAbsent(path, name -> NpyRows.open(Path.of(name)));
                    pieces.add(rows.read(start - shard.firstIndex(), end - shard.firstIndex()));
                }
            }
            return pieces.size() == 1 ? pieces.get(0) : Nd4j.concat(0, pieces.toArray(INDArray[]::new));
        }

        @Override
        public void close() {
            open.values().forEach(NpyRows::close);
        }
    }
}
