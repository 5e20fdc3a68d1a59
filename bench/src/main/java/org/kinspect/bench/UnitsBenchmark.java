package org.kinspect.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.kinspect.InspectedModel;
import org.kinspect.batch.BatchForward;
import org.kinspect.batch.NpyBatches;
import org.kinspect.units.UnitSurvey;
import org.kinspect.units.UnitSurveyor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Throughput and memory of {@code kinspect units} (a {@link UnitSurveyor} pass over an {@code .npy} data
 * set) against two forward passes over the same batches of the same file, nothing kept: DL4J's own
 * {@code ComputationGraph.output} of the whole model ({@code plain}), and kinspect's own forward pass to
 * the surveyed layer without the statistics ({@link BatchForward}, as the survey runs it: {@code forward},
 * so that units / forward is what the statistics cost on top of running the model). {@code bench/units.sh} runs it.
 *
 * <pre>
 * UnitsBenchmark data N FILE                        # N sine_lstm-shaped examples (N, 20, 2), float32
 * UnitsBenchmark rounds MODEL FILE LAYER,LAYER... [--batch 256] [--rounds 5]
 *                                                   # rotating plain / forward / units passes in this JVM
 * UnitsBenchmark pass MODEL FILE LAYER|plain [--batch 256]
 *                                                   # one pass, then its time and memory peaks
 * </pre>
 * Every result is printed as {@code key=value} lines, for the script to collect.
 */
public final class UnitsBenchmark {
    private static final int STEPS = 20;
    private static final int FEATURES = 2;

    private UnitsBenchmark() {}

    public static void main(String[] args) throws Exception {
        int batch = intOption(args, "--batch", 256);
        switch (args[0]) {
            case "data" -> writeData(Long.parseLong(args[1]), Path.of(args[2]));
            case "rounds" -> rounds(Path.of(args[1]), Path.of(args[2]), List.of(args[3].split(",")), batch,
                    intOption(args, "--rounds", 5));
            case "pass" -> pass(Path.of(args[1]), Path.of(args[2]), args[3], batch);
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
        System.exit(0); // ND4J leaves non-daemon threads behind
    }

    /** Writes the examples a batch at a time, so that even 10^7 of them need no memory. */
    static void writeData(long count, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Random random = new Random(count);
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(header(count));
            ByteBuffer example = ByteBuffer.allocate(STEPS * FEATURES * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            for (long index = 0; index < count; index++) {
                example.clear();
                int kind = random.nextInt(3);
                double period = 6 + 8 * random.nextDouble();
                double phase = random.nextDouble();
                double amplitude = 0.6 + 0.8 * random.nextDouble();
                double previous = Double.NaN;
                for (int step = 0; step < STEPS; step++) {
                    double u = (step / period + phase) % 1.0;
                    double wave = kind == 0 ? Math.sin(2 * Math.PI * u) : kind == 1 ? (u < 0.5 ? 1 : -1) : 2 * u - 1;
                    double y = amplitude * wave + 0.15 * random.nextGaussian();
                    example.putFloat((float) y).putFloat((float) (Double.isNaN(previous) ? 0 : y - previous));
                    previous = y;
                }
                out.write(example.array());
            }
        }
    }

    private static byte[] header(long count) {
        String dictionary = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + count + ", " + STEPS + ", "
                + FEATURES + "), }";
        int length = dictionary.length() + 1;
        length += (64 - (10 + length) % 64) % 64;
        ByteBuffer bytes = ByteBuffer.allocate(10 + length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        bytes.putShort((short) length).put(dictionary.getBytes(StandardCharsets.US_ASCII));
        bytes.put(" ".repeat(length - dictionary.length() - 1).getBytes(StandardCharsets.US_ASCII)).put((byte) '\n');
        return bytes.array();
    }

    /**
     * Warm-up passes, then rounds of three passes over the same batches: DL4J's own forward pass
     * ({@code plain}), our forward pass to the layer without statistics ({@code forward}), and the survey
     * ({@code units}); the order rotates each round so all three see the same machine state. The ratios
     * are units time / plain time and units time / forward time, per round.
     */
    static void rounds(Path modelFile, Path data, List<String> layers, int batch, int rounds) {
        InspectedModel model = InspectedModel.open(modelFile);
        try (NpyBatches batches = NpyBatches.open(Map.of(model.inputNames().get(0), data), batch)) {
            System.out.println("examples=" + batches.exampleCount());
            for (int warmup = 0; warmup < 2; warmup++) {
                plainPass(model, batches);
                for (String layer : layers) {
                    forwardPass(model, batches, layer);
                    unitsPass(model, batches, layer);
                }
            }
            for (String layer : layers) {
                List<Double> plain = new ArrayList<>();
                List<Double> forward = new ArrayList<>();
                List<Double> units = new ArrayList<>();
                for (int round = 0; round < rounds; round++) {
                    for (int slot = 0; slot < 3; slot++) {
                        switch ((slot + round) % 3) {
                            case 0 -> plain.add(plainPass(model, batches));
                            case 1 -> forward.add(forwardPass(model, batches, layer));
                            default -> units.add(unitsPass(model, batches, layer));
                        }
                    }
                }
                List<Double> overPlain = new ArrayList<>();
                List<Double> overForward = new ArrayList<>();
                for (int round = 0; round < rounds; round++) {
                    overPlain.add(units.get(round) / plain.get(round));
                    overForward.add(units.get(round) / forward.get(round));
                }
                System.out.println(layer + ".plain.seconds=" + join(plain));
                System.out.println(layer + ".forward.seconds=" + join(forward));
                System.out.println(layer + ".units.seconds=" + join(units));
                System.out.println(layer + ".units_over_plain=" + join(overPlain));
                System.out.println(layer + ".units_over_forward=" + join(overForward));
            }
        }
    }

    /**
     * One pass in a fresh JVM, with its rate and the peak of the Java heap during it (the process's peak
     * RSS is measured from outside, by {@code /usr/bin/time -v}).
     */
    static void pass(Path modelFile, Path data, String what, int batch) {
        InspectedModel model = InspectedModel.open(modelFile);
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        try (NpyBatches batches = NpyBatches.open(Map.of(model.inputNames().get(0), data), batch)) {
            long start = System.nanoTime();
            if (what.equals("plain")) {
                for (Map<String, INDArray> inputs : batches) {
                    model.graph().output(inputs.values().iterator().next());
                }
            } else {
                UnitSurvey survey = UnitSurveyor.of(model, what).survey(batches);
                System.out.println("units=" + survey.units().size());
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.println("examples=" + batches.exampleCount());
            System.out.println("seconds=" + seconds);
            System.out.println("examples_per_second=" + batches.exampleCount() / seconds);
        }
        long heapPeak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPeak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.println("heap_peak_mb=" + heapPeak / 1e6);
    }

    private static double plainPass(InspectedModel model, NpyBatches batches) {
        long start = System.nanoTime();
        for (Map<String, INDArray> inputs : batches) {
            model.graph().output(inputs.values().iterator().next());
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static double forwardPass(InspectedModel model, NpyBatches batches, String layer) {
        long start = System.nanoTime();
        BatchForward forward = BatchForward.to(model, layer);
        for (Map<String, INDArray> inputs : batches) {
            forward.run(inputs);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static double unitsPass(InspectedModel model, NpyBatches batches, String layer) {
        long start = System.nanoTime();
        UnitSurveyor.of(model, layer).survey(batches);
        return (System.nanoTime() - start) / 1e9;
    }

    private static String join(List<Double> values) {
        List<String> texts = new ArrayList<>();
        values.forEach(value -> texts.add(String.format(Locale.ROOT, "%.4f", value)));
        return String.join(",", texts);
    }

    private static int intOption(String[] args, String name, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }

    static {
        Nd4j.getBackend(); // load the natives before anything is timed
    }
}
