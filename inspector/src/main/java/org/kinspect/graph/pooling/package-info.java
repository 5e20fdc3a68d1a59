/**
 * Part of step 3 of the flow (file -> config -> graph -> inspect -> report): pooling DL4J lacks
 * or imports wrongly. {@link org.kinspect.graph.pooling.AdaptivePoolingMapper} maps Keras 3's
 * adaptive average and max pooling to {@link org.kinspect.graph.pooling.AdaptivePooling};
 * {@link org.kinspect.graph.pooling.AveragePooling1DMapper} (DL4J builds a max pooling),
 * {@link org.kinspect.graph.pooling.GlobalPooling1DMapper} (DL4J declares the wrong output type) and
 * {@link org.kinspect.graph.pooling.GlobalPooling3DMapper} replace DL4J's mappers.
 *
 * <p>Must not depend on {@code config}, {@code inspect} or {@code report} (it does not today).
 * Known debt (issue 17): its base type {@code WeightlessLayer} lives in the sibling
 * {@code graph.reshaping}, and it imports {@code graph.layers} (the registry's
 * {@code REPLACING_PREFIX}, {@code UnsupportedLayerOption}), which imports it back.
 *
 * <pre>{@code
 * KerasLayer.registerCustomLayer("AdaptiveMaxPooling2D", AdaptivePoolingMapper.class);
 * }</pre>
 *
 * <p><b>Internal</b>: not part of the API users call ({@link org.kinspect.PublicApi}).
 */
package org.kinspect.graph.pooling;
