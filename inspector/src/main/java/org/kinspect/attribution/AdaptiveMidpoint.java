package org.kinspect.attribution;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Where Integrated Gradients takes its gradients on the straight path from the baseline
 * ({@code alpha = 0}) to the input ({@code alpha = 1}), and how it weighs them: the midpoint rule
 * on intervals cut for each example. A quarter of the evaluations go to the middles of equal
 * intervals; the others, two at a time, cut the example's interval with the largest
 * {@code width x |change of the integrand to a neighbouring interval|} in three, the middle third
 * keeping the point it has. Each gradient is weighed by the width of its interval.
 *
 * <p>Why not evenly spaced points alone: through ReLU and max pooling, the integrand (the gradient
 * times {@code x - baseline}) jumps wherever a unit switches on or off along the path, and any
 * rule on fixed points (left or right Riemann sums, midpoint, trapezoid, Gauss-Legendre) then
 * errs by up to {@code jump x spacing / 2} at each jump, whatever its order on smooth integrands:
 * 64 midpoints left completeness gaps of 7.4% on the MLP fixture. Cutting the intervals that hold
 * the jumps brings every gradient fixture under 1% in the same 64 evaluations. Why midpoints, not
 * the trapezoid's ends: at {@code alpha = 0} a zero baseline makes every place of a convolution
 * equal, so max pooling ties and its gradient there is not the limit of the gradients beside it
 * (a trapezoid rule with that end left 1% gaps on the {@code image_layers} fixture).
 *
 * <p>One evaluation is one gradient of the whole batch, each example at its own point (examples
 * do not mix in inference mode).
 *
 * <pre>{@code
 * AdaptiveMidpoint path = new AdaptiveMidpoint(batch, 64);
 * while (path.hasNext()) {
 *     double[] alphas = path.next();          // one per example
 *     path.record(integrandAt(alphas));       // gradient . (x - baseline), one per example
 * }
 * double[][] weights = path.weights();        // [example][evaluation], each row sums to 1
 * }</pre>
 */
final class AdaptiveMidpoint {
    /** The rule, as the CLI help and JSON state it. */
    static final String RULE = "adaptive midpoint: a quarter of the steps at the middles of equal intervals of"
            + " [0, 1], the others cutting in three, two steps at a time, each example's interval with the largest"
            + " width x |change of the integrand to a neighbouring interval|";

    /** An interval of the path and the integrand at its middle, once evaluated. */
    private static final class Interval {
        final double left;
        final double width;
        double value;
        int evaluation = -1;

        Interval(double left, double width) {
            this.left = left;
            this.width = width;
        }

        double middle() {
            return left + width / 2;
        }
    }

    private final int evaluations;
    private final List<List<Interval>> intervals = new ArrayList<>();
    private final List<Deque<Interval>> waiting = new ArrayList<>();
    private Interval[] pending;
    private int taken;

    /**
     * @param examples how many examples share each evaluation
     * @param evaluations how many gradients to take (1 or more)
     */
    AdaptiveMidpoint(int examples, int evaluations) {
        this.evaluations = evaluations;
        int even = Math.max(1, evaluations / 4);
        if ((evaluations - even) % 2 != 0) {
            even++; // the rest cut intervals two evaluations at a time
        }
        for (int example = 0; example < examples; example++) {
            List<Interval> path = new ArrayList<>();
            for (int k = 0; k < even; k++) {
                path.add(new Interval((double) k / even, 1.0 / even));
            }
            intervals.add(path);
            waiting.add(new ArrayDeque<>(path));
        }
    }

    /** @return whether evaluations are left */
    boolean hasNext() {
        return taken < evaluations;
    }

    /** @return the point of the next evaluation for each example */
    double[] next() {
        pending = new Interval[intervals.size()];
        double[] alphas = new double[pending.length];
        for (int example = 0; example < pending.length; example++) {
            if (waiting.get(example).isEmpty()) {
                cutInThree(intervals.get(example), waiting.get(example));
            }
            pending[example] = waiting.get(example).poll();
            alphas[example] = pending[example].middle();
        }
        return alphas;
    }

    /** @param values the integrand at the points {@link #next()} gave, one per example */
    void record(double[] values) {
        for (int example = 0; example < values.length; example++) {
            pending[example].value = values[example];
            pending[example].evaluation = taken;
        }
        taken++;
    }

    /** @return each example's weight of each evaluation: the width of its interval */
    double[][] weights() {
        double[][] weights = new double[intervals.size()][taken];
        for (int example = 0; example < weights.length; example++) {
            for (Interval interval : intervals.get(example)) {
                weights[example][interval.evaluation] += interval.width;
            }
        }
        return weights;
    }

    /** Cuts the interval with the largest width x |change to a neighbour| in three; queues the outer thirds. */
    private static void cutInThree(List<Interval> path, Deque<Interval> queue) {
        int best = 0;
        double bestScore = -1;
        for (int i = 0; i < path.size(); i++) {
            Interval interval = path.get(i);
            double change = 0;
            if (i > 0) {
                change = Math.abs(interval.value - path.get(i - 1).value);
            }
            if (i + 1 < path.size()) {
                change = Math.max(change, Math.abs(path.get(i + 1).value - interval.value));
            }
            double score = interval.width * change;
            if (score > bestScore || (score == bestScore && interval.width > path.get(best).width)) {
                best = i;
                bestScore = score;
            }
        }
        Interval cut = path.get(best);
        double third = cut.width / 3;
        Interval left = new Interval(cut.left, third);
        Interval middle = new Interval(cut.left + third, third);
        middle.value = cut.value;
        middle.evaluation = cut.evaluation;
        Interval right = new Interval(cut.left + 2 * third, third);
        path.set(best, middle);
        path.add(best, left);
        path.add(best + 2, right);
        queue.add(left);
        queue.add(right);
    }
}
