package org.kinspect.gradients;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.kinspect.graph.ImportedGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Puts the gradients of DL4J's parameters back on the Keras weights they came from, through the
 * model imported with numbered weights ({@link WeightNumbering}): the number found at a parameter
 * element names the Keras weight element. An element that one Keras element feeds twice gets the
 * sum (the chain rule); a weight only partly found, or a parameter element that is no number, is
 * said in a note and its layer's weights given no gradient, never a wrong one.
 */
final class WeightGradients {
    /** Keras weights no gradient reaches: statistics and counters, not trained by backpropagation. */
    private static final Set<String> NOT_TRAINED = Set.of("moving_mean", "moving_variance", "running_mean",
            "running_std", "seed_generator_state", "iterations", "count", "mean", "variance");

    record Result(Map<String, Map<String, INDArray>> weights, List<String> notes) {
    }

    private WeightGradients() {
    }

    /**
     * @param imported the differentiated graph
     * @param parameters each layer vertex's parameter gradients, DL4J's names and layout
     * @param numbering the numbering of the model's Keras weights
     * @param numbered the model imported with those numbers as its weights
     * @return the gradients by layer and Keras weight name, and what could not be given
     */
    static Result inKerasLayout(ImportedGraph imported, Map<String, Gradient> parameters, WeightNumbering numbering,
            Supplier<ImportedGraph> numbered) {
        List<String> notes = new ArrayList<>();
        if (parameters.isEmpty()) {
            return new Result(Map.of(), notes);
        }
        if (!numbering.fits()) {
            notes.add("the model has too many weights (8 million or more) to put their gradients back in Keras's"
                    + " layout; no weight gradients given");
            return new Result(Map.of(), notes);
        }
        ImportedGraph twin = numbered.get();
        Map<org.kinspect.file.WeightTensor, float[]> sums = new IdentityHashMap<>();
        Map<org.kinspect.file.WeightTensor, int[]> counts = new IdentityHashMap<>();
        Set<String> refusedLayers = new java.util.HashSet<>();
        for (Map.Entry<String, Gradient> entry : parameters.entrySet()) {
            GraphVertex vertex = twin.graph().getVertex(entry.getKey());
            Map<String, INDArray> table = vertex == null ? Map.of() : vertex.paramTable(false);
            for (Map.Entry<String, INDArray> gradient : entry.getValue().gradientForVariable().entrySet()) {
                INDArray numbers = table.get(gradient.getKey());
                if (numbers == null || numbers.length() != gradient.getValue().length()) {
                    notes.add("layer '" + entry.getKey() + "': its parameter " + gradient.getKey()
                            + " has no Keras weight kinspect can find; its weights get no gradient");
                    refusedLayers.add(entry.getKey());
                    continue;
                }
                double[] found = numbers.castTo(DataType.DOUBLE).dup('c').data().asDouble();
                float[] values = gradient.getValue().castTo(DataType.FLOAT).dup('c').data().asFloat();
                for (int i = 0; i < found.length; i++) {
                    Optional<WeightNumbering.Element> element = numbering.element(found[i]);
                    if (element.isEmpty()) {
                        if (values[i] != 0 || found[i] != 0) {
                            notes.add("layer '" + entry.getKey() + "': its parameter " + gradient.getKey()
                                    + " is computed from the Keras weights, not copied; its weights get no gradient");
                            refusedLayers.add(entry.getKey());
                        }
                        break;
                    }
                    WeightNumbering.Element at = element.get();
                    int length = (int) at.tensor().length();
                    sums.computeIfAbsent(at.tensor(), t -> new float[length])[at.offset()] += values[i];
                    counts.computeIfAbsent(at.tensor(), t -> new int[length])[at.offset()]++;
                }
            }
        }
        Map<String, Map<String, INDArray>> byLayer = new LinkedHashMap<>();
        for (WeightNumbering.Element weight : numbering.weights()) {
            int[] seen = counts.get(weight.tensor());
            String name = weight.layerName() + "." + weight.tensor().name();
            if (refusedLayers.contains(weight.layerName())) {
                continue;
            }
            if (seen == null) {
                if (!NOT_TRAINED.contains(weight.tensor().name()) && imported.spec().layer(weight.layerName()).isPresent()
                        && reached(parameters, weight.layerName())) {
                    notes.add(name + ": no gradient found for it among DL4J's parameters");
                }
                continue;
            }
            if (java.util.Arrays.stream(seen).anyMatch(count -> count == 0)) {
                notes.add(name + ": only part of it found among DL4J's parameters; no gradient given");
                continue;
            }
            INDArray gradient = Nd4j.create(sums.get(weight.tensor()), weight.tensor().shape(), 'c');
            byLayer.computeIfAbsent(weight.layerName(), layer -> new LinkedHashMap<>()).put(weight.tensor().name(),
                    gradient);
        }
        return new Result(byLayer, List.copyOf(notes));
    }

    /** Whether the target reaches the layer (a layer after it, or on another branch, has no gradient). */
    private static boolean reached(Map<String, Gradient> parameters, String layerName) {
        // a layer kinspect runs as a vertex of its own has it under a longer name (encoder__outputs)
        return parameters.keySet().stream().anyMatch(name -> name.equals(layerName) || name.startsWith(layerName + "__"));
    }
}
