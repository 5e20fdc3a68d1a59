package org.kinspect.graph.recurrent;

import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInitXavier;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The parameters of a {@link GruLayer}, in Keras's own shapes and gate order (z, r, h):
 * {@value #KERNEL} {@code (nIn, 3 units)}, {@value #RECURRENT_KERNEL} {@code (units, 3 units)} and,
 * with a bias, {@value #BIAS} {@code (1, 3 units)}, or {@code (1, 6 units)} with reset_after
 * (input bias, then recurrent bias).
 *
 * <pre>{@code
 * INDArray kernel = graph.getLayer("gru").getParam(GruParamInitializer.KERNEL);
 * }</pre>
 */
public final class GruParamInitializer implements ParamInitializer {
    public static final String KERNEL = "W";
    public static final String RECURRENT_KERNEL = "RW";
    public static final String BIAS = "b";

    static final GruParamInitializer INSTANCE = new GruParamInitializer();

    private GruParamInitializer() {}

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        GruLayer gru = (GruLayer) layer;
        return kernelSize(gru) + recurrentKernelSize(gru) + biasSize(gru);
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        List<String> keys = new ArrayList<>(weightKeys(layer));
        keys.addAll(biasKeys(layer));
        return keys;
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return List.of(KERNEL, RECURRENT_KERNEL);
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return ((GruLayer) layer).isHasBias() ? List.of(BIAS) : List.of();
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return KERNEL.equals(key) || RECURRENT_KERNEL.equals(key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return BIAS.equals(key);
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        GruLayer gru = (GruLayer) conf.getLayer();
        Map<String, INDArray> params = views(gru, paramsView);
        if (initializeParams) {
            long nIn = gru.getNIn();
            long gates = 3 * gru.getNOut();
            IWeightInit kernelInit = gru.getWeightInitFn() != null ? gru.getWeightInitFn() : new WeightInitXavier();
            IWeightInit recurrentInit = gru.getWeightInitFnRecurrent() != null ? gru.getWeightInitFnRecurrent()
                    : kernelInit;
            kernelInit.init(nIn, gates, params.get(KERNEL).shape(), 'f', params.get(KERNEL));
            recurrentInit.init(gru.getNOut(), gates, params.get(RECURRENT_KERNEL).shape(), 'f',
                    params.get(RECURRENT_KERNEL));
            if (gru.isHasBias()) {
                params.get(BIAS).assign(Double.isNaN(gru.getBiasInit()) ? 0.0 : gru.getBiasInit());
            }
        }
        for (String key : params.keySet()) {
            conf.addVariable(key);
        }
        return params;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return views((GruLayer) conf.getLayer(), gradientView);
    }

    /** Splits a flat vector into the kernel, recurrent kernel and bias, as views of it. */
    private static Map<String, INDArray> views(GruLayer gru, INDArray flat) {
        INDArray vector = flat.reshape(flat.length());
        long nIn = gru.getNIn();
        long gates = 3 * gru.getNOut();
        long kernelEnd = kernelSize(gru);
        long recurrentEnd = kernelEnd + recurrentKernelSize(gru);
        Map<String, INDArray> views = new LinkedHashMap<>();
        views.put(KERNEL, vector.get(interval(0, kernelEnd)).reshape('f', nIn, gates));
        views.put(RECURRENT_KERNEL, vector.get(interval(kernelEnd, recurrentEnd)).reshape('f', gru.getNOut(), gates));
        if (gru.isHasBias()) {
            views.put(BIAS, vector.get(interval(recurrentEnd, recurrentEnd + biasSize(gru))).reshape(1, biasSize(gru)));
        }
        return views;
    }

    private static long kernelSize(GruLayer gru) {
        return gru.getNIn() * 3 * gru.getNOut();
    }

    private static long recurrentKernelSize(GruLayer gru) {
        return gru.getNOut() * 3 * gru.getNOut();
    }

    static long biasSize(GruLayer gru) {
        if (!gru.isHasBias()) {
            return 0;
        }
        return (gru.isResetAfter() ? 6 : 3) * gru.getNOut();
    }
}
