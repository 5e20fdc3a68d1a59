package org.kinspect.diff;

import java.util.Comparator;
import java.util.List;

/**
 * How one layer's units moved from the first data set to the second.
 *
 * <pre>{@code
 * LayerShift lstm = shift.layer("lstm_1").orElseThrow();
 * lstm.meanPsi();                  // the layer's average shift
 * lstm.mostShifted(3);             // its three units of the largest PSI
 * }</pre>
 *
 * @param name the layer's Keras name
 * @param units each unit's shift, in unit order
 * @param meanKl the mean of the units' KL divergences (NaN units left out)
 * @param meanPsi the mean of their PSIs
 */
public record LayerShift(String name, List<UnitShift> units, double meanKl, double meanPsi) {

    public LayerShift {
        units = List.copyOf(units);
    }

    /**
     * @param count how many units
     * @return the units of the largest PSI, largest first
     */
    public List<UnitShift> mostShifted(int count) {
        return units.stream().filter(unit -> !Double.isNaN(unit.psi()))
                .sorted(Comparator.comparingDouble(UnitShift::psi).reversed()).limit(count).toList();
    }

    /** @return the units dead (always 0) in one set and alive in the other */
    public List<UnitShift> deadInOneSetOnly() {
        return units.stream().filter(UnitShift::deadInOneSetOnly).toList();
    }
}
