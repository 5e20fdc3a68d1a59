package org.kinspect.graph;

import java.lang.ref.Cleaner;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The graph's one parameter vector, float32, its numbers not set: the import writes every one
 * (the Keras weights, and zeros where no weight goes).
 *
 * <p>Why not {@code Nd4j.createUninitialized}: libnd4j clears the memory it allocates, a pass over
 * the whole vector before the copy's own (268 MB: about 160 ms CPU, most of it the kernel's page
 * faults). Here the memory is the C library's {@code malloc}, not touched until the weights are
 * copied in, so its pages are faulted in by the copy, on as many threads as the copy uses; with
 * transparent huge pages allowed for it ({@code GLIBC_TUNABLES=glibc.malloc.hugetlb=1}, what the
 * {@code kinspect} launcher sets) that costs about a sixth. ND4J sees an ordinary float buffer over
 * that memory (its own way to wrap memory it did not allocate); the memory is freed when that
 * buffer, and with it every view of it, is no longer reachable, as ND4J frees its own. Like ND4J's
 * allocation it is not counted against JavaCPP's {@code maxbytes}.
 *
 * <pre>{@code
 * INDArray parameters = ParameterVector.uninitialized(graph.numParams()); // [1, n], f32, unset
 * graph.init(parameters, false);
 * }</pre>
 */
final class ParameterVector {
    /** Frees the memory of a vector nothing reaches any more. */
    private static final Cleaner FREED = Cleaner.create();

    private ParameterVector() {}

    /**
     * @param length how many numbers, at least one
     * @return a {@code [1, length]} float32 array whose numbers are not set
     */
    static INDArray uninitialized(long length) {
        Pointer memory = Pointer.malloc(length * Float.BYTES);
        if (memory == null || memory.isNull()) {
            // What ND4J does when the C library refuses (its own retries and message).
            return Nd4j.createUninitialized(DataType.FLOAT, 1, length);
        }
        try {
            FloatPointer floats = new FloatPointer(memory).capacity(length).limit(length);
            DataBuffer buffer = Nd4j.createBuffer(floats, DataType.FLOAT, length, FloatIndexer.create(floats));
            FREED.register(buffer, () -> Pointer.free(memory));
            return Nd4j.create(buffer, new long[] {1, length});
        } catch (RuntimeException | Error e) {
            Pointer.free(memory);
            throw e;
        }
    }
}
