import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Locale;
import org.kinspect.InspectedModel;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The process CPU time (every thread: Java's and ND4J's native ones) and wall time of one import, warm:
 * run with a build's bench jar as class path, {@code java -cp JAR bench/cpu/CpuPerImport.java MODEL N}.
 * Under a busy machine the CPU time moves much less than the wall time. The first import is a warm-up.
 */
public class CpuPerImport {
    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        int imports = Integer.parseInt(args[1]);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Nd4j.zeros(1);
        for (int i = 0; i <= imports; i++) {
            System.gc();
            long cpu = os.getProcessCpuTime();
            long wall = System.nanoTime();
            long params = InspectedModel.open(file).graph().numParams();
            double cpuMs = (os.getProcessCpuTime() - cpu) / 1e6;
            double wallMs = (System.nanoTime() - wall) / 1e6;
            if (i > 0) {
                System.out.printf(Locale.ROOT, "import cpu.ms=%.0f wall.ms=%.0f params=%d%n", cpuMs, wallMs, params);
            }
        }
        System.exit(0);
    }
}
