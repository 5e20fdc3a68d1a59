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
 * //             activationBytes=20480000, parameters=896, viewOf=null, ownMemoryInTraining=true, ...,
 * //             inferenceWorkingBytes=17280000, trainingWorkingBytes=34560000]
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
 * @param inferenceWorkingBytes the scratch arrays the layer allocates while it runs at inference,
 *     beyond its output (a convolution's im2col array, an LSTM's gate pre-activations for every
 *     step), for the whole batch; 0 for a layer that needs none, null when a size is unknown
 * @param trainingWorkingBytes the same while it runs forward and back in training (an LSTM's
 *     per-step arrays kept for backprop, backprop's own scratch arrays)
 * @param workingMemoryContents what those arrays are, in a few words (e.g. {@code im2col array}),
 *     or null for a layer that needs none
 */
public record LayerMemory(
        String name, String className, List<Long> outputShape, Long valuesPerExample, Long activationBytes,
        long parameters, String viewOf, boolean ownMemoryInTraining, boolean stepsAssumed,
        Long inferenceWorkingBytes, Long trainingWorkingBytes, String workingMemoryContents) {

    public LayerMemory {
        outputShape = Collections.unmodifiableList(new ArrayList<>(outputShape)); // null sizes: no List.copyOf
    }

    /** @return false when a size the model leaves open makes the layer's memory unknown */
    public boolean sizeKnown() {
        return activationBytes != null;
    }

    /**
     * @param training true for training, false for inference
     * @return the layer's scratch bytes while it runs; 0 when a size is unknown
     */
    public long workingBytes(boolean training) {
        Long bytes = training ? trainingWorkingBytes : inferenceWorkingBytes;
        return bytes == null ? 0 : bytes;
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
