package org.kinspect.inspect.memory;

import java.util.List;

/**
 * How much memory a model needs, layer by layer, for inference and for training.
 *
 * <p>Inference needs the parameters plus the activations alive at once at the peak, each output
 * being freed once the last layer reading it has run, plus working memory: the scratch arrays of
 * the layer needing most while it runs (layers run one at a time, so one layer's scratch arrays
 * are alive at once; added to the peak whether or not that layer runs at the peak, so the sum is
 * an upper bound). Training keeps every activation for the backward pass and adds their
 * gradients, the parameters' gradients, the optimizer's state and the working memory of the
 * layer needing most forward and back. See {@link LayerMemory#inferenceWorkingBytes()} for what
 * each layer's working memory is.
 *
 * <pre>{@code
 * MemoryPlan plan = InspectedModel.open(Path.of("model.h5")).memoryPlan(MemoryOptions.of(64));
 * plan.inferenceBytes();              // e.g. 44131608
 * plan.training().optimizerStateBytes();
 * plan.layers().get(1).activationBytes();
 * }</pre>
 *
 * @param options what the plan is for
 * @param layers every layer in Keras's order, input layers included
 * @param parameters all parameters of the model
 * @param trainableParameters those that training changes (BatchNormalization statistics and frozen
 *     layers are not)
 * @param inference what inference needs
 * @param training what training needs
 */
public record MemoryPlan(
        MemoryOptions options, List<LayerMemory> layers, long parameters, long trainableParameters,
        Inference inference, Training training) {

    public MemoryPlan {
        layers = List.copyOf(layers);
    }

    /**
     * What inference needs.
     *
     * @param peak the activations alive at once at the peak
     * @param parameterBytes the parameters
     * @param workingBytes the scratch arrays of the layer needing most at inference
     * @param workingLayer that layer, or null when no layer needs any
     */
    public record Inference(InferencePeak peak, long parameterBytes, long workingBytes, String workingLayer) {
        /** @return the peak's activations plus the parameters plus the working memory */
        public long totalBytes() {
            return peak.activationBytes() + parameterBytes + workingBytes;
        }
    }

    /**
     * What training needs, at once, in bytes.
     *
     * @param activationBytes every layer's output, kept for the backward pass (views excluded)
     * @param activationGradientBytes a gradient of the same size for each of them, except the
     *     model inputs, which need none
     * @param parameterBytes the parameters
     * @param parameterGradientBytes a gradient for each trainable parameter
     * @param optimizerStateBytes the optimizer's copies of the trainable parameters
     * @param workingBytes the scratch arrays of the layer needing most forward and back
     * @param workingLayer that layer, or null when no layer needs any
     */
    public record Training(long activationBytes, long activationGradientBytes, long parameterBytes,
            long parameterGradientBytes, long optimizerStateBytes, long workingBytes, String workingLayer) {
        /** @return the sum of the parts */
        public long totalBytes() {
            return activationBytes + activationGradientBytes + parameterBytes + parameterGradientBytes
                    + optimizerStateBytes + workingBytes;
        }
    }

    /** @return bytes for inference: the peak of live activations plus the parameters plus working memory */
    public long inferenceBytes() {
        return inference.totalBytes();
    }

    /**
     * @return bytes for training: activations, their gradients, parameters, their gradients,
     *     optimizer state, working memory
     */
    public long trainingBytes() {
        return training.totalBytes();
    }

    /**
     * @return the layers whose size the model leaves open ({@code None}) with no steps given for
     *     it; the totals leave them out, so they are a lower bound when this is not empty
     */
    public List<String> layersOfUnknownSize() {
        return layers.stream().filter(layer -> !layer.sizeKnown()).map(LayerMemory::name).toList();
    }

    /**
     * @return the model inputs with a size the model leaves open and no steps given for it: the
     *     totals need their sizes ({@code InspectedModel.memoryPlan(options, inputShapes)}, the
     *     command line's {@code --input-shape NAME=...})
     */
    public List<LayerMemory> inputsOfOpenSize() {
        return layers.stream().filter(layer -> layer.className().equals("InputLayer") && !layer.sizeKnown()).toList();
    }

    /** @return true when every layer's size is known, so the totals are complete */
    public boolean complete() {
        return layersOfUnknownSize().isEmpty();
    }
}
