package org.kinspect.safety;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.function.Supplier;
import org.bytedeco.javacpp.Pointer;
import org.kinspect.errors.KinspectException;

/**
 * How much memory ND4J may still take, so that a model or batch too large for it fails before
 * anything is allocated, with a message saying how much it needs. ND4J's CPU arrays live outside
 * the Java heap: they are bounded by JavaCPP's {@code maxPhysicalBytes} (the whole process,
 * {@code -Dorg.bytedeco.javacpp.maxphysicalbytes}) and by the machine itself; allocating past them
 * fails deep in native code, or gets the process killed.
 *
 * <pre>{@code
 * Memory.require(4L * parameterCount, () -> "model.h5: the model's 10^12 parameters", "give ...");
 * }</pre>
 */
public final class Memory {
    private static final double GIGABYTE = 1024.0 * 1024 * 1024;
    /**
     * A step that needs no more than this is not checked: a process that runs at all can still give
     * that much (the JVM alone takes more), and asking JavaCPP loads its native library, which cost
     * a summary of a small model, which needs no ND4J, a tenth of its time.
     */
    static final double UNCHECKED_BYTES = 64.0 * 1024 * 1024;

    private Memory() {}

    /** @return bytes this process may still use for ND4J arrays (an estimate; never negative) */
    public static long available() {
        long machine = Machine.BYTES;
        long javacppLimit = Pointer.maxPhysicalBytes();
        long limit = javacppLimit > 0 ? Math.min(javacppLimit, machine) : machine;
        return Math.max(0, limit - Pointer.physicalBytes());
    }

    /**
     * @param bytes what a step needs, estimated before it runs; negative means it overflowed a long
     * @param what the step, for the message, e.g. {@code model.h5: the model's 3 parameters}; made only
     *     for the message, as every import asks
     * @param remedy what the user can do, e.g. {@code use a smaller batch}
     * @throws KinspectException when the process cannot give that much (asked only for more than
     *     {@link #UNCHECKED_BYTES})
     */
    public static void require(double bytes, Supplier<String> what, String remedy) {
        if (bytes >= 0 && bytes <= UNCHECKED_BYTES) {
            return;
        }
        long available = available();
        if (bytes > available) {
            throw KinspectException.resources(what.get() + " need about " + gigabytes(bytes) + " of memory, more than the "
                    + gigabytes(available) + " this process can still use; " + remedy);
        }
    }

    /** @return e.g. {@code 3.7 GB} or {@code 3,725 GB} */
    public static String gigabytes(double bytes) {
        double gb = bytes / GIGABYTE;
        return gb >= 100 ? String.format(Locale.ROOT, "%,.0f GB", gb) : String.format(Locale.ROOT, "%.1f GB", gb);
    }

    /** The machine's memory, read once (the JDK reads /proc or the cgroup files on every call). */
    private static final class Machine {
        static final long BYTES = ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? os.getTotalMemorySize() : Long.MAX_VALUE;
    }
}
