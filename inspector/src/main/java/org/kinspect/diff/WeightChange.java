package org.kinspect.diff;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kinspect.InspectedModel;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How far a layer's weights moved between two models: {@code ||W_b - W_a|| / ||W_a||}, the
 * Frobenius norm over all the layer's weights together, each weight matched by its Keras name.
 *
 * <pre>{@code
 * Map<String, Double> changes = WeightChange.of(a, b, List.of("lstm_1", "dense_1"));
 * }</pre>
 */
public final class WeightChange {
    private WeightChange() {}

    /**
     * @param modelA the reference model
     * @param modelB the other
     * @param layers the layers to measure
     * @return each layer's relative change, for the layers with finite weights of the same names
     *     and shapes in both (left out otherwise)
     */
    public static Map<String, Double> of(InspectedModel modelA, InspectedModel modelB, List<String> layers) {
        Map<String, Double> changes = new LinkedHashMap<>();
        for (String layer : layers) {
            Map<String, INDArray> weightsA = modelA.weights(layer);
            Map<String, INDArray> weightsB = modelB.weights(layer);
            if (weightsA.isEmpty() || !weightsA.keySet().equals(weightsB.keySet())) {
                continue;
            }
            ExactSum changed = new ExactSum();
            ExactSum norm = new ExactSum();
            boolean sameShapes = true;
            for (Map.Entry<String, INDArray> weight : weightsA.entrySet()) {
                INDArray a = weight.getValue();
                INDArray b = weightsB.get(weight.getKey());
                if (!Arrays.equals(a.shape(), b.shape())) {
                    sameShapes = false;
                    break;
                }
                double[] valuesA = a.castTo(DataType.DOUBLE).dup('c').data().asDouble();
                double[] valuesB = b.castTo(DataType.DOUBLE).dup('c').data().asDouble();
                for (int index = 0; index < valuesA.length; index++) {
                    double difference = valuesB[index] - valuesA[index];
                    if (!Double.isFinite(difference) || !Double.isFinite(valuesA[index])) {
                        sameShapes = false; // a NaN or infinite weight: no change to measure
                        break;
                    }
                    changed.add(difference * difference);
                    norm.add(valuesA[index] * valuesA[index]);
                }
            }
            if (sameShapes) {
                double normA = Math.sqrt(norm.value());
                double change = Math.sqrt(changed.value());
                changes.put(layer, normA == 0 ? (change == 0 ? 0 : Double.POSITIVE_INFINITY) : change / normA);
            }
        }
        return changes;
    }
}
