package org.kinspect.gradients;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kinspect.file.LayerWeights;
import org.kinspect.file.WeightStore;
import org.kinspect.file.WeightTensor;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The model's Keras weights replaced by element numbers, to learn where the import puts each
 * element among DL4J's parameters (transposed, gate-reordered, reshaped) without a second copy of
 * every layer's weight conversion. Element {@code k} (counting every weight of every layer in
 * order from 0) becomes {@code total + 1 + k}: an import that adds two elements (a CuDNN bias) or
 * scales one gives a number outside {@code [total + 1, 2 total]} and is noticed, not misread.
 *
 * <pre>{@code
 * WeightNumbering numbering = WeightNumbering.of(archive.weights());
 * WeightStore numbered = numbering.numbered();
 * Optional<WeightNumbering.Element> element = numbering.element(valueFoundInDl4j);
 * }</pre>
 */
public final class WeightNumbering {
    /** Float32 holds every integer up to 2^24 exactly. */
    static final long LARGEST = (1L << 24) - 1;

    /**
     * One element of one Keras weight.
     *
     * @param tensor the weight
     * @param layerName its layer
     * @param offset the element's C-order position in the weight
     */
    public record Element(WeightTensor tensor, String layerName, int offset) {
    }

    private record Span(String layerName, WeightTensor tensor, long first) {
    }

    private final WeightStore original;
    private final List<Span> spans = new ArrayList<>();
    private final long total;

    private WeightNumbering(WeightStore original) {
        this.original = original;
        long next = 0;
        for (LayerWeights layer : original.layers().values()) {
            for (WeightTensor tensor : layer.tensors()) {
                spans.add(new Span(layer.layerName(), tensor, next));
                next += tensor.length();
            }
        }
        this.total = next;
    }

    /** @return the numbering of these weights */
    public static WeightNumbering of(WeightStore weights) {
        return new WeightNumbering(weights);
    }

    /** @return whether float32 numbers every element exactly (fewer than 8 million weights) */
    public boolean fits() {
        return 2 * total <= LARGEST;
    }

    /** @return the same layers and weight names, each element replaced by its number */
    public WeightStore numbered() {
        Map<String, LayerWeights> layers = new LinkedHashMap<>();
        int span = 0;
        for (LayerWeights layer : original.layers().values()) {
            List<WeightTensor> tensors = new ArrayList<>();
            for (WeightTensor tensor : layer.tensors()) {
                long first = spans.get(span++).first();
                float[] numbers = new float[(int) tensor.length()];
                for (int i = 0; i < numbers.length; i++) {
                    numbers[i] = total + 1 + first + i;
                }
                tensors.add(new WeightTensor(tensor.name(), tensor.path(), Nd4j.create(numbers, tensor.shape(), 'c')));
            }
            layers.put(layer.layerName(), new LayerWeights(layer.layerName(), tensors));
        }
        return new WeightStore(layers);
    }

    /**
     * @param number a value found among the numbered model's parameters
     * @return the Keras weight element it is, or empty when it is no number this numbering gave
     */
    public Optional<Element> element(double number) {
        double index = number - total - 1;
        if (index != Math.rint(index) || index < 0 || index >= total) {
            return Optional.empty();
        }
        long at = (long) index;
        int low = 0;
        int high = spans.size() - 1;
        while (low < high) { // the last span starting at or before the element
            int middle = (low + high + 1) / 2;
            if (spans.get(middle).first() <= at) {
                low = middle;
            } else {
                high = middle - 1;
            }
        }
        Span span = spans.get(low);
        return Optional.of(new Element(span.tensor(), span.layerName(), (int) (at - span.first())));
    }

    /** @return every weight with its layer, in order */
    List<Element> weights() {
        return spans.stream().map(span -> new Element(span.tensor(), span.layerName(), 0)).toList();
    }
}
