package org.kinspect.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.kinspect.InspectedModel;
import org.kinspect.array.NpyFile;
import org.kinspect.serve.Predictor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Throughput of a {@link Predictor} on a converted model against DL4J's own
 * {@code ComputationGraph.output} on the same graph, at 1, 2 and 4 threads, in one JVM. DL4J's
 * graph is no more thread-safe than kinspect's run of it (both keep a call's arrays in the
 * vertices), so its baseline is the usual DL4J way: one {@code graph.clone()} per thread. Each
 * round runs both, in alternating order, the same number of calls on the same batch; the ratio
 * is taken per round. {@code bench/predictor-throughput.sh} runs it and writes BENCHMARKS.md.
 *
 * <pre>
 * PredictorBenchmark MODEL INPUT.npy [--rounds 5] [--calls 400] [--threads 1,2,4]
 * </pre>
 * Prints {@code threads=T round=R kinspect=CALLS_PER_S dl4j=CALLS_PER_S} lines.
 */
public final class PredictorBenchmark {

    private PredictorBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path model = Path.of(args[0]);
        INDArray input = NpyFile.read(Path.of(args[1]));
        int rounds = option(args, "--rounds", 5);
        int calls = option(args, "--calls", 400);
        int[] threadCounts = Arrays.stream(stringOption(args, "--threads", "1,2,4").split(","))
                .mapToInt(Integer::parseInt).toArray();

        Path converted = Files.createTempFile("kinspect-bench-", ".zip");
        InspectedModel.open(model).save(converted);
        InspectedModel reopened = InspectedModel.open(converted);
        Files.delete(converted);
        String output = reopened.graph().getConfiguration().getNetworkOutputs().get(0);
        INDArray graphInput = dl4jLayout(reopened, input, output);

        for (int threads : threadCounts) {
            Predictor predictor = new Predictor(reopened, threads);
            List<ComputationGraph> graphs = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                graphs.add(reopened.graph().clone());
            }
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            // warm-up: one round of each, not counted
            run(pool, threads, calls / 4, index -> predictor.predict(input));
            run(pool, threads, calls / 4, index -> graphs.get(index).output(graphInput));
            for (int round = 0; round < rounds; round++) {
                double kinspect;
                double dl4j;
                if (round % 2 == 0) {
                    kinspect = run(pool, threads, calls, index -> predictor.predict(input));
                    dl4j = run(pool, threads, calls, index -> graphs.get(index).output(graphInput));
                } else {
                    dl4j = run(pool, threads, calls, index -> graphs.get(index).output(graphInput));
                    kinspect = run(pool, threads, calls, index -> predictor.predict(input));
                }
                System.out.printf("threads=%d round=%d kinspect=%.2f dl4j=%.2f%n", threads, round, kinspect, dl4j);
            }
            pool.shutdownNow();
        }
        System.out.printf("batch=%s model=%s%n", Arrays.stream(input.shape()).mapToObj(Long::toString)
                .collect(java.util.stream.Collectors.joining("x")), model.getFileName());
        System.exit(0); // ND4J leaves non-daemon threads behind
    }

    interface Call {
        void run(int thread) throws Exception;
    }

    /** @return calls per second of {@code calls} calls spread over {@code threads} threads */
    private static double run(ExecutorService pool, int threads, int calls, Call call) throws Exception {
        List<Future<?>> futures = new ArrayList<>();
        long start = System.nanoTime();
        for (int thread = 0; thread < threads; thread++) {
            int index = thread;
            futures.add(pool.submit(() -> {
                for (int n = index; n < calls; n += threads) {
                    call.run(index);
                }
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        return calls / ((System.nanoTime() - start) / 1e9);
    }

    /**
     * The input as DL4J's graph takes it: the graph's output for it must equal the Predictor's
     * (so both sides compute the same thing); a sequence is tried as given and with its last two
     * axes swapped.
     */
    private static INDArray dl4jLayout(InspectedModel model, INDArray input, String output) {
        INDArray expected = new Predictor(model, 1).predict(input).get(output);
        List<INDArray> candidates = new ArrayList<>(List.of(input));
        if (input.rank() == 3) {
            candidates.add(input.permute(0, 2, 1).dup());
        }
        for (INDArray candidate : candidates) {
            try {
                INDArray computed = model.graph().clone().output(candidate)[0];
                if (Arrays.equals(computed.shape(), expected.shape()) && computed.equalsWithEps(expected, 1e-6)) {
                    return candidate;
                }
            } catch (RuntimeException wrongLayout) {
                // the next candidate
            }
        }
        throw new IllegalStateException("DL4J's output() does not give the Predictor's output for this input in any"
                + " layout tried; the benchmark would compare different work");
    }

    private static int option(String[] args, String name, int fallback) {
        return Integer.parseInt(stringOption(args, name, Integer.toString(fallback)));
    }

    private static String stringOption(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
