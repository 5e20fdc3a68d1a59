/**
 * Inside a recurrent cell: every gate, candidate and state at every time step, computed from the
 * layer's own Keras weights with its own semantics, and checked against the layer's output from
 * the graph every time. {@link org.kinspect.gates.GateTracer} does the work,
 * {@link org.kinspect.gates.GateTraces} holds the result, {@link org.kinspect.gates.GateStatistics}
 * sums it up.
 *
 * <pre>{@code
 * GateTraces traces = model.gates(Map.of("signal", x), "lstm_1");
 * INDArray forget = traces.trace("f"); // (batch, time, units), Keras's time order
 * }</pre>
 *
 * <p><b>Exported</b>: part of the API users call ({@link org.kinspect.PublicApi}), except
 * {@code GateTracer} and {@code TracedModel}, which take a model's description and are kept to the
 * library ({@link org.kinspect.PublicApi#LIBRARY_ONLY}): users call
 * {@code InspectedModel.gates}.
 */
package org.kinspect.gates;
