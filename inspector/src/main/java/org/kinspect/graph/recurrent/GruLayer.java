package org.kinspect.graph.recurrent;

import java.util.Collection;
import java.util.Objects;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.kinspect.graph.base.LayerInstantiation;
import org.kinspect.graph.base.MaskedByOrigin;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A GRU layer for DL4J that computes what Keras's {@code GRU} computes (DL4J 1.0.0-M2.1 has no GRU).
 *
 * <p>Per time step, with the kernel columns in Keras's gate order z, r, h:
 * <pre>
 * z  = recurrent_activation(x Wz + bz + h Uz [+ rz])
 * r  = recurrent_activation(x Wr + br + h Ur [+ rr])
 * hh = activation(x Wh + bh + r * (h Uh + rh))   reset_after = true  (Keras 2 tf default, Keras 3, CuDNNGRU)
 * hh = activation(x Wh + bh + (r * h) Uh)        reset_after = false (Keras 1, Keras 2.0-2.2 default)
 * h' = z * h + (1 - z) * hh
 * </pre>
 * It always returns the whole sequence (in the order it was processed, reversed for
 * {@code go_backwards}, as Keras does); wrap it in a {@code LastTimeStep} for Keras's
 * {@code return_sequences=False}. Masked steps keep the previous state and output it (or zeros
 * with {@code zeroOutputForMask}), as Keras does. {@link GruLayerImpl} also backpropagates, so an
 * imported model can be trained further.
 *
 * <pre>{@code
 * GruLayer gru = new GruLayer.Builder().nIn(3).nOut(4).resetAfter(true).build(); // NWC, tanh, sigmoid
 * graphBuilder.addLayer("gru", new LastTimeStep(gru), "input");
 * }</pre>
 */
public class GruLayer extends BaseRecurrentLayer implements MaskedByOrigin {
    private IActivation gateActivationFn;
    private boolean resetAfter;
    private boolean hasBias;
    private boolean goBackwards;
    private String maskOrigin;
    private boolean zeroOutputForMask;

    private GruLayer(Builder builder) {
        super(builder);
        this.gateActivationFn = builder.gateActivationFn;
        this.resetAfter = builder.resetAfter;
        this.hasBias = builder.hasBias;
        this.goBackwards = builder.goBackwards;
        this.maskOrigin = builder.maskOrigin;
        this.zeroOutputForMask = builder.zeroOutputForMask;
    }

    /** For JSON deserialisation. */
    protected GruLayer() {}

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
            Collection<TrainingListener> trainingListeners, int layerIndex, INDArray layerParamsView,
            boolean initializeParams, DataType networkDataType) {
        LayerValidation.assertNInNOutSet("GRU", getLayerName(), layerIndex, getNIn(), getNOut());
        return LayerInstantiation.wire(new GruLayerImpl(conf, networkDataType), this, conf, trainingListeners, layerIndex,
                layerParamsView, initializeParams);
    }

    @Override
    public ParamInitializer initializer() {
        return GruParamInitializer.INSTANCE;
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        InputType outputType = getOutputType(-1, inputType);
        long parameters = initializer().numParams(this);
        // Per step: the projected input (3 units), the recurrent projection (3 units) and the gates.
        long workingPerExample = 9 * getNOut();
        return new LayerMemoryReport.Builder(layerName, GruLayer.class, inputType, outputType)
                .standardMemory(parameters, 0)
                .workingMemory(0, workingPerExample, 0, workingPerExample)
                .cacheMemory(0, 0)
                .build();
    }

    /** @return the activation of the update and reset gates (Keras's {@code recurrent_activation}) */
    public IActivation getGateActivationFn() {
        return gateActivationFn;
    }

    public void setGateActivationFn(IActivation gateActivationFn) {
        this.gateActivationFn = gateActivationFn;
    }

    /** @return true when the reset gate multiplies the recurrent projection (two bias vectors) */
    public boolean isResetAfter() {
        return resetAfter;
    }

    public void setResetAfter(boolean resetAfter) {
        this.resetAfter = resetAfter;
    }

    /** @return whether the layer has a bias ({@code 3 * units} values, twice that when reset_after) */
    public boolean isHasBias() {
        return hasBias;
    }

    public void setHasBias(boolean hasBias) {
        this.hasBias = hasBias;
    }

    /** @return true when the sequence is processed from its last step to its first */
    public boolean isGoBackwards() {
        return goBackwards;
    }

    public void setGoBackwards(boolean goBackwards) {
        this.goBackwards = goBackwards;
    }

    @Override
    public String getMaskOrigin() {
        return maskOrigin;
    }

    public void setMaskOrigin(String maskOrigin) {
        this.maskOrigin = maskOrigin;
    }

    /** @return true when masked steps output zeros instead of the carried state */
    public boolean isZeroOutputForMask() {
        return zeroOutputForMask;
    }

    public void setZeroOutputForMask(boolean zeroOutputForMask) {
        this.zeroOutputForMask = zeroOutputForMask;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) return true;
        if (!(other instanceof GruLayer gru) || !super.equals(other)) return false;
        return resetAfter == gru.resetAfter && hasBias == gru.hasBias && goBackwards == gru.goBackwards
                && zeroOutputForMask == gru.zeroOutputForMask && Objects.equals(maskOrigin, gru.maskOrigin)
                && Objects.equals(gateActivationFn, gru.gateActivationFn);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), gateActivationFn, resetAfter, hasBias, goBackwards, maskOrigin,
                zeroOutputForMask);
    }

    @Override
    public String toString() {
        return "GruLayer(name=" + layerName + ", nIn=" + nIn + ", nOut=" + nOut + ", activation=" + activationFn
                + ", gateActivation=" + gateActivationFn + ", resetAfter=" + resetAfter + ", hasBias=" + hasBias
                + ", goBackwards=" + goBackwards + ", maskOrigin=" + maskOrigin + ", zeroOutputForMask="
                + zeroOutputForMask + ", format=" + rnnDataFormat + ")";
    }

    /**
     * Builds a {@link GruLayer}. Defaults are Keras 3's: tanh, sigmoid gates, reset_after, a bias,
     * (batch, time, features) layout.
     */
    public static class Builder extends BaseRecurrentLayer.Builder<Builder> {
        private IActivation gateActivationFn = new ActivationSigmoid();
        private boolean resetAfter = true;
        private boolean hasBias = true;
        private boolean goBackwards;
        private String maskOrigin;
        private boolean zeroOutputForMask;

        public Builder() {
            this.activationFn = new ActivationTanH();
            this.rnnDataFormat = RNNFormat.NWC;
        }

        /** @param gateActivation Keras's {@code recurrent_activation} */
        public Builder gateActivation(IActivation gateActivation) {
            this.gateActivationFn = gateActivation;
            return this;
        }

        /** @param resetAfter Keras's {@code reset_after} */
        public Builder resetAfter(boolean resetAfter) {
            this.resetAfter = resetAfter;
            return this;
        }

        /** @param hasBias Keras's {@code use_bias} */
        public Builder hasBias(boolean hasBias) {
            this.hasBias = hasBias;
            return this;
        }

        /** @param goBackwards Keras's {@code go_backwards} */
        public Builder goBackwards(boolean goBackwards) {
            this.goBackwards = goBackwards;
            return this;
        }

        /** @param maskOrigin the Masking or Embedding layer whose mask the GRU reads; null for no masking */
        public Builder maskOrigin(String maskOrigin) {
            this.maskOrigin = maskOrigin;
            return this;
        }

        /** @param zeroOutputForMask Keras's {@code zero_output_for_mask} */
        public Builder zeroOutputForMask(boolean zeroOutputForMask) {
            this.zeroOutputForMask = zeroOutputForMask;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public GruLayer build() {
            return new GruLayer(this);
        }
    }
}
