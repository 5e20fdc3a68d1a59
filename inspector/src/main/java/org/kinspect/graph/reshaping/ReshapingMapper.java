package org.kinspect.graph.reshaping;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.modelimport.keras.KerasLayer;
import org.deeplearning4j.nn.modelimport.keras.exceptions.InvalidKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.utils.KerasLayerUtils;
import org.kinspect.graph.base.ReplacedClassNames;
import org.kinspect.graph.base.UnsupportedLayerOption;

/**
 * Maps Keras's {@code ZeroPadding1D}, {@code Cropping1D}, {@code UpSampling1D}, bilinear
 * {@code UpSampling2D}, {@code ZeroPadding3D}, {@code Cropping3D} and {@code UpSampling3D}, which
 * DL4J imports but computes wrongly, to {@link SequencePadding}, {@link SequenceCropping},
 * {@link SequenceUpsampling}, {@link BilinearUpsampling}, {@link VolumeBorders} and
 * {@link VolumeUpsampling}. DL4J maps
 * these classes itself before it looks at registered layers, so they reach this mapper under
 * kinspect's class names ({@link #CLASS_NAME_PREFIX} + the Keras class).
 *
 * <pre>{@code
 * KerasLayer.registerCustomLayer(ReshapingMapper.CLASS_NAME_PREFIX + "Cropping1D", ReshapingMapper.class);
 * }</pre>
 */
public class ReshapingMapper extends KerasLayer {
    /** Put before the Keras class name of the layers this mapper takes. */
    public static final String CLASS_NAME_PREFIX = ReplacedClassNames.PREFIX;

    /**
     * @param layerConfig the Keras layer ({@code class_name}, {@code config}, {@code keras_version})
     * @throws InvalidKerasConfigurationException when the configuration is not a layer's
     * @throws UnsupportedKerasConfigurationException for sizes that are not whole numbers
     */
    public ReshapingMapper(Map<String, Object> layerConfig)
            throws InvalidKerasConfigurationException, UnsupportedKerasConfigurationException {
        super(layerConfig, false);
        Map<String, Object> inner = KerasLayerUtils.getInnerLayerConfigFromConfig(layerConfig, conf);
        String kerasClass = className.substring(CLASS_NAME_PREFIX.length());
        layer = switch (kerasClass) {
            case "ZeroPadding1D" -> {
                int[] padding = pair(inner.get("padding"), "padding");
                yield new SequencePadding(layerName, padding[0], padding[1]);
            }
            case "Cropping1D" -> {
                int[] cropping = pair(inner.get("cropping"), "cropping");
                yield new SequenceCropping(layerName, cropping[0], cropping[1]);
            }
            case "UpSampling1D" -> new SequenceUpsampling(layerName, whole(inner.getOrDefault("size", 2), "size"));
            case "UpSampling2D" -> {
                int[] size = pair(inner.getOrDefault("size", 2), "size");
                yield new BilinearUpsampling(layerName, size[0], size[1]);
            }
            case "ZeroPadding3D", "Cropping3D" -> {
                boolean cropping = kerasClass.equals("Cropping3D");
                int[][] amounts = triple(inner.get(cropping ? "cropping" : "padding"), cropping ? "cropping" : "padding");
                yield new VolumeBorders(layerName, amounts[0], amounts[1], cropping);
            }
            case "UpSampling3D" -> new VolumeUpsampling(layerName, triple(inner.getOrDefault("size", 2), "size")[0]);
            default -> throw new InvalidKerasConfigurationException("no kinspect mapper for " + kerasClass);
        };
    }

    /** A number for both sides, or a pair. */
    private int[] pair(Object configured, String field) throws UnsupportedKerasConfigurationException {
        if (configured instanceof List<?> list && list.size() == 2) {
            return new int[] {whole(list.get(0), field), whole(list.get(1), field)};
        }
        int both = whole(configured, field);
        return new int[] {both, both};
    }

    /** One number for every side, one per axis, or a (start, end) pair per axis: starts and ends (a
     * factor per axis comes back as the starts). */
    private int[][] triple(Object configured, String field) throws UnsupportedKerasConfigurationException {
        int[] before = new int[3];
        int[] after = new int[3];
        if (configured instanceof List<?> axes && axes.size() == 3) {
            for (int axis = 0; axis < 3; axis++) {
                int[] pair = pair(axes.get(axis), field);
                before[axis] = pair[0];
                after[axis] = pair[1];
            }
        } else {
            java.util.Arrays.fill(before, whole(configured, field));
            java.util.Arrays.fill(after, before[0]);
        }
        return new int[][] {before, after};
    }

    private int whole(Object configured, String field) throws UnsupportedKerasConfigurationException {
        if (configured instanceof Number number && number.doubleValue() == number.intValue()) {
            return number.intValue();
        }
        throw new UnsupportedKerasConfigurationException("layer '" + layerName + "': " + field + "=" + configured
                + " is not supported");
    }

    @Override
    public InputType getOutputType(InputType... inputType)
            throws InvalidKerasConfigurationException, UnsupportedKerasConfigurationException {
        if (inputType.length != 1) {
            throw new InvalidKerasConfigurationException("layer '" + layerName + "' takes one input");
        }
        try {
            return layer.getOutputType(-1, inputType[0]);
        } catch (IllegalStateException e) { // a valid Keras layer on inputs kinspect's layer cannot compute
            throw new UnsupportedLayerOption(e.getMessage());
        }
    }
}
