package org.kinspect.units;

import java.util.List;

/**
 * What one unit of a layer did over a whole data set.
 *
 * <pre>{@code
 * UnitStatistics unit = survey.units().get(0);
 * System.out.printf("unit %d: mean %.3f, std %.3f, zero on %.0f%% of examples%n",
 *         unit.unit(), unit.mean(), unit.std(), 100 * unit.zeroFraction());
 * }</pre>
 *
 * <p>For a layer with position axes (a sequence's time steps, an image's pixels) mean, std, min and
 * max are over every value the unit took: every position of every example.
 *
 * @param unit the unit's index: its position along the layer's channel axis (the last axis, or
 *     the first after the batch for a {@code channels_first} layer)
 * @param values how many finite values the statistics are over
 * @param mean their mean (NaN when there is none)
 * @param std their population standard deviation, as numpy's {@code std()} (NaN when there is none)
 * @param min the smallest (NaN when there is none)
 * @param max the largest (NaN when there is none)
 * @param zeroFraction the fraction of examples on which the unit is exactly zero (at every
 *     position); 1 for a dead unit
 * @param zeroValueFraction the fraction of all its values that are exactly zero; equal to
 *     {@code zeroFraction} for a layer without position axes
 * @param nonFinite how many of its values were NaN or infinite, left out of the statistics
 * @param top the examples that excite it most, largest first (ties: the earlier example first)
 */
public record UnitStatistics(int unit, long values, double mean, double std, double min, double max,
        double zeroFraction, double zeroValueFraction, long nonFinite, List<TopActivation> top) {

    /** Copies the top list so the record stays immutable. */
    public UnitStatistics {
        top = List.copyOf(top);
    }

    /** @return true when the unit was exactly zero on every example: it never fires */
    public boolean dead() {
        return zeroFraction == 1.0;
    }
}
