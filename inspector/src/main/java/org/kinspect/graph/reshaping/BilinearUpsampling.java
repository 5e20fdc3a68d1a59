package org.kinspect.graph.reshaping;

import java.util.Map;
import java.util.function.UnaryOperator;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.enums.ImageResizeMethod;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keras's {@code UpSampling2D(interpolation="bilinear")}: the image resized by whole factors with
 * half-pixel centres and no corner alignment, as Keras's {@code ops.image.resize} (DL4J's
 * Upsampling2D only repeats values). The size is read from the input when the layer runs, so
 * images of open height and width ({@code Input((None, None, 3))}) are resized as Keras resizes
 * them. Fields are plain properties, for DL4J's JSON.
 *
 * <pre>{@code
 * new BilinearUpsampling("up", 2, 2); // 6 x 5 becomes 12 x 10
 * }</pre>
 */
public class BilinearUpsampling extends WeightlessLayer {
    private int heightFactor;
    private int widthFactor;
    private CNN2DFormat format = CNN2DFormat.NCHW;

    /** For DL4J's JSON. */
    public BilinearUpsampling() {}

    /**
     * @param name the layer name
     * @param heightFactor the height's factor
     * @param widthFactor the width's factor
     */
    public BilinearUpsampling(String name, int heightFactor, int widthFactor) {
        setLayerName(name);
        this.heightFactor = heightFactor;
        this.widthFactor = widthFactor;
    }

    @Override
    public SDVariable defineLayer(SameDiff sameDiff, SDVariable layerInput, Map<String, SDVariable> paramTable,
            SDVariable mask) {
        return channelsLast(sameDiff, layerInput, format == CNN2DFormat.NCHW, image -> {
            // the size comes from the running input: DL4J builds this graph once, before any size is seen
            SDVariable size = sameDiff.shape(image).get(SDIndex.interval(1, 3))
                    .mul(sameDiff.constant(Nd4j.createFromArray((long) heightFactor, (long) widthFactor)));
            // image_resize's bilinear uses half-pixel centres without corner alignment, as resize() below
            return sameDiff.image().imageResize(image, sameDiff.castTo(size, DataType.INT), false, false,
                    ImageResizeMethod.ResizeBilinear);
        });
    }

    /**
     * Keras's bilinear {@code ops.image.resize} without antialiasing: half-pixel centres, no corner
     * alignment, source positions before the first pixel read the first pixel (as torch's
     * {@code interpolate(align_corners=False)} and TensorFlow's {@code resize}).
     *
     * @param sameDiff the graph
     * @param images the images, {@code [batch, channels, height, width]} when channelsFirst, else
     *     {@code [batch, height, width, channels]}
     * @param channelsFirst whether the channels come before the rows
     * @param height the height to resize to
     * @param width the width to resize to
     * @return the resized images, in the layout they came in
     */
    public static SDVariable resize(SameDiff sameDiff, SDVariable images, boolean channelsFirst, int height,
            int width) {
        return channelsLast(sameDiff, images, channelsFirst,
                image -> sameDiff.image().resizeBiLinear(image, height, width, false, true));
    }

    /** Runs a step that reads images channels last on images in either layout, handing them back in theirs. */
    private static SDVariable channelsLast(SameDiff sameDiff, SDVariable images, boolean channelsFirst,
            UnaryOperator<SDVariable> step) {
        SDVariable resized = step.apply(channelsFirst ? sameDiff.permute(images, 0, 2, 3, 1) : images);
        return channelsFirst ? sameDiff.permute(resized, 0, 3, 1, 2) : resized;
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        format = image(inputType).getFormat();
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        InputType.InputTypeConvolutional image = image(inputType);
        return InputType.convolutional(scaled(image.getHeight(), heightFactor), scaled(image.getWidth(), widthFactor),
                image.getChannels(), image.getFormat());
    }

    /** An open size (DL4J writes it as 0 or -1) stays open. */
    private static long scaled(long size, int factor) {
        return size > 0 ? size * factor : size;
    }

    private InputType.InputTypeConvolutional image(InputType inputType) {
        if (!(inputType instanceof InputType.InputTypeConvolutional image)) {
            throw new IllegalStateException("layer '" + getLayerName() + "' reads images, not " + inputType);
        }
        return image;
    }

    public int getHeightFactor() {
        return heightFactor;
    }

    public void setHeightFactor(int heightFactor) {
        this.heightFactor = heightFactor;
    }

    public int getWidthFactor() {
        return widthFactor;
    }

    public void setWidthFactor(int widthFactor) {
        this.widthFactor = widthFactor;
    }

    public CNN2DFormat getFormat() {
        return format;
    }

    public void setFormat(CNN2DFormat format) {
        this.format = format;
    }
}
