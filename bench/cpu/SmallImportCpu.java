import java.io.File;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.util.HashMap;
import java.util.Map;
import jdk.incubator.foreign.CLinker;
import jdk.incubator.foreign.FunctionDescriptor;
import jdk.incubator.foreign.MemoryAccess;
import jdk.incubator.foreign.MemoryAddress;
import jdk.incubator.foreign.MemorySegment;
import jdk.incubator.foreign.ResourceScope;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.modelimport.keras.KerasModelImport;
import org.kinspect.InspectedModel;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A small model's import, ours against DL4J's {@code KerasModelImport}, alternated in one warm JVM (A B, B A, ...)
 * as the benchmark's warm cases do, timed by CPU time rather than wall time: on a busy machine the wall time of a
 * 10 ms import mostly says how long the thread waited for a core. Run with a build's bench jar as class path
 * ({@code bench/cpu/small-import-cpu.sh} runs two builds alternated):
 * {@code java --add-modules jdk.incubator.foreign --enable-native-access=ALL-UNNAMED
 * -XX:-UseDynamicNumberOfCompilerThreads -cp JAR bench/cpu/SmallImportCpu.java MODEL [WARMUP] [PAIRS]}.
 *
 * <p>Per call: <b>all</b>, the process's CPU time ({@code clock_gettime(CLOCK_PROCESS_CPUTIME_ID)}, nanoseconds,
 * every thread, those that ended during the call too: kinspect imports on a thread of its own); <b>work</b>, the
 * same less the JIT compiler threads' ({@code /proc/self/task/}{@code *}{@code /schedstat}): the import's own work
 * wherever it runs (kinspect's import thread, ND4J's OpenMP threads), without whatever compiling is still going on
 * (small-import-cpu.sh warms up 300 pairs first); and the wall time. Prints each one's median per importer and the median of the
 * per-pair ratios DL4J / ours (> 1: ours is cheaper). Linux only.
 */
public class SmallImportCpu {
    private static final File TASKS = new File("/proc/self/task");
    private static final int CLOCK_PROCESS_CPUTIME_ID = 2;
    private static final MethodHandle CLOCK_GETTIME = CLinker.getInstance().downcallHandle(
            CLinker.systemLookup().lookup("clock_gettime").orElseThrow(),
            MethodType.methodType(int.class, int.class, MemoryAddress.class),
            FunctionDescriptor.of(CLinker.C_INT, CLinker.C_INT, CLinker.C_POINTER));
    private static final MemorySegment TIMESPEC = MemorySegment.allocateNative(16, ResourceScope.newImplicitScope());

    public static void main(String[] args) throws Throwable {
        Path file = Path.of(args[0]);
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int pairs = args.length > 2 ? Integer.parseInt(args[2]) : 21;
        Nd4j.zeros(1); // ND4J's natives loaded before anything is timed
        boolean sequential = false;
        try {
            KerasModelImport.importKerasModelAndWeights(file.toString(), false);
        } catch (Exception e) {
            sequential = true; // DL4J refuses a Sequential model through its functional entry point
        }
        List<double[]> ours = new ArrayList<>();
        List<double[]> dl4j = new ArrayList<>();
        for (int round = 0; round < warmup + pairs; round++) {
            double[] ourCall = null;
            double[] theirCall = null;
            for (int slot = 0; slot < 2; slot++) {
                boolean runOurs = (slot == 0) == (round % 2 == 0);
                final boolean asSequential = sequential;
                double[] measured = measure(runOurs ? () -> InspectedModel.open(file).graph().numParams()
                        : () -> asSequential
                                ? KerasModelImport.importKerasSequentialModelAndWeights(file.toString(), false).numParams()
                                : KerasModelImport.importKerasModelAndWeights(file.toString(), false).numParams());
                if (runOurs) {
                    ourCall = measured;
                } else {
                    theirCall = measured;
                }
            }
            if (round >= warmup) {
                ours.add(ourCall);
                dl4j.add(theirCall);
            }
        }
        String[] what = {"work CPU ms", "all CPU ms (with JIT)", "wall ms"};
        System.out.printf(Locale.ROOT, "model=%s pairs=%d%n", file.getFileName(), pairs);
        for (int i = 0; i < what.length; i++) {
            List<Double> ratios = new ArrayList<>();
            for (int p = 0; p < ours.size(); p++) {
                ratios.add(dl4j.get(p)[i] / ours.get(p)[i]);
            }
            System.out.printf(Locale.ROOT, "%-22s ours=%.2f dl4j=%.2f speedup=%.2fx%n", what[i],
                    median(ours, i), median(dl4j, i), medianOf(ratios));
        }
        System.exit(0);
    }

    interface Call {
        long run() throws Exception;
    }

    private static double[] measure(Call call) throws Throwable {
        System.gc();
        Map<String, Long> compilersBefore = compilerThreads();
        long processBefore = processCpuNanos();
        long wall = System.nanoTime();
        call.run();
        long wallNanos = System.nanoTime() - wall;
        long process = processCpuNanos() - processBefore;
        long compiling = 0;
        for (Map.Entry<String, Long> after : compilerThreads().entrySet()) {
            compiling += after.getValue() - compilersBefore.getOrDefault(after.getKey(), after.getValue());
        }
        return new double[] {(process - compiling) / 1e6, process / 1e6, wallNanos / 1e6};
    }

    private static long processCpuNanos() throws Throwable {
        if ((int) CLOCK_GETTIME.invokeExact(CLOCK_PROCESS_CPUTIME_ID, TIMESPEC.address()) != 0) {
            throw new IllegalStateException("clock_gettime failed");
        }
        return MemoryAccess.getLongAtOffset(TIMESPEC, 0) * 1_000_000_000L + MemoryAccess.getLongAtOffset(TIMESPEC, 8);
    }

    /** @return the CPU nanoseconds of each JIT compiler thread, by thread id */
    private static Map<String, Long> compilerThreads() throws IOException {
        Map<String, Long> compilers = new HashMap<>();
        for (File task : TASKS.listFiles()) {
            try {
                if (Files.readString(task.toPath().resolve("comm")).contains("CompilerThre")) {
                    String stat = Files.readString(task.toPath().resolve("schedstat"));
                    compilers.put(task.getName(), Long.parseLong(stat.substring(0, stat.indexOf(' '))));
                }
            } catch (IOException ended) {
                // a thread that ended is not a compiler thread (their number is fixed: -XX:-UseDynamicNumberOfCompilerThreads)
            }
        }
        return compilers;
    }

    private static double median(List<double[]> calls, int column) {
        List<Double> values = new ArrayList<>();
        calls.forEach(call -> values.add(call[column]));
        return medianOf(values);
    }

    private static double medianOf(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
