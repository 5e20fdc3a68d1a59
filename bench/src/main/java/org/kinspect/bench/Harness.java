package org.kinspect.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.kinspect.bench.BenchCase.Baseline;

/**
 * The import-time benchmark. {@code bench/run.sh} runs {@code all}; the other commands are what {@code all}
 * runs in child JVMs, one per measurement, so that a hung DL4J import or one case's memory does not touch
 * the next.
 *
 * <pre>
 * Harness all --corpus DIR --models DIR --results DIR --out BENCHMARKS.md [--dl4j-timeout S] [--only a,b]
 *             [--command TEXT] [--commit SHA] [--jvm-opts "-Xmx6g ..."]
 * Harness list    --corpus DIR --models DIR
 * Harness measure CASE --corpus DIR --models DIR --results DIR [--baseline none] [--timeout S]
 * Harness once    ours|dl4j|jhdf FILE [--timeout S] [--sequential true|false]   (DL4J's entry point; read from FILE when not given)
 * Harness once    floor [--timeout S]   (ND4J's start alone, timed as an import is: the floor under both imports)
 * Harness profile FILE --out FILE.properties [--iterations 3]
 * Harness report  --results DIR --out BENCHMARKS.md   (rewrite the report from saved results)
 * </pre>
 */
public final class Harness {
    static final String DEFAULT_JVM_OPTS =
            "-Xmx6g -Dorg.bytedeco.javacpp.maxbytes=8G -Dorg.bytedeco.javacpp.maxphysicalbytes=12G";
    private static final Path GNU_TIME = Path.of("/usr/bin/time");

    private final Map<String, String> options;
    private final List<String> positional;

    private Harness(Map<String, String> options, List<String> positional) {
        this.options = options;
        this.positional = positional;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--")) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(args[i] + " needs a value");
                }
                options.put(args[i].substring(2), args[++i]);
            } else {
                positional.add(args[i]);
            }
        }
        if (positional.isEmpty()) {
            System.err.println("usage: Harness all|list|measure|once|profile|report ... (see the class comment)");
            System.exit(2);
        }
        try {
            new Harness(options, positional).run(positional.get(0));
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(1); // ND4J leaves non-daemon threads behind
        }
    }

    private void run(String command) throws Exception {
        switch (command) {
            case "all" -> all();
            case "list" -> cases().forEach(c -> System.out.printf("%-22s %-5s %s%n", c.name(), c.baseline(), c.file()));
            case "measure" -> {
                BenchCase benchCase = find(positional.get(1));
                Baseline baseline = Baseline.valueOf(option("baseline", benchCase.baseline().name()).toUpperCase(Locale.ROOT));
                Path out = results().resolve(benchCase.name() + (baseline == Baseline.NONE ? ".solo" : "") + ".properties");
                Measure.pairs(benchCase, baseline, Double.parseDouble(option("timeout", "60")), out);
            }
            case "once" -> Measure.once(positional.get(1), positional.size() > 2 ? Path.of(positional.get(2)) : null,
                    Double.parseDouble(option("timeout", "600")),
                    options.containsKey("sequential") ? Boolean.valueOf(options.get("sequential")) : null);
            case "profile" -> Measure.profile(Path.of(positional.get(1)),
                    Integer.parseInt(option("iterations", "3")), Path.of(required("out")));
            case "report" -> Report.write(results(), Path.of(required("out")));
            default -> throw new IllegalArgumentException("unknown command " + command);
        }
        System.exit(0); // ND4J leaves non-daemon threads behind
    }

    /** Runs every case, each in child JVMs, then writes the report. */
    private void all() throws Exception {
        Path results = results();
        Files.createDirectories(results);
        // --dl4j-timeout replaces every DL4J case's own limit (Cases.DL4J_TIMEOUT_SMALL / _LARGE).
        Double dl4jTimeout = options.containsKey("dl4j-timeout") ? Double.valueOf(options.get("dl4j-timeout")) : null;
        Set<String> only = options.containsKey("only")
                ? Set.of(options.get("only").split(",")) : null;
        Properties run = new Properties();
        run.setProperty("started", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        run.setProperty("loadavg.start", loadAverage());
        run.setProperty("command", option("command", "bench/run.sh"));
        run.setProperty("commit", option("commit", "unknown"));
        run.setProperty("jvm.opts", jvmOpts());
        run.setProperty("glibc.tunables", System.getenv().getOrDefault("GLIBC_TUNABLES", ""));
        run.setProperty("dl4j.timeout", dl4jTimeout != null ? seconds(dl4jTimeout) + " for every case"
                : seconds(Cases.DL4J_TIMEOUT_SMALL) + " for the corpus files, " + seconds(Cases.DL4J_TIMEOUT_LARGE)
                        + " for the large model");
        run.setProperty("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        run.setProperty("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        run.setProperty("cpu", cpuModel());
        run.setProperty("cores", String.valueOf(Runtime.getRuntime().availableProcessors()));
        run.setProperty("memory", memoryTotal());
        run.setProperty("gnu.time", String.valueOf(Files.isExecutable(GNU_TIME)));
        List<String> names = new ArrayList<>();
        long started = System.nanoTime();
        for (BenchCase benchCase : cases()) {
            if (only != null && !only.contains(benchCase.name())) {
                continue;
            }
            names.add(benchCase.name());
            runCase(benchCase, dl4jTimeout, results);
        }
        run.setProperty("cases", String.join(",", names));
        run.setProperty("loadavg.end", loadAverage());
        run.setProperty("duration.s", String.valueOf((System.nanoTime() - started) / 1_000_000_000L));
        Measure.store(run, results.resolve("run.properties"));
        Path out = Path.of(required("out"));
        Report.write(results, out);
        System.out.println("wrote " + out);
    }

    private void runCase(BenchCase benchCase, Double dl4jTimeout, Path results) throws Exception {
        String name = benchCase.name();
        for (String suffix : List.of("", ".solo", ".cold-ours", ".cold-base", ".profile")) {
            Files.deleteIfExists(results.resolve(name + suffix + ".properties"));
        }
        Properties info = new Properties();
        info.setProperty("case", name);
        info.setProperty("kind", benchCase.kind());
        info.setProperty("file", benchCase.file().toString());
        info.setProperty("baseline", benchCase.baseline().name());
        info.setProperty("target", benchCase.target());
        if (benchCase.minSpeedup() != null) {
            info.setProperty("target.minSpeedup", String.valueOf(benchCase.minSpeedup()));
        }
        boolean present = Files.isRegularFile(benchCase.file());
        info.setProperty("present", String.valueOf(present));
        if (present) {
            info.setProperty("file.bytes", String.valueOf(Files.size(benchCase.file())));
        }
        Measure.store(info, results.resolve(name + ".case.properties"));
        if (!present) {
            System.out.println("== " + name + ": " + benchCase.file() + " is missing, skipped");
            return;
        }
        double timeout = benchCase.baseline() == Baseline.DL4J && dl4jTimeout != null
                ? dl4jTimeout : benchCase.timeoutSeconds();
        System.out.printf(Locale.ROOT, "== %s: %s vs %s (warm-up: %d pairs at least, then until the compilers are"
                + " quiet, %.0f s at most; %d measured pairs)%n",
                name, benchCase.file().getFileName(), benchCase.baseline().label(), benchCase.warmup(),
                benchCase.warmupSeconds(), benchCase.pairs());
        child(List.of("measure", name, "--timeout", String.valueOf(timeout)), null);
        Properties pairs = load(results.resolve(name + ".properties"));
        if (pairs.getProperty("ours.error") != null) {
            return; // nothing to compare; the report says why
        }
        boolean baselineTimedOut = "base".equals(pairs.getProperty("timedOut"));
        if (baselineTimedOut && Stats.parse(pairs.getProperty("ours.ms")).size() < benchCase.pairs()) {
            System.out.println("  measuring our import alone (the baseline did not finish)");
            child(List.of("measure", name, "--baseline", "none", "--timeout", "600"), null);
        }
        cold(name, "ours", benchCase.file(), 600, results.resolve(name + ".cold-ours.properties"));
        boolean baselineOk = !baselineTimedOut && pairs.getProperty("base.error") == null;
        if (baselineOk) {
            String what = benchCase.baseline() == Baseline.DL4J ? "dl4j" : "jhdf";
            cold(name, what, benchCase.file(), timeout, results.resolve(name + ".cold-base.properties"));
        }
        if (benchCase.profile()) {
            System.out.println("  profiling our import's phases");
            child(List.of("profile", benchCase.file().toString(), "--iterations", "3",
                    "--out", results.resolve(name + ".profile.properties").toString()), null);
        }
    }

    /** One import in a fresh JVM, under GNU time when there is one: the CLI's wall time and peak memory. */
    private void cold(String name, String what, Path file, double timeout, Path out) throws Exception {
        Path log = out.resolveSibling(out.getFileName().toString().replace(".properties", ".log"));
        List<String> command = new ArrayList<>();
        boolean timed = Files.isExecutable(GNU_TIME);
        if (timed) {
            command.addAll(List.of(GNU_TIME.toString(), "-v"));
        }
        command.addAll(javaCommand(List.of("once", what, file.toString(), "--timeout", String.valueOf(timeout),
                "--sequential", String.valueOf(what.equals("dl4j") && Importers.isSequential(file)))));
        long start = System.nanoTime();
        int exit = exec(command, log, (long) timeout + 120);
        double wall = (System.nanoTime() - start) / 1e9;
        String text = Files.readString(log);
        Properties cold = new Properties();
        cold.setProperty("what", what);
        cold.setProperty("exit", String.valueOf(exit));
        cold.setProperty("process.s", String.format(Locale.ROOT, "%.3f", wall));
        find(text, "result\\.ms=([0-9.]+)").ifPresent(v -> cold.setProperty("import.ms", v));
        find(text, "result\\.timedOut=(true)").ifPresent(v -> cold.setProperty("timedOut", v));
        find(text, "Maximum resident set size \\(kbytes\\): ([0-9]+)").ifPresent(v -> cold.setProperty("rss.kb", v));
        find(text, "Elapsed \\(wall clock\\) time \\(h:mm:ss or m:ss\\): ([0-9:.]+)")
                .ifPresent(v -> cold.setProperty("process.s", String.format(Locale.ROOT, "%.3f", clockSeconds(v))));
        Measure.store(cold, out);
        System.out.printf(Locale.ROOT, "  fresh JVM, %s: import %s ms, process %s s, peak RSS %s MB%n", what,
                cold.getProperty("import.ms", "?"), cold.getProperty("process.s"),
                cold.containsKey("rss.kb") ? String.valueOf(Long.parseLong(cold.getProperty("rss.kb")) / 1024) : "?");
    }

    private void child(List<String> args, Path log) throws Exception {
        List<String> command = new ArrayList<>(javaCommand(args));
        command.addAll(List.of("--corpus", corpus().toString(), "--models", models().toString(),
                "--results", results().toString()));
        exec(command, log, 3600);
    }

    private List<String> javaCommand(List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(Arrays.stream(jvmOpts().split("\\s+")).filter(s -> !s.isBlank()).toList());
        // A JVM that crashes anyway leaves its report with the results, not in the working directory.
        command.add("-XX:ErrorFile=" + results().resolve("hs_err_pid%p.log"));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Harness.class.getName()));
        command.addAll(args);
        return command;
    }

    /** Runs a child process; its output goes to {@code log}, or to ours when log is null. */
    private static int exec(List<String> command, Path log, long hardLimitSeconds) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command);
        if (log == null) {
            builder.inheritIO();
        } else {
            builder.redirectErrorStream(true).redirectOutput(log.toFile());
        }
        Process process = builder.start();
        if (!process.waitFor(hardLimitSeconds, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor();
            System.out.println("  child killed after " + hardLimitSeconds + " s");
        }
        return process.exitValue();
    }

    private List<BenchCase> cases() {
        return Cases.all(corpus(), models());
    }

    private BenchCase find(String name) {
        return cases().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("no case " + name + "; cases: "
                        + cases().stream().map(BenchCase::name).collect(Collectors.joining(", "))));
    }

    private Path corpus() {
        return Path.of(required("corpus")).toAbsolutePath();
    }

    private Path models() {
        return Path.of(required("models")).toAbsolutePath();
    }

    private Path results() {
        return Path.of(required("results")).toAbsolutePath();
    }

    private String jvmOpts() {
        return option("jvm-opts", DEFAULT_JVM_OPTS);
    }

    private String option(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    private String required(String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    static Properties load(Path file) {
        Properties properties = new Properties();
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                properties.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return properties;
    }

    private static String seconds(double seconds) {
        return String.format(Locale.ROOT, "%.0f s", seconds);
    }

    private static java.util.Optional<String> find(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        return matcher.find() ? java.util.Optional.of(matcher.group(1)) : java.util.Optional.empty();
    }

    private static double clockSeconds(String clock) {
        double seconds = 0;
        for (String part : clock.split(":")) {
            seconds = seconds * 60 + Double.parseDouble(part);
        }
        return seconds;
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("unknown");
        } catch (IOException | RuntimeException e) {
            return System.getProperty("os.arch");
        }
    }

    private static String memoryTotal() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .map(l -> String.format(Locale.ROOT, "%.1f GiB",
                            Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0))
                    .findFirst().orElse("unknown");
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
