package org.kinspect.shape;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A tensor's shape as Keras writes it: the batch axis first, {@code null} for a size the model
 * leaves open (Keras's {@code None}). A size is never 0 or negative.
 *
 * <pre>{@code
 * KerasShape sequence = KerasShape.of(null, null, 64);   // (None, None, 64)
 * sequence.size(2);                                      // 64
 * sequence.filled(new long[] {3, 7, 64}).toString();     // (3, 7, 64)
 * }</pre>
 *
 * @param sizes one size an axis, batch first; null where open
 */
public record KerasShape(List<Long> sizes) {

    public KerasShape {
        List<Long> copy = new ArrayList<>(sizes);
        for (Long size : copy) {
            if (size != null && size < 1) {
                throw new IllegalArgumentException("a Keras size is at least 1 or open, not " + size + " in " + copy);
            }
        }
        sizes = Collections.unmodifiableList(copy); // null sizes: no List.copyOf
    }

    /**
     * @param sizes the sizes, batch first, null where open
     * @return the shape
     */
    public static KerasShape of(Long... sizes) {
        List<Long> list = new ArrayList<>();
        Collections.addAll(list, sizes);
        return new KerasShape(list);
    }

    /**
     * @param sizes the sizes, batch first; a size below 1 is open
     * @return the shape
     */
    public static KerasShape ofOpen(long... sizes) {
        List<Long> list = new ArrayList<>();
        for (long size : sizes) {
            list.add(size < 1 ? null : size);
        }
        return new KerasShape(list);
    }

    /**
     * @param batch null for an open batch
     * @param example the sizes of one example, null where open
     * @return the shape {@code (batch, *example)}
     */
    public static KerasShape batchOf(Long batch, List<Long> example) {
        List<Long> list = new ArrayList<>();
        list.add(batch);
        list.addAll(example);
        return new KerasShape(list);
    }

    /** @return the number of axes, the batch axis included */
    public int rank() {
        return sizes.size();
    }

    /**
     * @param axis an axis, negative from the end
     * @return its size, null when open
     */
    public Long size(int axis) {
        return sizes.get(axis < 0 ? sizes.size() + axis : axis);
    }

    /** @return the sizes of one example (every axis but the batch) */
    public List<Long> example() {
        return sizes.subList(1, sizes.size());
    }

    /** @return the last axis's size */
    public Long last() {
        return size(-1);
    }

    /**
     * @param axis an axis, negative from the end
     * @param size its new size, null for open
     * @return the same shape with that axis changed
     */
    public KerasShape with(int axis, Long size) {
        List<Long> copy = new ArrayList<>(sizes);
        copy.set(axis < 0 ? sizes.size() + axis : axis, size);
        return new KerasShape(copy);
    }

    /** @return true when no size but the batch's is open */
    public boolean exampleKnown() {
        return example().stream().allMatch(Objects::nonNull);
    }

    /**
     * @return the values in one example, or null when a size is open
     */
    public Long valuesPerExample() {
        long values = 1;
        for (Long size : example()) {
            if (size == null) return null;
            values = Math.multiplyExact(values, size);
        }
        return values;
    }

    /**
     * @param actual an array's shape
     * @return true when it has this shape, open sizes taking any size
     */
    public boolean admits(long[] actual) {
        if (actual.length != sizes.size()) return false;
        for (int axis = 0; axis < actual.length; axis++) {
            if (sizes.get(axis) != null && sizes.get(axis) != actual[axis]) return false;
        }
        return true;
    }

    /**
     * @param actual an array's shape that this shape {@link #admits}
     * @return this shape with its open sizes taken from it
     */
    public KerasShape filled(long[] actual) {
        List<Long> copy = new ArrayList<>();
        for (int axis = 0; axis < sizes.size(); axis++) {
            copy.add(sizes.get(axis) != null ? sizes.get(axis) : (Long) actual[axis]);
        }
        return new KerasShape(copy);
    }

    /** @return the sizes with -1 for open ones, the form DL4J and kinspect's operations use */
    public long[] toArray() {
        return sizes.stream().mapToLong(size -> size == null ? -1 : size).toArray();
    }

    /** @return Keras's way of writing it: {@code (None, 60, 64)}; {@code (None, 5)} for one axis after the batch */
    @Override
    public String toString() {
        List<String> parts = sizes.stream().map(size -> size == null ? "None" : size.toString()).toList();
        return "(" + String.join(", ", parts) + (parts.size() == 1 ? ",)" : ")");
    }
}
