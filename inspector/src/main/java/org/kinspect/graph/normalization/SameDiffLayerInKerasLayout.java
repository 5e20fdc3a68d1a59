package org.kinspect.graph.normalization;

import java.util.Map;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A DL4J SameDiff layer that computes in Keras's layout of its input: it permutes DL4J's array
 * into Keras's, calls {@link #defineInKerasLayout}, and permutes the result back. Its output has
 * the input's type. Fields are plain properties, for DL4J's JSON.
 *
 * <pre>{@code
 * class Square extends SameDiffLayerInKerasLayout {
 *     protected SDVariable defineInKerasLayout(SameDiff sd, SDVariable x, Map<String, SDVariable> p) {
 *         return x.mul(x);
 *     }
 * }
 * }</pre>
 */
public abstract class SameDiffLayerInKerasLayout extends SameDiffLayer {
    private int[] toKeras;
    private int[] toDl4j;
    private long[] kerasShape;
    private int[] axes;

    /** For DL4J's JSON. */
    protected SameDiffLayerInKerasLayout() {}

    /**
     * @param name the layer name
     * @param layout the input's Keras layout and the axes the layer works on
     */
    protected SameDiffLayerInKerasLayout(String name, KerasAxes layout) {
        setLayerName(name);
        this.toKeras = layout.toKeras();
        this.toDl4j = layout.toDl4j();
        this.kerasShape = layout.kerasShape();
        this.axes = layout.axes();
    }

    /**
     * @param sameDiff the graph
     * @param input the input in Keras's layout
     * @param parameters the layer's parameters
     * @return the output in Keras's layout
     */
    protected abstract SDVariable defineInKerasLayout(SameDiff sameDiff, SDVariable input,
            Map<String, SDVariable> parameters);

    @Override
    public SDVariable defineLayer(SameDiff sameDiff, SDVariable layerInput, Map<String, SDVariable> paramTable,
            SDVariable mask) {
        SDVariable input = toKeras == null ? layerInput : sameDiff.permute(layerInput, toKeras);
        SDVariable output = defineInKerasLayout(sameDiff, input, paramTable);
        return toDl4j == null ? output : sameDiff.permute(output, toDl4j);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return inputType;
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        // Keras's weights are copied in; a graph is never trained from these
        params.values().forEach(param -> param.assign(0));
    }

    /**
     * The mean over axes of an example, as a layer's own computation reads it.
     *
     * @param values values in Keras's layout, the batch axis first
     * @param axes the axes (the batch axis is 0)
     * @return their mean over the axes, axes kept; the values themselves when each axis has one entry
     *     (ND4J's reduction over axes of size 1 fails when the graph runs)
     */
    protected SDVariable meanOver(SDVariable values, int... axes) {
        boolean single = axes.length > 0;
        for (int axis : axes) {
            single &= axis >= 1 && axis <= kerasShape.length && kerasShape[axis - 1] == 1;
        }
        return single ? values : values.mean(true, axes);
    }

    /** @return the weights' shape in Keras's layout, 1 except along the axes */
    public long[] weightShape() {
        return new KerasAxes(toKeras, kerasShape, axes).weightShape();
    }

    public int[] getToKeras() {
        return toKeras;
    }

    public void setToKeras(int[] toKeras) {
        this.toKeras = toKeras;
    }

    public int[] getToDl4j() {
        return toDl4j;
    }

    public void setToDl4j(int[] toDl4j) {
        this.toDl4j = toDl4j;
    }

    public long[] getKerasShape() {
        return kerasShape;
    }

    public void setKerasShape(long[] kerasShape) {
        this.kerasShape = kerasShape;
    }

    public int[] getAxes() {
        return axes;
    }

    public void setAxes(int[] axes) {
        this.axes = axes;
    }
}
