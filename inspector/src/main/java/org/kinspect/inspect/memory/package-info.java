/**
 * Beside step 4 of the flow (file -> config -> graph -> inspect -> report): how much memory a model
 * needs, layer by layer, for inference and for training, planned from its summary and the order its
 * graph runs in, without running it. {@link org.kinspect.inspect.memory.MemoryPlanner} makes a
 * {@link org.kinspect.inspect.memory.MemoryPlan} (one {@link org.kinspect.inspect.memory.LayerMemory}
 * per layer, the {@link org.kinspect.inspect.memory.InferencePeak}) for given
 * {@link org.kinspect.inspect.memory.MemoryOptions} (batch, {@link org.kinspect.inspect.memory.Precision},
 * {@link org.kinspect.inspect.memory.Optimizer}), and sets DL4J's own estimate beside it
 * ({@link org.kinspect.inspect.memory.Dl4jMemoryEstimate}). A JSON configuration alone is enough:
 * planning needs no weights.
 *
 * <p>Must not depend on {@code report}, {@code batch}, {@code eval}, {@code units} or the CLI (it
 * does not today); it reads {@code config}, {@code graph.ImportedGraph} and
 * {@code inspect.ModelSummary}.
 *
 * <pre>{@code
 * InspectedModel model = InspectedModel.openConfig(Path.of("model.json"));
 * MemoryPlan plan = model.memoryPlan(MemoryOptions.of(64)); // batch 64, float32, inference and Adam training
 * }</pre>
 *
 * <p><b>Exported</b>: part of the API users call ({@link org.kinspect.PublicApi}), except
 * {@code MemoryPlanner} and {@code Dl4jMemoryEstimator}, which take the imported graph and are kept
 * to the library ({@link org.kinspect.PublicApi#LIBRARY_ONLY}): users call
 * {@code InspectedModel.memoryPlan} and {@code dl4jMemoryEstimate}.
 */
package org.kinspect.inspect.memory;
