package org.kinspect.samples;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.kinspect.InspectedModel;
import org.kinspect.array.NpyFile;
import org.nd4j.linalg.api.ndarray.INDArray;

public class QuickStart {
    public static void main(String[] args) {
        Path models = Path.of(args.length > 0 ? args[0] : "samples/models");
        InspectedModel model = InspectedModel.open(models.resolve("sine_lstm.keras"));
        INDArray x = NpyFile.read(models.resolve("sine_lstm_input.npy"));         // (4, 20, 2)

        Map<String, INDArray> outputs = model.activations(Map.of("signal", x));   // every layer, Keras order
        INDArray lstm = outputs.get("lstm_1");          // (4, 20, 8): (batch, time, units), as in Keras
        INDArray one = model.activation("lstm_2", Map.of("signal", x));  // runs only as far as lstm_2
        INDArray kernel = model.weights("lstm_1").get("recurrent_kernel");  // (8, 32), Keras's shape
        ComputationGraph graph = model.graph();         // the DL4J graph itself, Keras weights in it

        System.out.println(model.summary());            // layers, output shapes, parameters
        System.out.println("lstm_1 " + Arrays.toString(lstm.shape()));   // [4, 20, 8]
        System.out.println("lstm_2, example 0: " + one.getRow(0));
        System.out.println("recurrent_kernel " + Arrays.toString(kernel.shape()) + "; " + graph.getNumLayers()
                + " DL4J layers; warnings: " + model.warnings());
    }
}
