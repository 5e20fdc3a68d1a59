package org.kinspect.graph.normalization;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.modelimport.keras.KerasLayer;
import org.deeplearning4j.nn.modelimport.keras.exceptions.InvalidKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.utils.KerasLayerUtils;
import org.kinspect.graph.base.ExtraStoredWeights;
import org.kinspect.graph.base.SameDiffLayerMapper;

/**
 * Maps the Keras layers that rescale values by statistics or constants and that DL4J's importer
 * does not know: {@code LayerNormalization}, {@code UnitNormalization}, {@code RMSNormalization},
 * {@code GroupNormalization}, {@code Rescaling} and the preprocessing {@code Normalization}. Each
 * becomes one of this package's layers, made once the input type is known, since its weights'
 * shape depends on it; the weights keep their Keras names.
 *
 * <pre>{@code
 * KerasLayer.registerCustomLayer("LayerNormalization", NormalizationMapper.class);
 * }</pre>
 */
public class NormalizationMapper extends SameDiffLayerMapper implements ExtraStoredWeights {
    private final Map<String, Object> settings;

    /**
     * @param layerConfig the Keras layer ({@code class_name}, {@code config}, {@code keras_version})
     * @throws InvalidKerasConfigurationException when the configuration is not a layer's
     * @throws UnsupportedKerasConfigurationException for settings these layers do not support
     */
    public NormalizationMapper(Map<String, Object> layerConfig)
            throws InvalidKerasConfigurationException, UnsupportedKerasConfigurationException {
        super(layerConfig);
        this.settings = KerasLayerUtils.getInnerLayerConfigFromConfig(layerConfig, conf);
        if (Boolean.TRUE.equals(settings.get("rms_scaling"))) {
            throw new UnsupportedKerasConfigurationException("LayerNormalization '" + layerName
                    + "': rms_scaling=True is not supported");
        }
    }

    @Override
    public InputType getOutputType(InputType... inputType)
            throws InvalidKerasConfigurationException, UnsupportedKerasConfigurationException {
        if (inputType.length != 1) {
            throw new InvalidKerasConfigurationException(className + " '" + layerName + "' takes one input");
        }
        if (layer == null) {
            layer = layerFor(inputType[0]);
        }
        return inputType[0];
    }

    private SameDiffLayerInKerasLayout layerFor(InputType input) throws UnsupportedKerasConfigurationException {
        double epsilon = number("epsilon", className.equals("RMSNormalization") ? 1e-6 : 1e-3);
        boolean center = !Boolean.FALSE.equals(settings.get("center"));
        boolean scale = !Boolean.FALSE.equals(settings.get("scale"));
        return switch (className) {
            case "UnitNormalization" -> new UnitNormalizationLayer(layerName, axes(input, settings.get("axis")));
            case "RMSNormalization" -> new RmsNormalizationLayer(layerName, axes(input, settings.get("axis")), epsilon);
            case "GroupNormalization" -> {
                KerasAxes layout = axes(input, settings.get("axis"));
                int last = layout.kerasShape().length;
                if (layout.axes().length != 1 || layout.axes()[0] != last) {
                    throw new UnsupportedKerasConfigurationException("GroupNormalization '" + layerName
                            + "': only axis=-1 (channels last) is supported");
                }
                yield new GroupNormalizationLayer(layerName, layout, (int) number("groups", 32), epsilon, center,
                        scale);
            }
            case "Rescaling" -> new RescalingLayer(layerName, axes(input, List.of()), scalar("scale"),
                    scalar("offset"));
            case "Normalization" -> featureNormalization(input);
            default -> new LayerNormalizationLayer(layerName, axes(input, settings.get("axis")), epsilon, center,
                    scale);
        };
    }

    private FeatureNormalizationLayer featureNormalization(InputType input)
            throws UnsupportedKerasConfigurationException {
        Object axis = settings.get("axis");
        KerasAxes layout = axes(input, axis == null ? List.of() : axis);
        boolean invert = Boolean.TRUE.equals(settings.get("invert"));
        if (settings.get("mean") == null) {
            return new FeatureNormalizationLayer(layerName, layout, invert, null, null);
        }
        int size = (int) Arrays.stream(layout.weightShape()).reduce(1, (a, b) -> a * b);
        return new FeatureNormalizationLayer(layerName, layout, invert, values("mean", size), values("variance", size));
    }

    private KerasAxes axes(InputType input, Object axis) throws UnsupportedKerasConfigurationException {
        return KerasAxes.of(input, KerasAxes.parse(axis), layerName);
    }

    private double number(String key, double otherwise) {
        return settings.get(key) instanceof Number number ? number.doubleValue() : otherwise;
    }

    private double scalar(String key) throws UnsupportedKerasConfigurationException {
        Object value = settings.get(key);
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        throw new UnsupportedKerasConfigurationException(className + " '" + layerName + "': " + key + "=" + value
                + " is not supported (one number only)");
    }

    /** A configured mean or variance: one number for all values, or one a value along the kept axes. */
    private double[] values(String key, int size) throws UnsupportedKerasConfigurationException {
        Object value = settings.get(key);
        double[] values = new double[size];
        if (value instanceof Number number) {
            Arrays.fill(values, number.doubleValue());
            return values;
        }
        List<Double> flat = new java.util.ArrayList<>();
        flatten(value, flat);
        if (flat.size() != size) {
            throw new UnsupportedKerasConfigurationException(className + " '" + layerName + "': " + key + " has "
                    + flat.size() + " values where the kept axes have " + size);
        }
        for (int i = 0; i < size; i++) {
            values[i] = flat.get(i);
        }
        return values;
    }

    private static void flatten(Object value, List<Double> into) {
        if (value instanceof Number number) {
            into.add(number.doubleValue());
        } else if (value instanceof List<?> list) {
            list.forEach(item -> flatten(item, into));
        }
    }

    @Override
    public int getNumParams() {
        return parameterNames().size();
    }

    /** The layer's weights, by their Keras names, in the order Keras lists them. */
    private List<String> parameterNames() {
        return switch (className) {
            case "UnitNormalization", "Rescaling" -> List.of();
            case "RMSNormalization" -> List.of(RmsNormalizationLayer.SCALE);
            case "Normalization" -> settings.get("mean") == null
                    ? List.of(FeatureNormalizationLayer.MEAN, FeatureNormalizationLayer.VARIANCE) : List.of();
            default -> {
                boolean center = !Boolean.FALSE.equals(settings.get("center"));
                boolean scale = !Boolean.FALSE.equals(settings.get("scale"));
                yield scale && center ? List.of(LayerNormalizationLayer.GAMMA, LayerNormalizationLayer.BETA)
                        : scale ? List.of(LayerNormalizationLayer.GAMMA)
                        : center ? List.of(LayerNormalizationLayer.BETA) : List.of();
            }
        };
    }

    /** An adapted Normalization's file also holds {@code count}, one number the layer does not use. */
    @Override
    public long extraStoredValues() {
        return className.equals("Normalization") && settings.get("mean") == null ? 1 : 0;
    }
}
