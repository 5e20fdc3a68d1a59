/**
 * numpy {@code .npy} files, the way arrays enter and leave kinspect: inputs given to a model,
 * layer outputs and weights written out. Not a step of the flow (file -> config -> graph -> inspect
 * -> report) but a tool beside it, used by {@code batch}, {@code eval} and the CLI.
 * {@link org.kinspect.array.NpyFile} reads any numeric dtype, byte order and memory order into a
 * float32 array and writes float32 arrays back; {@link org.kinspect.array.NpyRows} reads a range of
 * rows at a time, so a data set of millions of examples streams in flat memory;
 * {@link org.kinspect.array.NpyFormatException} says in one line what is wrong with a file. The
 * header is parsed, never evaluated (ND4J's own reader is not used: it scrambles Fortran order and
 * aborts on big-endian files).
 *
 * <p>Must depend on nothing of kinspect's but {@code KinspectException} (true today).
 *
 * <pre>{@code
 * INDArray input = NpyFile.read(Path.of("input.npy"));   // any numeric dtype, float32 C order
 * NpyFile.write(Path.of("output.npy"), model.activation("dense_1", Map.of("signal", input)));
 * }</pre>
 *
 * <p><b>Exported</b>: part of the API users call ({@link org.kinspect.PublicApi}).
 */
package org.kinspect.array;
