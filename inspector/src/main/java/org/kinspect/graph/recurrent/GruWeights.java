package org.kinspect.graph.recurrent;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import org.deeplearning4j.nn.modelimport.keras.config.KerasLayerConfiguration;
import org.deeplearning4j.nn.modelimport.keras.exceptions.InvalidKerasConfigurationException;
import org.kinspect.graph.base.InvalidLayerConfiguration;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Turns the weights Keras stored for a GRU into the parameters of a {@link GruLayer}. Keras 2 and
 * 3 store {@code kernel}, {@code recurrent_kernel} and {@code bias} (shape (2, 3 units) with
 * reset_after); Keras 1 {@code W}, {@code U}, {@code b} or one array per gate ({@code W_z},
 * {@code U_r}, {@code b_h}...); CuDNNGRU a bias of (6 units,) and kernels in CuDNN's layout.
 */
final class GruWeights {
    private static final String[] GATES = {"z", "r", "h"};

    private GruWeights() {}

    /**
     * @param weights the layer's weights keyed by Keras name
     * @param gru the layer they go into
     * @param cudnnLayout true for a CuDNNGRU's weights
     * @param conf the names Keras used for weights in this Keras version
     * @return the parameters keyed by {@link GruParamInitializer} name
     * @throws InvalidKerasConfigurationException when a weight is missing or has the wrong shape
     */
    static Map<String, INDArray> toParams(Map<String, INDArray> weights, GruLayer gru, boolean cudnnLayout,
            KerasLayerConfiguration conf) throws InvalidKerasConfigurationException {
        Map<String, INDArray> merged = weights.containsKey("W_z") ? mergeGates(weights) : weights;
        INDArray kernel = require(merged, conf.getKERAS_PARAM_NAME_W(), weights);
        INDArray recurrentKernel = require(merged, conf.getKERAS_PARAM_NAME_RW(), weights);
        INDArray bias = merged.get(conf.getKERAS_PARAM_NAME_B());
        long units = gru.getNOut();
        // Keras tells CuDNNGRU weights from GRU ones by the bias shape alone, and converts them.
        boolean cudnn = cudnnLayout || (bias != null && bias.rank() == 1 && bias.length() == 6 * units);
        if (cudnn) {
            kernel = CudnnWeights.inputKernel(kernel, 3);
            recurrentKernel = CudnnWeights.recurrentKernel(recurrentKernel, 3);
        }
        checkShape("kernel", kernel, gru.getNIn(), 3 * units);
        checkShape("recurrent_kernel", recurrentKernel, units, 3 * units);
        Map<String, INDArray> params = new LinkedHashMap<>();
        params.put(GruParamInitializer.KERNEL, kernel);
        params.put(GruParamInitializer.RECURRENT_KERNEL, recurrentKernel);
        long biasSize = GruParamInitializer.biasSize(gru);
        if (biasSize > 0) {
            if (bias == null) {
                throw new InvalidLayerConfiguration("the GRU uses a bias but the file has none (it has "
                        + new TreeSet<>(weights.keySet()) + ")");
            }
            if (bias.length() != biasSize) {
                throw new InvalidLayerConfiguration("the GRU bias has shape " + Arrays.toString(bias.shape())
                        + " but " + (gru.isResetAfter() ? "reset_after" : "reset_after=False") + " wants "
                        + biasSize + " values");
            }
            // Row-major: with reset_after, the input bias row comes before the recurrent one.
            params.put(GruParamInitializer.BIAS, bias.dup('c').reshape('c', 1, biasSize));
        }
        return params;
    }

    /** Keras 1 kept one array per gate: W_z, W_r, W_h, U_z... */
    private static Map<String, INDArray> mergeGates(Map<String, INDArray> weights)
            throws InvalidKerasConfigurationException {
        Map<String, INDArray> merged = new LinkedHashMap<>();
        for (String kind : new String[] {"W", "U", "b"}) {
            INDArray[] perGate = new INDArray[GATES.length];
            for (int i = 0; i < GATES.length; i++) {
                perGate[i] = require(weights, kind + "_" + GATES[i], weights);
            }
            merged.put(kind, kind.equals("b") ? Nd4j.concat(0, flat(perGate)) : Nd4j.hstack(perGate));
        }
        return merged;
    }

    private static INDArray[] flat(INDArray[] arrays) {
        INDArray[] flat = new INDArray[arrays.length];
        for (int i = 0; i < arrays.length; i++) {
            flat[i] = arrays[i].reshape(arrays[i].length());
        }
        return flat;
    }

    private static INDArray require(Map<String, INDArray> weights, String name, Map<String, INDArray> all)
            throws InvalidKerasConfigurationException {
        INDArray value = weights.get(name);
        if (value == null) {
            throw new InvalidLayerConfiguration("the GRU has no weight '" + name + "' (it has "
                    + new TreeSet<>(all.keySet()) + ")");
        }
        return value;
    }

    private static void checkShape(String name, INDArray value, long rows, long columns)
            throws InvalidKerasConfigurationException {
        if (value.rank() != 2 || value.size(0) != rows || value.size(1) != columns) {
            throw new InvalidLayerConfiguration("the GRU " + name + " has shape "
                    + Arrays.toString(value.shape()) + " but the layer wants [" + rows + ", " + columns + "]");
        }
    }
}
