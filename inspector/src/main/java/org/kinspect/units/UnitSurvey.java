package org.kinspect.units;

import java.util.Arrays;
import java.util.List;

/**
 * Per-unit statistics of one layer over a whole data set, and the examples that excite each unit
 * most: what {@link UnitSurveyor} returns.
 *
 * <pre>{@code
 * UnitSurvey survey = UnitSurveyor.of(model, "lstm_1").top(9).survey(batches);
 * System.out.println(survey.examples() + " examples; dead units: " + survey.deadUnits());
 * }</pre>
 *
 * @param layer the Keras layer name
 * @param className its Keras class ({@code LSTM}, {@code Dense})
 * @param examples how many examples were run
 * @param exampleShape the shape of the layer's output for one example, in Keras's layout
 * @param positionShape the position axes of that output in order (time steps; image rows and
 *     columns); empty for a layer whose output is one vector per example
 * @param units one entry per unit, in unit order
 */
public record UnitSurvey(String layer, String className, long examples, long[] exampleShape,
        long[] positionShape, List<UnitStatistics> units) {

    /** Copies the arrays and the list so the record stays immutable. */
    public UnitSurvey {
        exampleShape = exampleShape.clone();
        positionShape = positionShape.clone();
        units = List.copyOf(units);
    }

    @Override
    public long[] exampleShape() {
        return exampleShape.clone();
    }

    @Override
    public long[] positionShape() {
        return positionShape.clone();
    }

    /** @return true when the layer outputs a sequence: each top example then has the step of its peak */
    public boolean sequence() {
        return positionShape.length == 1;
    }

    /** @return the units that were exactly zero on every example, in order */
    public List<Integer> deadUnits() {
        return units.stream().filter(UnitStatistics::dead).map(UnitStatistics::unit).toList();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof UnitSurvey survey && layer.equals(survey.layer) && className.equals(survey.className)
                && examples == survey.examples && Arrays.equals(exampleShape, survey.exampleShape)
                && Arrays.equals(positionShape, survey.positionShape) && units.equals(survey.units);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(layer, className, examples, Arrays.hashCode(exampleShape),
                Arrays.hashCode(positionShape), units);
    }

    @Override
    public String toString() {
        return "UnitSurvey[layer=" + layer + ", examples=" + examples + ", exampleShape="
                + Arrays.toString(exampleShape) + ", units=" + units.size() + "]";
    }
}
