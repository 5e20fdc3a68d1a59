/**
 * Part of step 3 of the flow (file -> config -> graph -> inspect -> report): Keras's image
 * preprocessing layers that change values at inference, which DL4J's importer does not know.
 * {@link org.kinspect.graph.preprocessing.ResizingMapper} maps {@code Resizing} (nearest and
 * bilinear, with crop or pad to the aspect ratio) to {@link org.kinspect.graph.preprocessing.ImageResizing};
 * {@link org.kinspect.graph.preprocessing.CenterCropMapper} and
 * {@link org.kinspect.graph.preprocessing.RandomCropMapper} map the crops on the sizes where Keras
 * versions agree. (The augmentation layers that pass their input on at inference are
 * {@code graph.layers.PassThroughMapper}.)
 *
 * <p>Must not depend on {@code config}, {@code inspect} or {@code report} (it does not today). Known
 * debt (issue 17): its base type {@code WeightlessLayer} and {@code BilinearUpsampling} live in the
 * sibling {@code graph.reshaping}, and it imports {@code graph.layers}, which imports it back.
 *
 * <pre>{@code
 * KerasLayer.registerCustomLayer("Resizing", ResizingMapper.class);
 * }</pre>
 *
 * <p><b>Internal</b>: not part of the API users call ({@link org.kinspect.PublicApi}).
 */
package org.kinspect.graph.preprocessing;
