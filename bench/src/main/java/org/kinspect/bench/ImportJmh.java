package org.kinspect.bench;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The same three imports as JMH benchmarks, for looking closer at one file (allocation with {@code -prof gc},
 * a stack profile with {@code -prof stack}); bench/run.sh does not run it, since a DL4J import of an LSTM can
 * hang in orthogonal initialisation where JMH cannot stop it. Example:
 *
 * <pre>
 * java -jar bench/target/kinspect-bench.jar ImportJmh -p file=model.h5 -p importer=ours,jhdf -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx6g", "-Dorg.bytedeco.javacpp.maxbytes=8G",
        "-Dorg.bytedeco.javacpp.maxphysicalbytes=12G"})
public class ImportJmh {
    /** The model file. */
    @Param("")
    public String file;

    /** ours, dl4j or jhdf. */
    @Param({"ours", "dl4j", "jhdf"})
    public String importer;

    private Path path;
    private boolean sequential;

    @Setup
    public void setUp() {
        if (file.isEmpty()) {
            throw new IllegalArgumentException("give the model file: -p file=PATH");
        }
        path = Path.of(file);
        sequential = Importers.isSequential(path);
    }

    @Benchmark
    public long importModel() throws Exception {
        return switch (importer) {
            case "ours" -> Importers.ours(path);
            case "dl4j" -> Importers.dl4j(path, sequential);
            case "jhdf" -> Importers.jhdfRead(path);
            default -> throw new IllegalArgumentException("importer: ours, dl4j or jhdf");
        };
    }
}
