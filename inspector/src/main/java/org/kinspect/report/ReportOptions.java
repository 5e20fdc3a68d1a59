package org.kinspect.report;

import java.util.List;
import org.kinspect.report.graph.NodeStatistic;

/**
 * What a report draws. Start from {@link #defaults()} and change what you need.
 *
 * <pre>{@code
 * ReportOptions options = ReportOptions.defaults()
 *         .withLayers(List.of("lstm_1"))   // only this layer (the summary still lists them all)
 *         .withUnits(List.of(0, 3, 7))     // these units over time, instead of the most varying ones
 *         .withExample(2)                  // the third example of the batch
 *         .withWeights(true);              // Hinton diagrams and histograms of the weights too
 * }</pre>
 *
 * @param example which example of the batch the charts show (the statistics cover the whole batch too)
 * @param units the units to draw over time; empty to draw the {@code topUnits} that vary most
 * @param topUnits how many units to draw over time when {@code units} is empty
 * @param featureMaps how many channels of a 2-D convolution's output to draw at most
 * @param featureMapChoice which channels, when there are more than {@code featureMaps}
 * @param weights whether to draw each layer's weights too
 * @param layers the layers to report; empty for every layer
 * @param graphColour what colours the nodes of the model graph on top of the page
 */
public record ReportOptions(
        int example, List<Integer> units, int topUnits, int featureMaps, FeatureMapChoice featureMapChoice,
        boolean weights, List<String> layers, NodeStatistic graphColour) {

    /** Which channels of a feature map stack to draw when there are too many to draw them all. */
    public enum FeatureMapChoice {
        /** The first channels, in order. */
        FIRST,
        /** The channels with the largest mean absolute activation, drawn in channel order. */
        MOST_ACTIVE
    }

    public ReportOptions {
        units = List.copyOf(units);
        layers = List.copyOf(layers);
        if (example < 0) throw new IllegalArgumentException("example must be 0 or more, not " + example);
        if (topUnits < 1) throw new IllegalArgumentException("topUnits must be 1 or more, not " + topUnits);
        if (graphColour == null) throw new IllegalArgumentException("graphColour must be given");
        if (featureMaps < 1) throw new IllegalArgumentException("featureMaps must be 1 or more, not " + featureMaps);
    }

    /** @return example 0, the 5 most varying units, up to 16 most active feature maps, no weights, every layer */
    public static ReportOptions defaults() {
        return new ReportOptions(0, List.of(), 5, 16, FeatureMapChoice.MOST_ACTIVE, false, List.of(),
                NodeStatistic.MEAN_ABSOLUTE);
    }

    /** @param index which example of the batch to draw @return a copy with it */
    public ReportOptions withExample(int index) {
        return new ReportOptions(index, units, topUnits, featureMaps, featureMapChoice, weights, layers, graphColour);
    }

    /** @param chosen the units to draw over time @return a copy with them */
    public ReportOptions withUnits(List<Integer> chosen) {
        return new ReportOptions(example, chosen, topUnits, featureMaps, featureMapChoice, weights, layers, graphColour);
    }

    /** @param count how many of the most varying units to draw over time @return a copy with it */
    public ReportOptions withTopUnits(int count) {
        return new ReportOptions(example, units, count, featureMaps, featureMapChoice, weights, layers, graphColour);
    }

    /** @param count how many channels to draw at most @param choice which ones @return a copy with them */
    public ReportOptions withFeatureMaps(int count, FeatureMapChoice choice) {
        return new ReportOptions(example, units, topUnits, count, choice, weights, layers, graphColour);
    }

    /** @param draw whether to draw the weights @return a copy with it */
    public ReportOptions withWeights(boolean draw) {
        return new ReportOptions(example, units, topUnits, featureMaps, featureMapChoice, draw, layers, graphColour);
    }

    /** @param names the layers to report, empty for all @return a copy with them */
    public ReportOptions withLayers(List<String> names) {
        return new ReportOptions(example, units, topUnits, featureMaps, featureMapChoice, weights, names, graphColour);
    }

    /** @param statistic what colours the nodes of the model graph on top of the page @return a copy with it */
    public ReportOptions withGraphColour(NodeStatistic statistic) {
        return new ReportOptions(example, units, topUnits, featureMaps, featureMapChoice, weights, layers, statistic);
    }
}
