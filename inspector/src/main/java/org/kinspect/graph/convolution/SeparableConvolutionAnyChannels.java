package org.kinspect.graph.convolution;

import java.util.Collection;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.nn.conf.layers.SeparableConvolution2D;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.kinspect.graph.base.LayerInstantiation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

/**
 * DL4J's {@code SeparableConvolution2D} layer that also runs on images of one channel, where
 * DL4J's {@code sconv2d} op fails ("NDArray::reshapei: bad input shape"): a grayscale image into
 * a {@code SeparableConv2D}, as in an MNIST model. Same configuration, same parameters; only the
 * running layer differs ({@link SeparableConvolutionAnyChannelsLayer}).
 *
 * <pre>{@code
 * SeparableConvolution2D dl4jLayer = ...; // as DL4J's mapper built it
 * SeparableConvolution2D layer = SeparableConvolutionAnyChannels.of(dl4jLayer);
 * }</pre>
 */
public class SeparableConvolutionAnyChannels extends SeparableConvolution2D {

    /** For DL4J's JSON. */
    public SeparableConvolutionAnyChannels() {}

    /**
     * @param layer a layer as DL4J's mapper built it
     * @return the same configuration, running as this class
     */
    public static SeparableConvolutionAnyChannels of(SeparableConvolution2D layer) {
        // through DL4J's own JSON, so every field DL4J has (now or in a later version) is copied
        ObjectMapper json = NeuralNetConfiguration.mapper();
        ObjectNode tree = json.valueToTree(layer);
        tree.put("@class", SeparableConvolutionAnyChannels.class.getName());
        try {
            return (SeparableConvolutionAnyChannels) json.treeToValue(tree,
                    org.deeplearning4j.nn.conf.layers.Layer.class);
        } catch (org.nd4j.shade.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot copy the configuration of layer '" + layer.getLayerName() + "'",
                    e);
        }
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
            Collection<TrainingListener> trainingListeners, int layerIndex, INDArray layerParamsView,
            boolean initializeParams, DataType networkDataType) {
        LayerValidation.assertNInNOutSet("SeparableConvolution2D", getLayerName(), layerIndex, getNIn(), getNOut());
        return LayerInstantiation.wire(new SeparableConvolutionAnyChannelsLayer(conf, networkDataType), this, conf, trainingListeners, layerIndex,
                layerParamsView, initializeParams);
    }
}
