package org.kinspect.graph.reshaping;

import java.util.Map;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Convolution3D;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keras's {@code ZeroPadding3D} and {@code Cropping3D}: zeros added to, or values removed from,
 * both ends of the depth, height and width axes, in the volume's own layout (DL4J's 3D padding and
 * cropping layers work on the axes of {@code NCDHW} arrays only). Fields are plain properties, for
 * DL4J's JSON.
 *
 * <pre>{@code
 * new VolumeBorders("crop", new int[] {0, 2, 1}, new int[] {1, 1, 0}, true);
 * }</pre>
 */
public class VolumeBorders extends WeightlessLayer {
    private int[] before = new int[3];
    private int[] after = new int[3];
    private boolean cropping;
    private Convolution3D.DataFormat format = Convolution3D.DataFormat.NDHWC;

    /** For DL4J's JSON. */
    public VolumeBorders() {}

    /**
     * @param name the layer name
     * @param before the amounts at the start of depth, height and width
     * @param after the amounts at their end
     * @param cropping true to remove values (Cropping3D), false to add zeros (ZeroPadding3D)
     */
    public VolumeBorders(String name, int[] before, int[] after, boolean cropping) {
        setLayerName(name);
        this.before = before.clone();
        this.after = after.clone();
        this.cropping = cropping;
    }

    @Override
    public SDVariable defineLayer(SameDiff sameDiff, SDVariable layerInput, Map<String, SDVariable> paramTable,
            SDVariable mask) {
        int firstSpatial = format == Convolution3D.DataFormat.NCDHW ? 2 : 1;
        if (!cropping) {
            int[][] padding = new int[5][2];
            for (int axis = 0; axis < 3; axis++) {
                padding[firstSpatial + axis] = new int[] {before[axis], after[axis]};
            }
            return sameDiff.nn().pad(layerInput, sameDiff.constant(Nd4j.createFromArray(padding).castTo(DataType.INT)),
                    0.0);
        }
        long[] begin = new long[5];
        long[] end = new long[5];
        int beginMask = 0;
        int endMask = 0;
        for (int axis = 0; axis < 5; axis++) {
            int spatial = axis - firstSpatial;
            if (spatial < 0 || spatial > 2) {
                beginMask |= 1 << axis; // the whole batch and channel axes
                endMask |= 1 << axis;
                continue;
            }
            begin[axis] = before[spatial];
            end[axis] = -after[spatial];
            if (after[spatial] == 0) {
                endMask |= 1 << axis; // to the end
            }
        }
        return sameDiff.stridedSlice(layerInput, begin, end, new long[] {1, 1, 1, 1, 1}, beginMask, endMask, 0, 0, 0);
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        format = volume(inputType).getDataFormat();
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        InputType.InputTypeConvolutional3D volume = volume(inputType);
        int sign = cropping ? -1 : 1;
        return InputType.convolutional3D(volume.getDataFormat(),
                volume.getDepth() + sign * (before[0] + after[0]), volume.getHeight() + sign * (before[1] + after[1]),
                volume.getWidth() + sign * (before[2] + after[2]), volume.getChannels());
    }

    private InputType.InputTypeConvolutional3D volume(InputType inputType) {
        if (!(inputType instanceof InputType.InputTypeConvolutional3D volume)) {
            throw new IllegalStateException("layer '" + getLayerName() + "' reads volumes, not " + inputType);
        }
        return volume;
    }

    public int[] getBefore() {
        return before;
    }

    public void setBefore(int[] before) {
        this.before = before;
    }

    public int[] getAfter() {
        return after;
    }

    public void setAfter(int[] after) {
        this.after = after;
    }

    public boolean isCropping() {
        return cropping;
    }

    public void setCropping(boolean cropping) {
        this.cropping = cropping;
    }

    public Convolution3D.DataFormat getFormat() {
        return format;
    }

    public void setFormat(Convolution3D.DataFormat format) {
        this.format = format;
    }
}
