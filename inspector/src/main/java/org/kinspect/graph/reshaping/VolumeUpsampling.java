package org.kinspect.graph.reshaping;

import java.util.Map;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Convolution3D;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Keras's {@code UpSampling3D}: every value repeated along depth, height and width by each axis's
 * own factor (DL4J's mapper keeps the first factor only). Fields are plain properties, for
 * DL4J's JSON.
 *
 * <pre>{@code
 * new VolumeUpsampling("up3d", new int[] {2, 1, 2});
 * }</pre>
 */
public class VolumeUpsampling extends WeightlessLayer {
    private int[] size = {2, 2, 2};
    private Convolution3D.DataFormat format = Convolution3D.DataFormat.NDHWC;

    /** For DL4J's JSON. */
    public VolumeUpsampling() {}

    /**
     * @param name the layer name
     * @param size the factors of depth, height and width
     */
    public VolumeUpsampling(String name, int[] size) {
        setLayerName(name);
        this.size = size.clone();
    }

    @Override
    public SDVariable defineLayer(SameDiff sameDiff, SDVariable layerInput, Map<String, SDVariable> paramTable,
            SDVariable mask) {
        // nd4j's upsampling3d works on NCDHW axes whatever its layout flag says
        boolean channelsLast = format == Convolution3D.DataFormat.NDHWC;
        SDVariable volume = channelsLast ? sameDiff.permute(layerInput, 0, 4, 1, 2, 3) : layerInput;
        SDVariable upsampled = sameDiff.cnn().upsampling3d(volume, true, size[0], size[1], size[2]);
        return channelsLast ? sameDiff.permute(upsampled, 0, 2, 3, 4, 1) : upsampled;
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        format = volume(inputType).getDataFormat();
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        InputType.InputTypeConvolutional3D volume = volume(inputType);
        return InputType.convolutional3D(volume.getDataFormat(), volume.getDepth() * size[0],
                volume.getHeight() * size[1], volume.getWidth() * size[2], volume.getChannels());
    }

    private InputType.InputTypeConvolutional3D volume(InputType inputType) {
        if (!(inputType instanceof InputType.InputTypeConvolutional3D volume)) {
            throw new IllegalStateException("layer '" + getLayerName() + "' reads volumes, not " + inputType);
        }
        return volume;
    }

    public int[] getSize() {
        return size;
    }

    public void setSize(int[] size) {
        this.size = size;
    }

    public Convolution3D.DataFormat getFormat() {
        return format;
    }

    public void setFormat(Convolution3D.DataFormat format) {
        this.format = format;
    }
}
