package org.kinspect.report.graph;

/**
 * A model used as a layer, drawn as a box around the calls of its layers.
 *
 * @param name the nested model's name (also the name of the identity call that gives its output)
 * @param className its Keras class: {@code Sequential}, {@code Functional}, or {@code TimeDistributed}
 *     around a model
 * @param parent the nested model it is itself inside, or null
 */
public record NestedGroup(String name, String className, String parent) {}
