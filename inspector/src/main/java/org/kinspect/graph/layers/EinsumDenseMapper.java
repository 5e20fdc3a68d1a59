package org.kinspect.graph.layers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.modelimport.keras.exceptions.InvalidKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.layers.core.KerasDense;

/**
 * Maps Keras's {@code EinsumDense} when its equation is a Dense layer on the last axis
 * ({@code "abc,cd->abd"}, {@code "ab,bc->ac"}: the kernel contracts the input's last axis and
 * adds one output axis in its place; the bias, if any, is along that axis). DL4J's Dense mapper
 * then builds it from an equivalent Dense configuration. Other equations are refused by name.
 *
 * <pre>{@code
 * KerasLayer.registerCustomLayer("EinsumDense", EinsumDenseMapper.class);
 * }</pre>
 */
public class EinsumDenseMapper extends KerasDense {

    /**
     * @param layerConfig the Keras layer ({@code class_name}, {@code config}, {@code keras_version})
     * @throws InvalidKerasConfigurationException when the configuration is not a layer's
     * @throws UnsupportedKerasConfigurationException for an equation that is not a Dense on the last axis
     */
    public EinsumDenseMapper(Map<String, Object> layerConfig)
            throws InvalidKerasConfigurationException, UnsupportedKerasConfigurationException {
        super(asDense(layerConfig), false);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asDense(Map<String, Object> layerConfig)
            throws UnsupportedKerasConfigurationException {
        Map<String, Object> einsum = (Map<String, Object>) layerConfig.get("config");
        String equation = String.valueOf(einsum.get("equation")).replace(" ", "");
        Object biasAxes = einsum.get("bias_axes");
        String[] sides = equation.split("->");
        String[] operands = sides[0].split(",");
        boolean dense = sides.length == 2 && operands.length == 2 && operands[1].length() == 2
                && operands[0].length() >= 2
                && operands[0].charAt(operands[0].length() - 1) == operands[1].charAt(0)
                && sides[1].equals(operands[0].substring(0, operands[0].length() - 1) + operands[1].charAt(1))
                && (biasAxes == null || biasAxes.equals(String.valueOf(operands[1].charAt(1))));
        if (!dense) {
            throw new UnsupportedKerasConfigurationException("EinsumDense '" + einsum.get("name") + "': equation '"
                    + equation + "' with bias_axes " + biasAxes + " is not supported (only a Dense on the last"
                    + " axis, such as 'abc,cd->abd')");
        }
        Object outputShape = einsum.get("output_shape");
        Object units = outputShape instanceof List<?> list ? list.get(list.size() - 1) : outputShape;
        Map<String, Object> config = new LinkedHashMap<>(einsum);
        config.put("units", units);
        config.put("use_bias", biasAxes != null);
        Map<String, Object> asDense = new LinkedHashMap<>(layerConfig);
        asDense.put("class_name", "Dense");
        asDense.put("config", config);
        return asDense;
    }
}
