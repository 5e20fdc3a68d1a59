package org.kinspect.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.ClusteredXYBarRenderer;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.kinspect.diff.DataSetShift;
import org.kinspect.diff.LayerDifference;
import org.kinspect.diff.LayerShift;
import org.kinspect.diff.ModelDifference;
import org.kinspect.diff.UnitShift;
import org.kinspect.errors.KinspectException;

/**
 * Draws what {@code kinspect diff} finds: for two models, each layer's output difference
 * ({@value #LAYER_DIFFERENCES}); for two data sets, each layer's mean shift ({@value #LAYER_SHIFT}),
 * each unit's shift in the most shifted layer ({@value #UNIT_SHIFT}) and the overlaid histograms of
 * its most shifted units ({@value #SHIFTED_UNITS}).
 *
 * <pre>{@code
 * DrawnCharts charts = DiffCharts.writeModels(difference, Path.of("diff"));
 * DrawnCharts charts = DiffCharts.writeShift(shift, Path.of("shift"));
 * }</pre>
 */
public final class DiffCharts {
    /** Per layer: max relative difference, 1 - cosine, weights' relative change. */
    public static final String LAYER_DIFFERENCES = "layer_differences.png";
    /** Per layer: mean PSI and mean KL over its units. */
    public static final String LAYER_SHIFT = "layer_shift.png";
    /** Per unit of the most shifted layer: PSI and KL. */
    public static final String UNIT_SHIFT = "unit_shift.png";
    /** The histograms of both sets for the most shifted units, overlaid. */
    public static final String SHIFTED_UNITS = "shifted_units.png";
    /** How many units {@value #SHIFTED_UNITS} shows. */
    static final int HISTOGRAMS = 6;
    private static final int WIDTH = 1000;
    private static final int HEIGHT = 480;
    /** Beyond this many categories their labels would overlap: only every bar is drawn. */
    private static final int MAX_LABELS = 48;
    private static final Color FIRST = new Color(49, 110, 170);
    private static final Color SECOND = new Color(230, 120, 0);

    private DiffCharts() {}

    /**
     * @param difference two models compared
     * @param folder where to write; created when missing, a file of the same name replaced
     * @return the chart written
     * @throws KinspectException when the folder cannot be written
     */
    public static DrawnCharts writeModels(ModelDifference difference, Path folder) {
        createFolder(folder);
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        for (LayerDifference layer : difference.layers()) {
            dataset.addValue(finite(layer.maxRelativeDifference()), "max relative difference", layer.name());
            dataset.addValue(finite(1 - layer.cosine()), "1 - cosine", layer.name());
            dataset.addValue(finite(layer.weightRelativeChange()), "weights' relative change", layer.name());
        }
        CategoryPlot plot = barPlot(dataset, "layer", "difference", difference.layers().size());
        ValueMarker tolerance = new ValueMarker(difference.tolerance(), Color.GRAY, new BasicStroke(1.2f,
                BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1, new float[] {6, 4}, 0));
        tolerance.setLabel("tolerance " + number(difference.tolerance()));
        plot.addRangeMarker(tolerance);
        List<String> notes = new ArrayList<>();
        notes.add(String.format(Locale.ROOT, "over %,d examples; relative difference |b - a| / max(1, |a|)", difference.examples()));
        notes.add(difference.firstDivergentLayer().map(name -> "first layer beyond the tolerance: " + name)
                .orElse("every layer within the tolerance"));
        JFreeChart chart = ChartLook.chart("model B against model A, layer by layer", notes, plot, true);
        ReportImage image = new SizedChart(chart, WIDTH, HEIGHT).writePng(folder.resolve(LAYER_DIFFERENCES), "",
                "difference per layer");
        return new DrawnCharts(List.of(image), List.of());
    }

    /**
     * @param shift two data sets compared
     * @param folder where to write; created when missing, files of the same names replaced
     * @return the charts written
     * @throws KinspectException when the folder cannot be written
     */
    public static DrawnCharts writeShift(DataSetShift shift, Path folder) {
        createFolder(folder);
        List<ReportImage> images = new ArrayList<>();
        DefaultCategoryDataset layers = new DefaultCategoryDataset();
        for (LayerShift layer : shift.layers()) {
            layers.addValue(finite(layer.meanPsi()), "mean PSI", layer.name());
            layers.addValue(finite(layer.meanKl()), "mean KL", layer.name());
        }
        String sets = String.format(Locale.ROOT, "first set %,d examples, second %,d; %d bins over the first set's range",
                shift.firstExamples(), shift.secondExamples(), shift.bins());
        JFreeChart layerChart = ChartLook.chart("shift of each layer's units, second data set against first",
                List.of(sets), barPlot(layers, "layer", "mean over the units", shift.layers().size()), true);
        images.add(new SizedChart(layerChart, WIDTH, HEIGHT).writePng(folder.resolve(LAYER_SHIFT), "", "shift per layer"));

        LayerShift most = shift.ranked().get(0);
        DefaultCategoryDataset units = new DefaultCategoryDataset();
        for (UnitShift unit : most.units()) {
            units.addValue(finite(unit.psi()), "PSI", Integer.toString(unit.unit()));
            units.addValue(finite(unit.kl()), "KL", Integer.toString(unit.unit()));
        }
        String layerNote = String.format(Locale.ROOT, "the most shifted layer: mean PSI %s, mean KL %s",
                number(most.meanPsi()), number(most.meanKl()));
        JFreeChart unitChart = ChartLook.chart(most.name() + ": shift of each unit", List.of(layerNote),
                barPlot(units, "unit", "divergence", most.units().size()), true);
        images.add(new SizedChart(unitChart, WIDTH, HEIGHT).writePng(folder.resolve(UNIT_SHIFT), most.name(),
                "shift per unit"));

        List<JFreeChart> panels = new ArrayList<>();
        for (UnitShift unit : most.mostShifted(HISTOGRAMS)) {
            panels.add(histograms(unit));
        }
        if (!panels.isEmpty()) {
            images.add(ChartGrid.write(panels, Math.min(3, panels.size()), most.name() + ": the most shifted units",
                    List.of("share of each unit's values per bin, side by side: first set blue, second orange; the outer bins "
                            + "hold the values below and above the first set's range"),
                    folder.resolve(SHIFTED_UNITS), most.name(), "histograms of the most shifted units"));
        }
        return new DrawnCharts(images, List.of());
    }

    /** One unit's two histograms over the same bins, the outer bins drawn one bin-width outside. */
    private static JFreeChart histograms(UnitShift unit) {
        long[] first = unit.countsFirst();
        long[] second = unit.countsSecond();
        int bins = first.length - 2;
        double width = unit.high() > unit.low() ? (unit.high() - unit.low()) / bins : 1;
        XYSeries firstSeries = new XYSeries("first");
        XYSeries secondSeries = new XYSeries("second");
        double firstTotal = total(first);
        double secondTotal = total(second);
        for (int bin = 0; bin < first.length; bin++) {
            double centre = unit.low() + (bin - 0.5) * width;
            firstSeries.add(centre, first[bin] / firstTotal);
            secondSeries.add(centre, second[bin] / secondTotal);
        }
        XYSeriesCollection dataset = new XYSeriesCollection();
        dataset.addSeries(firstSeries);
        dataset.addSeries(secondSeries);
        dataset.setIntervalWidth(width * 0.9);
        // side by side in each bin: overlaid translucent bars blend into a third colour
        XYBarRenderer renderer = new ClusteredXYBarRenderer();
        renderer.setBarPainter(new StandardXYBarPainter());
        renderer.setShadowVisible(false);
        renderer.setSeriesPaint(0, FIRST);
        renderer.setSeriesPaint(1, SECOND);
        XYPlot plot = new XYPlot(dataset, ChartLook.axis("activation", false), ChartLook.axis("share", false), renderer);
        String title = String.format(Locale.ROOT, "unit %d: PSI %s, KL %s", unit.unit(), number(unit.psi()), number(unit.kl()));
        JFreeChart chart = ChartLook.chart(title, List.of(String.format(Locale.ROOT, "mean %s -> %s",
                number(unit.meanFirst()), number(unit.meanSecond()))), plot, false);
        chart.getTitle().setFont(ChartLook.LABEL);
        return chart;
    }

    private static double total(long[] counts) {
        long total = 0;
        for (long count : counts) {
            total += count;
        }
        return Math.max(total, 1);
    }

    private static CategoryPlot barPlot(DefaultCategoryDataset dataset, String categoryLabel, String valueLabel, int categories) {
        CategoryAxis categoryAxis = new CategoryAxis(categoryLabel);
        ChartLook.style(categoryAxis);
        categoryAxis.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        categoryAxis.setTickLabelsVisible(categories <= MAX_LABELS);
        NumberAxis valueAxis = ChartLook.axis(valueLabel, false);
        valueAxis.setAutoRangeIncludesZero(true);
        BarRenderer renderer = new BarRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setItemMargin(0.02);
        for (int series = 0; series < dataset.getRowCount(); series++) {
            renderer.setSeriesPaint(series, ChartLook.SERIES[series % ChartLook.SERIES.length]);
        }
        CategoryPlot plot = new CategoryPlot(dataset, categoryAxis, valueAxis, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(ChartLook.GRID);
        plot.setOutlinePaint(Color.GRAY);
        return plot;
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    private static String number(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.4g", value) : "-";
    }

    private static void createFolder(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw KinspectException.input(folder + ": cannot create the folder (" + e.getMessage() + ")", e);
        }
    }
}
