package org.kinspect.file;

import io.jhdf.api.Dataset;
import io.jhdf.object.message.DataLayout;
import java.nio.file.Path;
import org.kinspect.errors.KinspectException;
import org.kinspect.safety.Memory;

/**
 * Checks the size a weight dataset declares before jhdf reads it into memory. A damaged or hostile
 * file can declare any dimensions in a few bytes; reading them as they are would allocate
 * gigabytes for a file of kilobytes, or fail deep in jhdf with an array size that does not fit.
 *
 * <pre>{@code
 * DatasetSize.check(dataset, path); // before dataset.getDataFlat()
 * }</pre>
 */
final class DatasetSize {
    /** Deflate, the only compression Keras files use, cannot expand data more than about 1032 times. */
    private static final long MAX_COMPRESSION_RATIO = 1100;
    /** A Java array holds at most this many values. */
    private static final long MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

    private DatasetSize() {}

    static void check(Dataset dataset, Path file) {
        String name = file + ": dataset '" + dataset.getPath() + "'";
        for (long dimension : dataset.isScalar() ? new long[0] : dataset.getDimensionsAsLong()) {
            if (dimension < 0) {
                throw KinspectException.modelFile(name + " declares a negative dimension; the file is damaged");
            }
        }
        DataLayout layout = dataset.getDataLayout();
        long bytes = dataset.getSizeInBytes();
        long fileBytes = dataset.getHdfFile().size(); // the HDF5 file itself, also when it came out of a zip
        long holdable = layout == DataLayout.CHUNKED ? saturatedTimes(fileBytes, MAX_COMPRESSION_RATIO) : fileBytes;
        if (bytes < 0 || bytes > holdable) {
            throw KinspectException.modelFile(name + " declares " + dataset.getSize() + " values (" + Memory.gigabytes(bytes)
                    + "), more than a file of " + fileBytes + " bytes can hold; the file is damaged");
        }
        if (dataset.getSize() > MAX_ARRAY_LENGTH) {
            throw KinspectException.unsupported(name + " holds " + dataset.getSize() + " values; kinspect reads at most "
                    + MAX_ARRAY_LENGTH + " values per weight tensor");
        }
        // jhdf's array of the stored type and the float copy made from it live on the heap together.
        double heapNeeded = bytes + 4.0 * dataset.getSize();
        Runtime runtime = Runtime.getRuntime();
        long heapFree = runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
        if (heapNeeded > heapFree) {
            throw KinspectException.resources(name + " needs about " + Memory.gigabytes(heapNeeded) + " of Java heap to read, "
                    + "more than the " + Memory.gigabytes(heapFree) + " free; give Java more memory (-Xmx)");
        }
    }

    private static long saturatedTimes(long value, long factor) {
        return value > Long.MAX_VALUE / factor ? Long.MAX_VALUE : value * factor;
    }
}
