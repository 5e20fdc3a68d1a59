package org.kinspect.inspect.memory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One layer's share of a memory plan.
 *
 * <pre>{@code
 * // conv2d_1 of a 50x50x3 image model, batch 64, float32:
 * // LayerMemory[name=conv2d_1, className=Conv2D, outputShape=[50, 50, 32], valuesPerExample=80000,
 * //             activationBytes=20480000, parameters=896, viewOf=null, ownMemoryInTraining=true, ...]
 * }</pre>
 *
 * @param name the Keras layer name
 * @param className the Keras class
 * @param outputShape the output shape without the batch axis, as the model summary gives it; null
 *     for a size the model leaves open
 * @param valuesPerExample values in one example's output; null when a size is open and no steps
 *     were given for it
 * @param activationBytes the output for the whole batch, in bytes; null when unknown
 * @param parameters the layer's parameters
 * @param viewOf the layer whose output this one merely reshapes or passes on at inference, sharing
 *     its memory (a Flatten, a Reshape; a Dropout at inference), or null when it has memory of its own
 * @param ownMemoryInTraining true when training gives it an array of its own even so (a Dropout's
 *     masked copy)
 * @param stepsAssumed true when an open size was counted as the steps given
 */
public record LayerMemory(
        String name, String className, List<Long> outputShape, Long valuesPerExample, Long activationBytes,
        long parameters, String viewOf, boolean ownMemoryInTraining, boolean stepsAssumed) {

    public LayerMemory {
        outputShape = Collections.unmodifiableList(new ArrayList<>(outputShape)); // null sizes: no List.copyOf
    }

    /** @return false when a size the model leaves open makes the layer's memory unknown */
    public boolean sizeKnown() {
        return activationBytes != null;
    }

    /**
     * @param training true for training, false for inference
     * @return the bytes this layer adds of its own: 0 for a view or an unknown size
     */
    public long ownBytes(boolean training) {
        boolean own = viewOf == null || (training && ownMemoryInTraining);
        return own && activationBytes != null ? activationBytes : 0;
    }
}
