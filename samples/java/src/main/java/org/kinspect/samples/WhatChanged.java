package org.kinspect.samples;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.kinspect.InspectedModel;
import org.kinspect.batch.BatchForward;
import org.kinspect.batch.NpyBatches;
import org.kinspect.diff.ActivationRanges;
import org.kinspect.diff.ActivationShift;
import org.kinspect.diff.DataSetShift;
import org.kinspect.diff.LayerDifference;
import org.kinspect.diff.LayerShift;
import org.kinspect.diff.ModelDiffer;
import org.kinspect.diff.ModelDifference;
import org.kinspect.diff.ShiftSurveyor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What changed: the sample LSTM against its fine-tuned copy (where do they part ways?), then its
 * evaluation set against louder, noisier waves (which units see a different distribution?), the
 * second time with the accumulators fed in two partitions and merged, as a cluster would.
 *
 * <pre>
 * javac -cp cli/target/kinspect.jar -d target/samples samples/java/src/main/java/org/kinspect/samples/*.java
 * java -cp cli/target/kinspect.jar:target/samples org.kinspect.samples.WhatChanged samples/models
 * </pre>
 */
public final class WhatChanged {

    private WhatChanged() {}

    /** @param args the folder holding sine_lstm.keras, sine_lstm_finetuned.keras and the data sets */
    public static void main(String[] args) {
        Path models = Path.of(args.length > 0 ? args[0] : "samples/models");
        InspectedModel model = InspectedModel.open(models.resolve("sine_lstm.keras"));
        InspectedModel tuned = InspectedModel.open(models.resolve("sine_lstm_finetuned.keras"));
        Map<String, Path> evaluation = Map.of("signal", models.resolve("sine_lstm_eval_x.npy"));
        Map<String, Path> shifted = Map.of("signal", models.resolve("sine_lstm_shifted_x.npy"));

        // Two models, one data set.
        try (NpyBatches data = NpyBatches.open(evaluation, 100)) {
            ModelDifference difference = ModelDiffer.of(model, tuned).compare(data);
            for (LayerDifference layer : difference.layers()) {
                System.out.printf("%-8s max |b-a| %.4f  cosine %.4f  weights moved %.1f%%%n", layer.name(),
                        layer.maxAbsoluteDifference(), layer.cosine(), 100 * layer.weightRelativeChange());
            }
            System.out.println("first divergent layer: " + difference.firstDivergentLayer().orElse("none"));
        }

        // One model, two data sets, in one pass.
        DataSetShift onePass;
        try (NpyBatches first = NpyBatches.open(evaluation, 100); NpyBatches second = NpyBatches.open(shifted, 100)) {
            onePass = ShiftSurveyor.of(model).survey(first, second);
        }
        LayerShift most = onePass.ranked().get(0);
        System.out.printf("most shifted layer: %s (mean PSI %.4f); its most shifted unit: %d%n", most.name(),
                most.meanPsi(), most.mostShifted(1).get(0).unit());

        // The same from the accumulators, fed in two partitions each and merged. The batches are of
        // the one pass's size: DL4J's output for an example can differ in the last bits (7e-7 here)
        // with the size of the batch it runs in, and a value on a bin edge would then move.
        List<String> layers = List.of("lstm_1", "lstm_2", "dense_1", "classes");
        BatchForward forward = BatchForward.to(model, layers);
        ActivationRanges ranges = new ActivationRanges();
        try (NpyBatches first = NpyBatches.open(evaluation, 100)) {
            first.forEach(batch -> ranges.add(forward.runLayers(batch)));   // all units last here
        }
        ActivationShift left = new ActivationShift(ranges, ActivationShift.DEFAULT_BINS);
        ActivationShift right = new ActivationShift(ranges, ActivationShift.DEFAULT_BINS);
        try (NpyBatches first = NpyBatches.open(evaluation, 100); NpyBatches second = NpyBatches.open(shifted, 100)) {
            int index = 0;
            for (Map<String, INDArray> batch : first) {
                (index++ % 2 == 0 ? left : right).addFirst(forward.runLayers(batch));
            }
            for (Map<String, INDArray> batch : second) {
                (index++ % 2 == 0 ? left : right).addSecond(forward.runLayers(batch));
            }
        }
        left.merge(right);
        DataSetShift merged = left.result();
        boolean same = true;
        for (int layer = 0; layer < layers.size(); layer++) {
            LayerShift a = onePass.layers().get(layer);
            LayerShift b = merged.layers().get(layer);
            same &= a.meanKl() == b.meanKl() && a.meanPsi() == b.meanPsi();
        }
        System.out.println("merged partitions equal one pass: " + same);
    }
}
