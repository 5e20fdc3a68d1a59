/**
 * Part of step 3 of the flow (file -> config -> graph -> inspect -> report): operation layers, the
 * {@code keras.ops} calls of a Keras 3 functional model ({@code x + 1.0},
 * {@code ops.mean(x, axis=1)}) and tf.keras's {@code TFOpLambda} and {@code TensorFlowOpLayer},
 * which {@code config.OperationLayers} has described as one function on arguments.
 * {@link org.kinspect.graph.operations.OperationRewrite} hands them to DL4J under the class name of
 * the mapper {@link org.kinspect.graph.operations.OperationLayerMapper}, which makes an
 * {@link org.kinspect.graph.operations.OperationVertex}: inputs moved to Keras's layout, the
 * {@code Operation} run there (element-wise, reductions, reshaping, slicing, matmul, batch_dot...),
 * the result given in Keras's layout. {@link org.kinspect.graph.operations.FoldedSequences} guards
 * sequences DL4J folded into the batch.
 *
 * <p>Must not depend on {@code inspect} or {@code report}. It builds on {@code graph.layers}
 * ({@code InferenceVertex}), which imports it back for the registry (issue 17); and {@code inspect}
 * reaches into it ({@code FoldedTime} and {@code ModelSummary} test for {@code OperationVertex}).
 *
 * <pre>{@code
 * OperationRewrite.prepare(layers, spec); // the layer list DL4J will read, changed in place
 * }</pre>
 *
 * <p><b>Internal</b>: not part of the API users call ({@link org.kinspect.PublicApi}).
 */
package org.kinspect.graph.operations;
