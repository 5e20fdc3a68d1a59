/**
 * Gradients of a target (a unit of any layer's output, summed over the batch) with respect to the
 * inputs, every layer's output and every trainable weight, in Keras's layout and inference mode
 * (Keras's {@code training=False}).
 *
 * <pre>{@code
 * Gradients gradients = model.gradients(Map.of("signal", x), GradientTarget.parse("lstm_1:2"));
 * }</pre>
 *
 * How: {@link org.kinspect.gradients.GradientProbe} runs the graph forward vertex by vertex keeping
 * what each read (a fresh copy after it ran: DL4J's ActivationLayer overwrites its input when not
 * training), then DL4J's backward passes in reverse order ({@code InferenceBackward} switches
 * dropout off and differentiates BatchNormalization through its moving statistics; it replaces
 * DL4J 1.0.0-M2.1's Conv1D backward pass, which fails on channels-last sequences, by
 * {@code Convolution1DBackward}, and that of SameDiff layers, which doubles every gradient, by
 * {@code SameDiffBackward}). Layouts are not
 * converted by a second set of rules: {@code LayoutIndex} runs the existing one-way conversions of
 * {@code inspect} on element numbers and inverts them, and {@link org.kinspect.gradients.WeightNumbering}
 * imports the model once more with numbered weights to find where each Keras weight element landed
 * among DL4J's parameters. {@code BackwardSupport} lists the layers whose backward pass is checked
 * against Keras (the fixtures in {@code src/test/resources/gradients}); any other is refused by name.
 * The outputs of one layer computed from one another (an LSTM's last output and final states, an
 * attention layer's output and scores) each get the total derivative, as Keras reports them
 * ({@code InferenceVertex.totalOutputGradient}).
 *
 * Builds on {@code inspect} (layouts, inputs) and {@code graph}; {@code attribution} builds on it.
 *
 * <p><b>Exported</b>: part of the API users call ({@link org.kinspect.PublicApi}), except
 * {@code GradientProbe} and {@code WeightNumbering}, which take the imported graph and the stored
 * weights and are kept to the library ({@link org.kinspect.PublicApi#LIBRARY_ONLY}): users call
 * {@code InspectedModel.gradients}.
 */
package org.kinspect.gradients;
