package org.kinspect.samples;

import java.nio.file.Path;
import java.util.Map;
import org.kinspect.InspectedModel;
import org.kinspect.array.NpyFile;
import org.kinspect.inspect.ActivationStatistics;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Recurrent model: what does each LSTM unit do over time?
 *
 * <p>Opens the sine/square/sawtooth classifier, runs its four sample signals, and prints, for the
 * first LSTM, each unit's activation over time for the first signal, then the class probabilities.
 *
 * <pre>
 * javac -cp cli/target/kinspect.jar -d target/samples samples/java/src/main/java/org/kinspect/samples/*.java
 * java -cp cli/target/kinspect.jar:target/samples org.kinspect.samples.RecurrentLayerOutputs samples/models
 * </pre>
 */
public final class RecurrentLayerOutputs {

    private RecurrentLayerOutputs() {}

    /** @param args the folder holding sine_lstm.keras and sine_lstm_input.npy */
    public static void main(String[] args) {
        Path models = Path.of(args.length > 0 ? args[0] : "samples/models");
        InspectedModel model = InspectedModel.open(models.resolve("sine_lstm.keras"));
        INDArray signals = NpyFile.read(models.resolve("sine_lstm_input.npy")); // (4 signals, 20 steps, 2)

        Map<String, INDArray> outputs = model.activations(Map.of("signal", signals));
        INDArray lstm = outputs.get("lstm_1"); // (4, 20 steps, 8 units), as Keras returns it
        System.out.println("lstm_1 output shape " + java.util.Arrays.toString(lstm.shape()));
        for (int unit = 0; unit < lstm.size(2); unit++) {
            INDArray overTime = lstm.get(NDArrayIndex.point(0), NDArrayIndex.all(), NDArrayIndex.point(unit));
            ActivationStatistics stats = ActivationStatistics.of(overTime);
            System.out.printf("unit %d: min %+.3f  mean %+.3f  max %+.3f%n", unit, stats.min(), stats.mean(), stats.max());
        }
        System.out.println("class probabilities (sine, square, sawtooth):");
        System.out.println(outputs.get("classes"));
    }
}
