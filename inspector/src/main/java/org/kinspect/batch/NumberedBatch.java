package org.kinspect.batch;

/**
 * A batch of a data set read in parts (the partitions of a cluster job), with each example's index
 * in the whole data set: what the accumulators record as the example in their top lists and
 * disagreements, so parts merged name the examples a single pass would.
 *
 * <pre>{@code
 * NumberedBatch<Map<String, INDArray>> batch = new NumberedBatch<>(Map.of("signal", x), new long[] {4096, 4097});
 * }</pre>
 *
 * @param <T> the batch: inputs by name ({@code Map<String, INDArray>}) or a labelled batch
 * @param batch the examples
 * @param exampleIndices each example's index in the whole data set, in the batch's row order
 */
public record NumberedBatch<T>(T batch, long[] exampleIndices) {}
