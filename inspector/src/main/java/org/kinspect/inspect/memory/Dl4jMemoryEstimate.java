package org.kinspect.inspect.memory;

import java.util.List;

/**
 * DL4J's own estimate for the imported graph (its vertices' {@code getMemoryReport}, added up as
 * {@code ComputationGraphConfiguration.getMemoryReport} does), for the same batch, value type and
 * optimizer, to set beside kinspect's plan.
 *
 * <pre>{@code
 * Dl4jMemoryEstimate dl4j = model.dl4jMemoryEstimate(MemoryOptions.of(64), Map.of());
 * if (dl4j.available()) System.out.println(dl4j.inferenceBytes());
 * else System.out.println(dl4j.unavailableReason());
 * }</pre>
 *
 * @param unavailableReason why DL4J could not estimate the graph, or null when it could
 * @param verticesWithoutReport vertices whose DL4J report fails or is missing (a DL4J gap, e.g.
 *     Conv1D layers, or a layer kinspect adds), as {@code name (DL4J class)}: the numbers leave them out
 * @param parameterBytes its parameters
 * @param activationBytes the sum of every vertex's output (network inputs not included)
 * @param activationGradientBytes in training, a gradient the size of every vertex's input
 * @param parameterGradientBytes in training, a gradient for every parameter
 * @param updaterStateBytes in training, the updater's state
 * @param inferenceWorkingBytes scratch memory of the vertex needing most at inference
 * @param trainingWorkingBytes the same in training, with cached memory
 * @param inferenceBytes DL4J's inference total
 * @param trainingBytes DL4J's training total
 */
public record Dl4jMemoryEstimate(
        String unavailableReason, List<String> verticesWithoutReport, long parameterBytes, long activationBytes,
        long activationGradientBytes, long parameterGradientBytes, long updaterStateBytes, long inferenceWorkingBytes, long trainingWorkingBytes,
        long inferenceBytes, long trainingBytes) {

    /**
     * Where DL4J's estimate and kinspect's differ, and why; one line each.
     */
    public static final List<String> DIFFERENCES = List.of(
            "activations: kinspect counts the outputs alive at once at the peak (each freed after its last reader),"
                    + " model inputs included; DL4J adds up every vertex's output and leaves the inputs out",
            "working memory: both add the scratch arrays of the layer needing most (im2col for convolutions,"
                    + " LSTM gate arrays, pre-activations in training); kinspect has DL4J's formulas for Conv1D,"
                    + " Conv2D, LSTM, Bidirectional LSTM and Dense layers only. DL4J's inference figure counts one"
                    + " example (its LayerMemoryReport leaves the batch out of it); kinspect's the whole batch",
            "gradients: DL4J counts one the size of each vertex's input; kinspect one per kept activation,"
                    + " model inputs excepted",
            "graph: DL4J counts its own vertices (a Flatten or Reshape as an array of its own, a Keras layer split"
                    + " in several vertices); neither counts what workspaces reuse or ND4J's own overhead");

    public Dl4jMemoryEstimate {
        verticesWithoutReport = List.copyOf(verticesWithoutReport);
    }

    /** @return true when DL4J could estimate the graph */
    public boolean available() {
        return unavailableReason == null;
    }

    /** @return an estimate DL4J could not make, and why */
    static Dl4jMemoryEstimate unavailable(String reason) {
        return new Dl4jMemoryEstimate(reason, List.of(), 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }
}
