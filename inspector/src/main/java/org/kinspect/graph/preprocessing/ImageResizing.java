package org.kinspect.graph.preprocessing;

import java.util.Map;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.kinspect.graph.reshaping.BilinearUpsampling;
import org.kinspect.graph.reshaping.WeightlessLayer;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.enums.PadMode;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keras's {@code Resizing} layer: images of known size resized to {@code targetHeight x targetWidth}
 * as Keras's {@code ops.image.resize} does without antialiasing, after an optional crop or pad to
 * the target's aspect ratio. "nearest" takes, for output pixel {@code i}, the input pixel
 * {@code min(floor((i + 0.5) * in / out), in - 1)} (torch's {@code nearest-exact}, TensorFlow's
 * half-pixel nearest); "bilinear" is {@link BilinearUpsampling#resize}. Fields are plain
 * properties, for DL4J's JSON.
 *
 * <pre>{@code
 * new ImageResizing("resize", 8, 4, true, ImageResizing.AspectRatio.STRETCH, 0.0); // nearest, to 8 x 4
 * }</pre>
 */
public class ImageResizing extends WeightlessLayer {
    /** What Keras does before resizing when the aspect ratios differ. */
    public enum AspectRatio {
        /** resize as is ({@code crop_to_aspect_ratio=False, pad_to_aspect_ratio=False}) */
        STRETCH,
        /** keep the middle part of the target's aspect ratio ({@code crop_to_aspect_ratio=True}) */
        CROP,
        /** pad both sides with the fill value to the target's aspect ratio ({@code pad_to_aspect_ratio=True}) */
        PAD
    }

    private int targetHeight;
    private int targetWidth;
    private boolean nearest;
    private AspectRatio aspectRatio = AspectRatio.STRETCH;
    private double fillValue;
    private long height;
    private long width;
    private CNN2DFormat format = CNN2DFormat.NCHW;

    /** For DL4J's JSON. */
    public ImageResizing() {}

    /**
     * @param name the layer name
     * @param targetHeight the output's height
     * @param targetWidth the output's width
     * @param nearest nearest-neighbour interpolation, else bilinear
     * @param aspectRatio what is done first when the aspect ratios differ
     * @param fillValue the value padded with ({@link AspectRatio#PAD})
     */
    public ImageResizing(String name, int targetHeight, int targetWidth, boolean nearest, AspectRatio aspectRatio,
            double fillValue) {
        setLayerName(name);
        this.targetHeight = targetHeight;
        this.targetWidth = targetWidth;
        this.nearest = nearest;
        this.aspectRatio = aspectRatio;
        this.fillValue = fillValue;
    }

    @Override
    public SDVariable defineLayer(SameDiff sameDiff, SDVariable layerInput, Map<String, SDVariable> paramTable,
            SDVariable mask) {
        boolean channelsFirst = format == CNN2DFormat.NCHW;
        SDVariable image = channelsFirst ? sameDiff.permute(layerInput, 0, 2, 3, 1) : layerInput;
        long[] box = aspectRatioBox();
        if (aspectRatio == AspectRatio.CROP) {
            long top = (height - box[0]) / 2;
            long left = (width - box[1]) / 2;
            image = image.get(SDIndex.all(), SDIndex.interval(top, top + box[0]), SDIndex.interval(left, left + box[1]),
                    SDIndex.all());
        } else if (aspectRatio == AspectRatio.PAD) {
            long top = (box[0] - height) / 2; // the same on both sides, as Keras
            long left = (box[1] - width) / 2;
            INDArray paddings = Nd4j.createFromArray(new long[][] {{0, 0}, {top, top}, {left, left}, {0, 0}});
            image = sameDiff.nn().pad(image, sameDiff.constant(paddings), PadMode.CONSTANT, fillValue);
        }
        long[] size = sizeAfterAspectRatio();
        SDVariable resized = nearest
                ? nearestPixels(sameDiff, nearestPixels(sameDiff, image, 1, (int) size[0], targetHeight), 2,
                        (int) size[1], targetWidth)
                : BilinearUpsampling.resize(sameDiff, image, false, targetHeight, targetWidth);
        return channelsFirst ? sameDiff.permute(resized, 0, 3, 1, 2) : resized;
    }

    /** The nearest input pixel of each output pixel along one axis, computed in torch's float arithmetic. */
    private static SDVariable nearestPixels(SameDiff sameDiff, SDVariable image, int axis, int length, int target) {
        float scale = (float) length / target;
        int[] source = new int[target];
        for (int i = 0; i < target; i++) {
            source[i] = Math.min((int) Math.floor((float) ((i + 0.5) * scale)), length - 1);
        }
        return sameDiff.gather(image, sameDiff.constant(Nd4j.createFromArray(source).castTo(DataType.INT32)), axis);
    }

    /**
     * @return the height and width of the part Keras crops ({@link AspectRatio#CROP}) or of the
     *     image it pads to ({@link AspectRatio#PAD}), with Keras's integer arithmetic
     *     (keras/src/backend/torch/image.py resize); the input's for {@link AspectRatio#STRETCH}
     */
    private long[] aspectRatioBox() {
        long boxHeight = (long) ((double) width * targetHeight / targetWidth);
        long boxWidth = (long) ((double) height * targetWidth / targetHeight);
        return switch (aspectRatio) {
            case STRETCH -> new long[] {height, width};
            case CROP -> new long[] {Math.max(Math.min(height, boxHeight), 1), Math.max(Math.min(width, boxWidth), 1)};
            case PAD -> new long[] {Math.max(height, boxHeight), Math.max(width, boxWidth)};
        };
    }

    /** @return the height and width resized from */
    private long[] sizeAfterAspectRatio() {
        long[] box = aspectRatioBox();
        return aspectRatio == AspectRatio.PAD
                ? new long[] {height + (box[0] - height) / 2 * 2, width + (box[1] - width) / 2 * 2} : box;
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        InputType.InputTypeConvolutional image = image(inputType);
        height = image.getHeight();
        width = image.getWidth();
        format = image.getFormat();
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        InputType.InputTypeConvolutional image = image(inputType);
        return InputType.convolutional(targetHeight, targetWidth, image.getChannels(), image.getFormat());
    }

    private InputType.InputTypeConvolutional image(InputType inputType) {
        if (!(inputType instanceof InputType.InputTypeConvolutional image) || image.getHeight() <= 0
                || image.getWidth() <= 0) {
            throw new IllegalStateException("layer '" + getLayerName() + "' reads images of known size, not " + inputType);
        }
        return image;
    }

    public int getTargetHeight() {
        return targetHeight;
    }

    public void setTargetHeight(int targetHeight) {
        this.targetHeight = targetHeight;
    }

    public int getTargetWidth() {
        return targetWidth;
    }

    public void setTargetWidth(int targetWidth) {
        this.targetWidth = targetWidth;
    }

    public boolean isNearest() {
        return nearest;
    }

    public void setNearest(boolean nearest) {
        this.nearest = nearest;
    }

    public AspectRatio getAspectRatio() {
        return aspectRatio;
    }

    public void setAspectRatio(AspectRatio aspectRatio) {
        this.aspectRatio = aspectRatio;
    }

    public double getFillValue() {
        return fillValue;
    }

    public void setFillValue(double fillValue) {
        this.fillValue = fillValue;
    }

    public long getHeight() {
        return height;
    }

    public void setHeight(long height) {
        this.height = height;
    }

    public long getWidth() {
        return width;
    }

    public void setWidth(long width) {
        this.width = width;
    }

    public CNN2DFormat getFormat() {
        return format;
    }

    public void setFormat(CNN2DFormat format) {
        this.format = format;
    }
}
