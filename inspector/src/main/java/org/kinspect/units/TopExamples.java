package org.kinspect.units;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The k largest values offered so far, with the example and position each came from. k is small
 * (9 by default), so a plain array with the smallest entry remembered beats a heap: most offers
 * fail one comparison, and replacing costs k steps. The order kept (value, then the smaller
 * example index) is total, so the lists of parts of a data set merged ({@link #merge}) equal the
 * list of one pass over all of it, whatever order the parts come in.
 */
final class TopExamples implements Serializable {
    private static final long serialVersionUID = 1L;

    private final double[] values;
    private final long[] indices;
    private final int[] positions;
    private int size;
    private int smallest;

    /** @param capacity how many to keep */
    TopExamples(int capacity) {
        values = new double[capacity];
        indices = new long[capacity];
        positions = new int[capacity];
    }

    /**
     * Keeps the value if it is among the largest so far. Among equal values the smaller example
     * index stays, whatever order the examples arrive in.
     *
     * @param value the value
     * @param index the example it came from
     * @param position the flattened position of the value within the example
     */
    void offer(double value, long index, int position) {
        if (values.length == 0) {
            return;
        }
        if (size < values.length) {
            put(size++, value, index, position);
            if (size == values.length) {
                findSmallest();
            }
        } else if (value > values[smallest] || value == values[smallest] && index < indices[smallest]) {
            put(smallest, value, index, position);
            findSmallest();
        }
    }

    /**
     * Offers every entry another list kept: the result is the list one pass over both parts' examples keeps.
     *
     * @param other a list of the same capacity, of other examples
     */
    void merge(TopExamples other) {
        for (int slot = 0; slot < other.size; slot++) {
            offer(other.values[slot], other.indices[slot], other.positions[slot]);
        }
    }

    private void put(int slot, double value, long index, int position) {
        values[slot] = value;
        indices[slot] = index;
        positions[slot] = position;
    }

    private void findSmallest() {
        // Among equal values the latest example is the one to give up, so ties keep the earlier ones.
        smallest = 0;
        for (int slot = 1; slot < size; slot++) {
            if (values[slot] < values[smallest]
                    || values[slot] == values[smallest] && indices[slot] > indices[smallest]) {
                smallest = slot;
            }
        }
    }

    /**
     * @param positionShape the shape the flattened positions index, C order
     * @return the kept values, largest first, ties by example index
     */
    List<TopActivation> sorted(long[] positionShape) {
        List<TopActivation> top = new ArrayList<>(size);
        for (int slot = 0; slot < size; slot++) {
            top.add(new TopActivation(indices[slot], values[slot], unflatten(positions[slot], positionShape)));
        }
        top.sort(Comparator.comparingDouble(TopActivation::value).reversed()
                .thenComparingLong(TopActivation::index));
        return top;
    }

    /** @return the multi-index of a flattened C-order position */
    static long[] unflatten(long flat, long[] shape) {
        long[] index = new long[shape.length];
        for (int axis = shape.length - 1; axis >= 0; axis--) {
            index[axis] = flat % shape[axis];
            flat /= shape[axis];
        }
        return index;
    }
}
