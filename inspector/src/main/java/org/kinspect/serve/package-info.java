/**
 * A model's outputs for a service, from any thread: {@link org.kinspect.serve.Predictor} keeps a
 * pool of DL4J graphs sharing one parameter array and runs each call on a graph of its own through
 * kinspect's forward pass (Keras masks included), returning the model's outputs in Keras's layout
 * by output name. {@code samples/} has an HTTP service built on it.
 *
 * <pre>{@code
 * Predictor predictor = new Predictor(InspectedModel.open(Path.of("model.zip")));
 * INDArray classes = predictor.predict(x).get("classes");
 * }</pre>
 *
 * <p><b>Exported</b>: part of the API users call ({@link org.kinspect.PublicApi}).
 */
package org.kinspect.serve;
