package org.kinspect.graph.convolution;

import java.util.List;
import java.util.Map;

/**
 * Points DL4J's importer at kinspect's convolution mappers where DL4J maps a Keras class itself
 * before it looks at registered layers: such layers get a class name of kinspect's
 * ({@link KerasDepthwiseConvolution#CLASS_NAME} for {@code DepthwiseConv2D}).
 *
 * <pre>{@code
 * ConvolutionMappers.prepare(layers); // the layer list DL4J will read
 * }</pre>
 */
public final class ConvolutionMappers {

    private ConvolutionMappers() {}

    /**
     * @param layers the layer list DL4J will read, changed in place
     */
    @SuppressWarnings("unchecked")
    public static void prepare(List<Object> layers) {
        for (Object layer : layers) {
            if (layer instanceof Map<?, ?> map && "DepthwiseConv2D".equals(map.get("class_name"))) {
                ((Map<String, Object>) map).put("class_name", KerasDepthwiseConvolution.CLASS_NAME);
            }
        }
    }
}
