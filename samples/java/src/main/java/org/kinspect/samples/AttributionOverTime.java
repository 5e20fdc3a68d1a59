package org.kinspect.samples;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.kinspect.InspectedModel;
import org.kinspect.array.NpyFile;
import org.kinspect.attribution.Attributions;
import org.kinspect.attribution.IntegratedGradients;
import org.kinspect.gradients.GradientTarget;
import org.kinspect.report.AttributionCharts;
import org.kinspect.report.ReportImage;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Recurrent model: which time steps made the LSTM call a signal a square wave?
 *
 * <p>Integrated Gradients (64 steps from an all-zero signal) of the class each sample signal is
 * taken for, one signal at a time; prints the attribution of every time step (summed over the two
 * features) and the completeness check, and, given a folder, draws the time step x feature heatmap
 * and the per-step bars.
 *
 * <pre>
 * java -cp cli/target/kinspect.jar:target/samples org.kinspect.samples.AttributionOverTime samples/models [charts/]
 * </pre>
 */
public final class AttributionOverTime {
    private static final List<String> CLASSES = List.of("sine", "square", "sawtooth");

    private AttributionOverTime() {}

    /** @param args the folder holding sine_lstm.keras and sine_lstm_input.npy; optionally a folder for charts */
    public static void main(String[] args) {
        Path models = Path.of(args.length > 0 ? args[0] : "samples/models");
        InspectedModel model = InspectedModel.open(models.resolve("sine_lstm.keras"));
        INDArray signals = NpyFile.read(models.resolve("sine_lstm_input.npy")); // (4 signals, 20 steps, 2)
        INDArray probabilities = model.activation("classes", Map.of("signal", signals));
        for (int signal = 0; signal < signals.size(0); signal++) {
            // one signal at a time: the target is summed over the batch, and each signal has its own class
            INDArray one = signals.get(NDArrayIndex.interval(signal, signal + 1), NDArrayIndex.all(), NDArrayIndex.all());
            int taken = probabilities.getRow(signal).argMax().getInt(0);
            IntegratedGradients ig = Attributions.integratedGradients(model, Map.of("signal", one),
                    GradientTarget.outputUnit(taken), null, 64);
            INDArray perStep = ig.attributions().get("signal").slice(0).sum(1); // (20 steps)
            IntegratedGradients.Completeness check = ig.completeness().get(0);
            System.out.printf("signal %d taken for %s: sum of attributions %.4f, p(x) - p(0) %.4f, gap %.2f%%%n",
                    signal, CLASSES.get(taken), check.attributed(), check.change(), 100 * check.gap());
            StringBuilder bars = new StringBuilder();
            for (int step = 0; step < perStep.length(); step++) {
                bars.append(String.format(" %+.3f", perStep.getDouble(step)));
            }
            System.out.println("  per step:" + bars);
            if (args.length > 1 && signal == 1) {
                List<ReportImage> charts = AttributionCharts.ofInputs(ig.attributions(), "integrated", 0, Path.of(args[1]));
                charts.forEach(chart -> System.out.println("  wrote " + chart.file()));
            }
        }
    }
}
