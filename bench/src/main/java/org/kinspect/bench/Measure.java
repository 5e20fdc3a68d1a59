package org.kinspect.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.kinspect.bench.BenchCase.Baseline;
import org.kinspect.config.ConfigNormalizer;
import org.kinspect.config.ModelSpec;
import org.kinspect.file.ModelArchive;
import org.kinspect.file.WeightStore;
import org.kinspect.graph.GraphImporter;
import org.kinspect.graph.ImportedGraph;
import org.kinspect.weights.WeightNaming;
import org.nd4j.linalg.factory.Nd4j;

/** What runs inside one child JVM: the alternated pairs of a case, a single cold import, or a phase profile. */
final class Measure {
    private Measure() {}

    /**
     * The warm-up ends when the JIT compilers spent less than {@link #QUIET_MS_PER_PAIR} ms per pair over
     * the last {@link #QUIET_PAIRS} pairs (both imports compiled), or after the case's warm-up seconds.
     */
    private static final int QUIET_PAIRS = 20;
    private static final long QUIET_MS_PER_PAIR = 1;

    /** A timed call. */
    @FunctionalInterface
    interface Call {
        long run() throws Exception;
    }

    /**
     * Alternates our import and the baseline on one file, A B then B A and so on, in this JVM, and saves
     * every time and each pair's ratio to {@code out}. A call that runs past {@code timeoutSeconds} ends the
     * JVM after saving what was measured (marked {@code timedOut}).
     */
    static void pairs(BenchCase benchCase, Baseline baseline, double timeoutSeconds, Path out) {
        Path file = benchCase.file();
        Properties result = new Properties();
        result.setProperty("case", benchCase.name());
        result.setProperty("file", file.toString());
        result.setProperty("baseline", baseline.name());
        result.setProperty("timeout.s", String.valueOf(timeoutSeconds));
        boolean sequential = Importers.isSequential(file);
        result.setProperty("sequential", String.valueOf(sequential));
        List<Double> ours = Collections.synchronizedList(new ArrayList<>());
        List<Double> base = Collections.synchronizedList(new ArrayList<>());
        List<Double> oursWarmup = Collections.synchronizedList(new ArrayList<>());
        List<Double> baseWarmup = Collections.synchronizedList(new ArrayList<>());
        List<Double> ratios = Collections.synchronizedList(new ArrayList<>());
        Runnable save = () -> {
            result.setProperty("ours.ms", Stats.join(ours));
            result.setProperty("base.ms", Stats.join(base));
            result.setProperty("ours.warmup.ms", Stats.join(oursWarmup));
            result.setProperty("base.warmup.ms", Stats.join(baseWarmup));
            result.setProperty("pair.ratios", Stats.join(ratios));
            store(result, out);
        };
        Nd4j.zeros(1); // load ND4J's natives before anything is timed
        Watchdog watchdog = new Watchdog();
        boolean baselineAlive = baseline != Baseline.NONE;
        long warmupStart = System.nanoTime();
        long warmupEnds = warmupStart + (long) (benchCase.warmupSeconds() * 1e9);
        CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
        // The compilers' total time at the start of each of the last QUIET_PAIRS rounds.
        ArrayDeque<Long> compiling = new ArrayDeque<>();
        int firstMeasured = -1;
        long compilingBefore = 0;
        for (int round = 0; firstMeasured < 0 || round < firstMeasured + benchCase.pairs(); round++) {
            final int thisRound = round;
            long compiledSoFar = compiler.getTotalCompilationTime();
            compiling.addLast(compiledSoFar);
            if (compiling.size() > QUIET_PAIRS + 1) {
                compiling.removeFirst();
            }
            boolean quiet = compiling.size() > QUIET_PAIRS
                    && compiledSoFar - compiling.getFirst() < QUIET_MS_PER_PAIR * QUIET_PAIRS;
            if (firstMeasured < 0 && round >= benchCase.warmup() && (quiet || System.nanoTime() >= warmupEnds)) {
                firstMeasured = round;
                compilingBefore = compiledSoFar;
                result.setProperty("warmup.pairs", String.valueOf(round));
                result.setProperty("warmup.s",
                        String.format(Locale.ROOT, "%.1f", (System.nanoTime() - warmupStart) / 1e9));
                result.setProperty("warmup.quiet", String.valueOf(quiet));
            }
            boolean measured = firstMeasured >= 0;
            String phase = measured ? "measured" : "warmup";
            boolean oursFirst = round % 2 == 0;
            double oursMs = Double.NaN;
            double baseMs = Double.NaN;
            for (int slot = 0; slot < 2; slot++) {
                boolean runOurs = (slot == 0) == oursFirst;
                if (!runOurs && !baselineAlive) {
                    continue;
                }
                String who = runOurs ? "ours" : "base";
                Call call = runOurs ? () -> Importers.ours(file) : () -> Importers.run(baseline, file, sequential);
                System.gc();
                watchdog.arm(timeoutSeconds, () -> {
                    result.setProperty("timedOut", who);
                    result.setProperty("timedOut.phase", phase);
                    result.setProperty("timedOut.round", String.valueOf(thisRound));
                    save.run();
                    System.out.printf(Locale.ROOT, "  %s timed out after %.0f s (%s round %d)%n",
                            who, timeoutSeconds, phase, thisRound);
                });
                long start = System.nanoTime();
                long params;
                try {
                    params = call.run();
                } catch (Throwable e) {
                    watchdog.disarm();
                    result.setProperty(who + ".error", oneLine(e));
                    System.out.println("  " + who + " failed: " + oneLine(e));
                    if (runOurs) {
                        save.run();
                        return;
                    }
                    baselineAlive = false;
                    continue;
                }
                double ms = (System.nanoTime() - start) / 1e6;
                watchdog.disarm();
                result.setProperty(who + ".params", String.valueOf(params));
                if (runOurs) {
                    oursMs = ms;
                    (measured ? ours : oursWarmup).add(ms);
                } else {
                    baseMs = ms;
                    (measured ? base : baseWarmup).add(ms);
                }
            }
            if (measured && !Double.isNaN(oursMs) && !Double.isNaN(baseMs)) {
                ratios.add(baseMs / oursMs);
            }
        }
        // How much compiling was still going on while the pairs were measured (both imports'), per pair.
        result.setProperty("measured.compiling.ms.per.pair", String.format(Locale.ROOT, "%.2f",
                (compiler.getTotalCompilationTime() - compilingBefore) / (double) benchCase.pairs()));
        save.run();
    }

    /**
     * One import in this (fresh) JVM, or ND4J's start alone ({@code floor}, no file), timed from the same point;
     * prints {@code result.ms} and {@code result.params} for the parent.
     */
    static void once(String what, Path file, double timeoutSeconds, Boolean sequentialGiven) throws Exception {
        // Which of DL4J's entry points: DL4J's caller must know it, ours need not. Given by the parent when it
        // can, as reading the file's configuration here loads jhdf and Jackson ahead of the timed import and
        // costs the process: a fresh JVM should hold the one import and nothing else.
        boolean sequential = what.equals("dl4j")
                && (sequentialGiven != null ? sequentialGiven : Importers.isSequential(file));
        Watchdog watchdog = new Watchdog();
        watchdog.arm(timeoutSeconds, () -> System.out.println("result.timedOut=true"));
        long start = System.nanoTime();
        long params = switch (what) {
            case "ours" -> Importers.ours(file);
            case "dl4j" -> Importers.dl4j(file, sequential);
            case "jhdf" -> Importers.jhdfRead(file);
            case "floor" -> Importers.nd4jStart();
            default -> throw new IllegalArgumentException("once: ours, dl4j, jhdf or floor, not " + what);
        };
        double ms = (System.nanoTime() - start) / 1e6;
        watchdog.disarm();
        System.out.printf(Locale.ROOT, "result.ms=%.3f%nresult.params=%d%n", ms, params);
    }

    /**
     * Splits our import of one file into its phases, with the library's public pieces, in the order
     * {@code InspectedModel.open} runs them: read the file (jhdf + arrays), normalise the configuration, build
     * the DL4J graph and initialise it from zeros (an import with no weights), and the full import; the
     * weight copy is the full import less the build. jhdf alone reading the weights is timed too.
     */
    static void profile(Path file, int iterations, Path out) throws Exception {
        String source = file.toString();
        Importers.ours(file); // warm up
        List<Double> read = new ArrayList<>();
        List<Double> normalize = new ArrayList<>();
        List<Double> build = new ArrayList<>();
        List<Double> full = new ArrayList<>();
        List<Double> copy = new ArrayList<>();
        List<Double> jhdf = new ArrayList<>();
        List<Double> whole = new ArrayList<>();
        for (int i = 0; i < iterations; i++) {
            System.gc();
            long t0 = System.nanoTime();
            ModelArchive archive = WeightNaming.read(file);
            long t1 = System.nanoTime();
            ModelSpec spec = ConfigNormalizer.normalize(archive.modelConfigJson(), archive.kerasVersion(),
                    archive.backend(), archive.format(), source);
            long t2 = System.nanoTime();
            ImportedGraph empty = GraphImporter.importGraph(spec, WeightStore.empty(), source);
            long t3 = System.nanoTime();
            empty.graph().numParams();
            empty = null;
            System.gc();
            long t4 = System.nanoTime();
            ImportedGraph imported = GraphImporter.importGraph(spec, archive.weights(), source);
            long t5 = System.nanoTime();
            imported.graph().numParams();
            archive = null;
            imported = null;
            System.gc();
            long t6 = System.nanoTime();
            Importers.jhdfRead(file);
            long t7 = System.nanoTime();
            System.gc();
            long t8 = System.nanoTime();
            Importers.ours(file);
            long t9 = System.nanoTime();
            read.add((t1 - t0) / 1e6);
            normalize.add((t2 - t1) / 1e6);
            build.add((t3 - t2) / 1e6);
            full.add((t5 - t4) / 1e6);
            copy.add(((t5 - t4) - (t3 - t2)) / 1e6);
            jhdf.add((t7 - t6) / 1e6);
            whole.add((t9 - t8) / 1e6);
        }
        Properties result = new Properties();
        result.setProperty("file", source);
        result.setProperty("read.ms", Stats.join(read));
        result.setProperty("normalize.ms", Stats.join(normalize));
        result.setProperty("build.ms", Stats.join(build));
        result.setProperty("importGraph.ms", Stats.join(full));
        result.setProperty("copy.ms", Stats.join(copy));
        result.setProperty("jhdf.ms", Stats.join(jhdf));
        result.setProperty("open.ms", Stats.join(whole));
        store(result, out);
    }

    static void store(Properties properties, Path out) {
        try {
            Files.createDirectories(out.toAbsolutePath().getParent());
            Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
            try (OutputStream stream = Files.newOutputStream(tmp)) {
                properties.store(stream, "kinspect benchmark result");
            }
            Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String line = message.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse(message);
        return e.getClass().getSimpleName() + ": " + line;
    }
}
