package org.kinspect.batch;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Ways to hand batches of inputs to the data-set passes ({@code UnitSurveyor}, {@code Evaluator}),
 * which take any {@code Iterable<Map<String, INDArray>>}: one map of input name to rows per batch.
 *
 * <pre>{@code
 * Iterable<Map<String, INDArray>> batches = InputBatches.named("signal", myArrays);      // one input
 * Iterable<Map<String, INDArray>> slices = InputBatches.slices(Map.of("signal", x), 256); // in memory
 * }</pre>
 */
public final class InputBatches {

    private InputBatches() {}

    /**
     * @param input the model's only input
     * @param batches batches of that input, batch first
     * @return the same batches keyed by the input's name
     */
    public static Iterable<Map<String, INDArray>> named(String input, Iterable<INDArray> batches) {
        return () -> new Iterator<>() {
            private final Iterator<INDArray> arrays = batches.iterator();

            @Override
            public boolean hasNext() {
                return arrays.hasNext();
            }

            @Override
            public Map<String, INDArray> next() {
                return Map.of(input, arrays.next());
            }
        };
    }

    /**
     * @param inputs whole arrays in memory, one per input, keyed by input name; same first dimension
     * @param batchSize how many rows each batch holds (the last may hold fewer)
     * @return views of consecutive rows of every input
     */
    public static Iterable<Map<String, INDArray>> slices(Map<String, INDArray> inputs, int batchSize) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size " + batchSize + " is not positive");
        }
        long count = inputs.values().iterator().next().size(0);
        return () -> RowRanges.iterator(count, batchSize, (from, to) -> {
            Map<String, INDArray> batch = new LinkedHashMap<>();
            for (Map.Entry<String, INDArray> input : inputs.entrySet()) {
                batch.put(input.getKey(), input.getValue().get(NDArrayIndex.interval(from, to)));
            }
            return batch;
        });
    }
}
