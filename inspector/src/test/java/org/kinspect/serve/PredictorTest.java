package org.kinspect.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kinspect.InspectedModel;
import org.kinspect.KinspectException;
import org.kinspect.inspect.KerasReference;
import org.kinspect.inspect.LayerComparison;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The Predictor on a converted masked model (Masking -> five recurrent layers, five outputs):
 * Keras's own outputs, then 8 threads and 2,000 calls of mixed batch sizes each equal to the
 * single-threaded answer, with the process's resident memory flat between call 500 and call 2,000.
 */
class PredictorTest {
    static final Path MODEL = Path.of("src/test/resources/masking/masking_long.keras");
    static final Path REFERENCE = Path.of("src/test/resources/masking/masking_long_io.h5");
    static final int THREADS = 8;
    static final int CALLS = 2_000;
    static final int FIRST_MEASURE = 500;
    /**
     * Resident memory may grow this much between call 500 and call 2,000: ND4J frees native
     * buffers when the garbage collector finds their arrays, so RSS wanders by tens of MB; a leak
     * of one batch's activations per call (about 20 KB) would add about 30 MB over 1,500 calls, and
     * anything kept per call grows without bound, so the test also runs the calls in three
     * stretches and fails when each stretch adds to the last.
     */
    static final long RSS_TOLERANCE_KB = 48 * 1024;

    @TempDir Path folder;

    private Predictor converted(int copies) {
        Path zip = folder.resolve("masking_long.zip");
        InspectedModel.open(MODEL).save(zip);
        return new Predictor(InspectedModel.open(zip), copies);
    }

    @Test
    void givesKerasOutputsByOutputName() {
        Predictor predictor = converted(2);
        KerasReference keras = KerasReference.read(REFERENCE);
        Map<String, INDArray> outputs = predictor.predict(keras.inputs().values().iterator().next());
        assertEquals(InspectedModel.open(MODEL).spec().outputNames(), List.copyOf(outputs.keySet()));
        for (var output : outputs.entrySet()) {
            LayerComparison comparison = LayerComparison.compare(output.getKey(), output.getValue(),
                    keras.activations().get(output.getKey()), 1e-5);
            assertTrue(comparison.matches(), output.getKey() + ": max error " + comparison.maxAbsoluteError());
        }
    }

    @Test
    void refusesAWrongInputInOneLine() {
        Predictor predictor = converted(1);
        KinspectException wrong = assertThrows(KinspectException.class,
                () -> predictor.predict(Nd4j.zeros(DataType.FLOAT, 2, 12, 4)));
        assertTrue(wrong.getMessage().contains("has shape [2, 12, 4]"), wrong.getMessage());
        assertThrows(KinspectException.class, () -> predictor.predict(Map.of("nothing", Nd4j.zeros(2, 12, 3))));
    }

    @Test
    void eightThreadsGiveTheSingleThreadedAnswersWithFlatMemory() throws Exception {
        Predictor predictor = converted(4);
        INDArray rows = KerasReference.read(REFERENCE).inputs().values().iterator().next();
        // Mixed batches: 1 to 8 examples, the reference's rows repeated and shifted (masked steps included).
        List<INDArray> batches = new ArrayList<>();
        int[] sizes = {1, 2, 3, 5, 8, 1, 4, 7};
        for (int i = 0; i < sizes.length; i++) {
            INDArray[] picked = new INDArray[sizes[i]];
            for (int row = 0; row < sizes[i]; row++) {
                INDArray example = rows.slice((i + row) % rows.size(0)).dup();
                picked[row] = example.muli(1 + 0.1 * row).reshape(1, example.size(0), example.size(1));
            }
            batches.add(Nd4j.concat(0, picked));
        }
        List<Map<String, INDArray>> expected = new ArrayList<>();
        for (INDArray batch : batches) {
            expected.add(predictor.predict(batch));
        }
        AtomicInteger calls = new AtomicInteger();
        long[] rssAt = new long[4];
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try {
            int[] stretches = {FIRST_MEASURE, 1_000, 1_500, CALLS};
            int done = 0;
            for (int stretch = 0; stretch < stretches.length; stretch++) {
                List<Future<Integer>> futures = new ArrayList<>();
                int from = done;
                int to = stretches[stretch];
                for (int thread = 0; thread < THREADS; thread++) {
                    int first = from + thread;
                    futures.add(threads.submit(() -> {
                        int mismatches = 0;
                        for (int call = first; call < to; call += THREADS) {
                            int which = call % batches.size();
                            Map<String, INDArray> answer = predictor.predict(batches.get(which));
                            mismatches += sameBits(expected.get(which), answer) ? 0 : 1;
                            calls.incrementAndGet();
                        }
                        return mismatches;
                    }));
                }
                for (Future<Integer> future : futures) {
                    assertEquals(0, future.get(), "answers that differ from the single-threaded one");
                }
                done = to;
                rssAt[stretch] = residentKilobytes();
            }
        } finally {
            threads.shutdownNow();
        }
        assertEquals(CALLS, calls.get());
        System.out.printf("Predictor RSS after 500, 1000, 1500, 2000 calls: %d, %d, %d, %d KB%n",
                rssAt[0], rssAt[1], rssAt[2], rssAt[3]);
        assertTrue(rssAt[3] - rssAt[0] <= RSS_TOLERANCE_KB, "resident memory grew by " + (rssAt[3] - rssAt[0])
                + " KB between call 500 and call 2,000 (allowed " + RSS_TOLERANCE_KB + " KB)");
        boolean growsEveryStretch = rssAt[1] - rssAt[0] > RSS_TOLERANCE_KB / 4 && rssAt[2] - rssAt[1] > RSS_TOLERANCE_KB / 4
                && rssAt[3] - rssAt[2] > RSS_TOLERANCE_KB / 4;
        assertTrue(!growsEveryStretch, "resident memory grows steadily with the calls: a leak");
    }

    private static boolean sameBits(Map<String, INDArray> expected, Map<String, INDArray> actual) {
        if (!expected.keySet().equals(actual.keySet())) {
            return false;
        }
        for (String name : expected.keySet()) {
            INDArray a = expected.get(name);
            INDArray b = actual.get(name);
            if (!java.util.Arrays.equals(a.shape(), b.shape())
                    || !java.util.Arrays.equals(a.dup('c').data().asFloat(), b.dup('c').data().asFloat())) {
                return false;
            }
        }
        return true;
    }

    /** VmRSS of this process, after a collection so that arrays no one holds have given their native memory back. */
    static long residentKilobytes() throws IOException, InterruptedException {
        System.gc();
        Thread.sleep(200);
        System.gc();
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }
}
