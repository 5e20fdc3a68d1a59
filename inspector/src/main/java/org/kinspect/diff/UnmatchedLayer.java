package org.kinspect.diff;

/**
 * A layer of one model that has no counterpart of the same name and output shape in the other.
 *
 * <pre>{@code
 * for (UnmatchedLayer layer : difference.unmatched()) {
 *     System.out.println(layer.name() + " (" + layer.model() + "): " + layer.reason());
 * }
 * }</pre>
 *
 * @param name the layer's Keras name
 * @param model {@code "A"}, {@code "B"}, or {@code "A, B"} when both have it but they differ
 * @param reason why it is not compared, e.g. {@code "only in A"} or
 *     {@code "output (20, 8) in A, (20, 16) in B"}
 */
public record UnmatchedLayer(String name, String model, String reason) {
}
