package org.kinspect.gradients;

import org.kinspect.errors.KinspectException;

/**
 * What a gradient is taken of: unit {@code unit} (an index into the last axis, Keras's channels)
 * of a layer's output, summed over the batch and over every other axis. Because the examples of a
 * batch do not mix, each example's input gradient is the gradient of its own unit.
 *
 * <pre>{@code
 * GradientTarget classThree = GradientTarget.parse("3");         // the model output's unit 3
 * GradientTarget filter = GradientTarget.parse("last_conv:5");  // channel 5 of layer last_conv
 * }</pre>
 *
 * <p>Or a Keras loss given labels ({@link #loss}): the mean over the batch of each example's loss
 * on the model's only output.
 *
 * @param layer the layer whose output is differentiated, or {@code null} for the model's only output
 * @param unit the index into that output's last axis (0 for a loss)
 * @param loss the loss differentiated instead of a unit, or {@code null}
 */
public record GradientTarget(String layer, int unit, KerasLoss loss) {

    /** @throws KinspectException when the unit is negative */
    public GradientTarget {
        if (unit < 0) {
            throw KinspectException.input("the target unit must be 0 or more, not " + unit);
        }
    }

    /**
     * @param layer the layer, or {@code null} for the model's only output
     * @param unit the index into its output's last axis
     */
    public GradientTarget(String layer, int unit) {
        this(layer, unit, null);
    }

    /**
     * @param loss a Keras loss with its labels
     * @return the loss on the model's only output as the target
     */
    public static GradientTarget loss(KerasLoss loss) {
        return new GradientTarget(null, 0, loss);
    }

    /** @return the same target on the named layer (the model's output, once resolved) */
    public GradientTarget on(String layerName) {
        return new GradientTarget(layerName, unit, loss);
    }

    /**
     * @param unit a unit of the model's only output (a class score)
     * @return that target
     */
    public static GradientTarget outputUnit(int unit) {
        return new GradientTarget(null, unit);
    }

    /**
     * @param text {@code UNIT} (the model's only output) or {@code LAYER:UNIT}
     * @return the target it names
     * @throws KinspectException when the text is neither form
     */
    public static GradientTarget parse(String text) {
        int colon = text.lastIndexOf(':');
        String layer = colon < 0 ? null : text.substring(0, colon);
        String unit = colon < 0 ? text : text.substring(colon + 1);
        try {
            if (layer != null && layer.isEmpty()) {
                throw new NumberFormatException();
            }
            return new GradientTarget(layer, Integer.parseInt(unit.strip()));
        } catch (NumberFormatException e) {
            throw KinspectException.input("--target '" + text + "' is neither a unit (3) nor LAYER:UNIT (dense_1:3)");
        }
    }

    /** @return how the target reads in a report: {@code output unit 3} or {@code dense_1:3} */
    public String describe() {
        if (loss != null) {
            return loss.name() + " loss" + (layer == null ? "" : " on " + layer);
        }
        return layer == null ? "output unit " + unit : layer + ":" + unit;
    }
}
