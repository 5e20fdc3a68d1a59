package org.kinspect.diff;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kinspect.InspectedModel;
import org.kinspect.ModelInternals;
import org.kinspect.config.LayerSpec;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Which layers of two models can be compared: those of the same name that compute an output of
 * their own (not the inputs), in model A's order; then, once a batch has run, those of the same
 * output shape. The rest are listed as unmatched, with the reason.
 */
record LayerMatch(List<String> candidates, List<UnmatchedLayer> unmatched) {

    static LayerMatch of(InspectedModel modelA, InspectedModel modelB, List<String> wanted) {
        Set<String> layersA = computedLayers(modelA);
        Set<String> layersB = computedLayers(modelB);
        List<String> candidates = new ArrayList<>();
        List<UnmatchedLayer> unmatched = new ArrayList<>();
        List<String> asked = wanted.isEmpty() ? new ArrayList<>(layersA) : wanted;
        for (String layer : asked) {
            if (!layersA.contains(layer)) {
                unmatched.add(new UnmatchedLayer(layer, "A", "no output of its own in A"));
            } else if (!layersB.contains(layer)) {
                unmatched.add(new UnmatchedLayer(layer, "A", "only in A"));
            } else {
                candidates.add(layer);
            }
        }
        if (wanted.isEmpty()) {
            for (String layer : layersB) {
                if (!layersA.contains(layer)) {
                    unmatched.add(new UnmatchedLayer(layer, "B", "only in B"));
                }
            }
        }
        return new LayerMatch(List.copyOf(candidates), List.copyOf(unmatched));
    }

    /** The layers that compute an output in the imported graph, in Keras's order, inputs left out. */
    private static Set<String> computedLayers(InspectedModel model) {
        Map<String, ?> vertices = model.graph().getConfiguration().getVertices();
        Set<String> layers = new LinkedHashSet<>();
        for (LayerSpec layer : ModelInternals.spec(model).layers()) {
            if (!layer.isInput() && vertices.containsKey(layer.name())) {
                layers.add(layer.name());
            }
        }
        return layers;
    }

    /**
     * @param outputsA model A's outputs of the candidates for one batch
     * @param outputsB model B's
     * @param unmatched where the layers whose shapes differ are added
     * @return the candidates whose outputs have the same shape in both
     */
    List<String> sameShapes(Map<String, INDArray> outputsA, Map<String, INDArray> outputsB, List<UnmatchedLayer> unmatched) {
        List<String> same = new ArrayList<>();
        for (String layer : candidates) {
            long[] shapeA = LayerValues.exampleShape(outputsA.get(layer));
            long[] shapeB = LayerValues.exampleShape(outputsB.get(layer));
            if (Arrays.equals(shapeA, shapeB)) {
                same.add(layer);
            } else {
                unmatched.add(new UnmatchedLayer(layer, "A, B", "output " + shape(shapeA) + " in A, " + shape(shapeB) + " in B"));
            }
        }
        return same;
    }

    private static String shape(long[] shape) {
        StringBuilder text = new StringBuilder("(");
        for (int axis = 0; axis < shape.length; axis++) {
            text.append(axis == 0 ? "" : ", ").append(shape[axis]);
        }
        return text.append(shape.length == 1 ? ",)" : ")").toString();
    }
}
