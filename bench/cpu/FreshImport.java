import java.nio.file.Path;
import java.util.Locale;
import org.kinspect.InspectedModel;

/**
 * One import in this (fresh) JVM and nothing else, for comparing two builds of the library by the
 * process's CPU time: {@code bench/cpu/fresh-import-cpu.sh} compiles it once and runs it on each
 * build's class path. Prints {@code result.ms} (the open call, ND4J's start included).
 */
public class FreshImport {
    public static void main(String[] args) {
        long start = System.nanoTime();
        long params = InspectedModel.open(Path.of(args[0])).graph().numParams();
        System.out.printf(Locale.ROOT, "result.ms=%.3f%nresult.params=%d%n", (System.nanoTime() - start) / 1e6, params);
        System.exit(0); // ND4J leaves non-daemon threads behind
    }
}
