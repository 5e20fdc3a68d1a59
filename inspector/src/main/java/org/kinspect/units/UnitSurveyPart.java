package org.kinspect.units;

import java.io.Serializable;
import org.kinspect.errors.KinspectException;

/**
 * The survey of one part of a data set (a partition of a cluster job), to be merged with the
 * others' into the survey of the whole: what {@link UnitSurveyor#surveyPart} returns. Serialisable,
 * so parts travel from the machines that ran them; a part may hold no examples.
 *
 * <pre>{@code
 * UnitSurveyPart whole = parts.get(0);
 * for (UnitSurveyPart part : parts.subList(1, parts.size())) {
 *     whole.merge(part);
 * }
 * UnitSurvey survey = whole.survey();   // as UnitSurveyor.survey over all the examples
 * }</pre>
 */
public final class UnitSurveyPart implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String layer;
    private final String className;
    private long[] exampleShape;
    private UnitAccumulator accumulator;

    UnitSurveyPart(String layer, String className) {
        this.layer = layer;
        this.className = className;
    }

    /** Starts the accumulator at the first batch, whose output tells the shapes. */
    void start(long[] exampleShape, UnitAccumulator accumulator) {
        this.exampleShape = exampleShape.clone();
        this.accumulator = accumulator;
    }

    /** @return the accumulator, or null before the first batch */
    UnitAccumulator accumulator() {
        return accumulator;
    }

    /** @return how many examples this part holds */
    public long examples() {
        return accumulator == null ? 0 : accumulator.examples();
    }

    /**
     * Adds another part of the same survey: afterwards this part holds what one pass over both
     * parts' examples would (counts, extremes, zeros and top lists exactly; mean and std up to rounding).
     *
     * @param other the survey of other examples of the same layer
     * @return this part
     * @throws IllegalArgumentException when the other surveys another layer or shape
     */
    public UnitSurveyPart merge(UnitSurveyPart other) {
        if (!layer.equals(other.layer)) {
            throw new IllegalArgumentException("cannot merge a survey of " + other.layer + " into one of " + layer);
        }
        if (other.accumulator == null) {
            return this;
        }
        if (accumulator == null) {
            start(other.exampleShape, new UnitAccumulator(other.accumulator.units(), other.accumulator.positionShape(),
                    other.accumulator.topCount()));
        }
        accumulator.merge(other.accumulator);
        return this;
    }

    /**
     * @return the survey of the examples merged so far
     * @throws KinspectException when there are none
     */
    public UnitSurvey survey() {
        if (accumulator == null || accumulator.examples() == 0) {
            throw KinspectException.input("no examples to survey layer '" + layer + "' with; give a data set"
                    + " with at least one example");
        }
        return new UnitSurvey(layer, className, accumulator.examples(), exampleShape, accumulator.positionShape(),
                accumulator.statistics());
    }
}
