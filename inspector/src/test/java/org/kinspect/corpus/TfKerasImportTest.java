package org.kinspect.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.kinspect.Corpus;
import org.kinspect.InspectedModel;
import org.kinspect.errors.KinspectException;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Every tf.keras model of DL4J's test data ({@code modelimport/keras/tfkeras}, 452 files of many
 * layer kinds) imports and runs a forward pass, or fails with one line naming the layer and class
 * that is not supported. The failures are counted and printed by layer class.
 */
class TfKerasImportTest {
    // 400 of 452 ran when this test was written; fewer means an import that worked has broken.
    // cnn2d_52-59 once ran with wrong weights (a second Conv2DTranspose given the wrong number of
    // input channels), then were refused by the weight check; they run since each image layer reads
    // its input in its own data_format (graph/convolution/MixedImageLayouts) and channels_first
    // kernels are no longer read as Theano's (ChannelsFirstKernels). DepthwiseConv2D (cnn2d_40-47,
    // 100-107) runs with kinspect's mapper; Conv3D models with Cropping3D (cnn3d_16, 18, 20, 22) since
    // 3D padding and cropping read channels_last volumes right; ConvLSTM2D (convlstm2d_1, 3, 9, 11,
    // 17, 19, 25, 27) with kinspect's layer, and Bidirectional around it (2, 10, 18, 26; those
    // wrapping go_backwards=True are refused). Numbers: TfKerasConvolutionReferenceTest.
    // misc_1 and misc_2 (a Reshape or Permute as the last layer) run since DL4J is given a layer
    // after them (graph/TrailingReshapes); cnn_1d_doublecount (a Conv1D on one channel) since WeightFit
    // checks convolution kernels by count.
    // The four TensorFlowOpLayer models (permute, reshape, tfop_0, tfop_1) run since tf.keras op layers
    // are computed (graph/operations).
    static final int AT_LEAST_RUNNING = 439;

    @Test
    void everyModelRunsOrNamesTheLayerItCannotImport() {
        List<Path> files = Corpus.files("dl4j-test-resources/modelimport/keras/tfkeras", ".h5");
        int running = 0;
        Map<String, Integer> failuresByClass = new TreeMap<>();
        List<String> unclear = new ArrayList<>();
        for (Path file : files) {
            try {
                InspectedModel model = InspectedModel.open(file);
                Map<String, INDArray> outputs = model.activations(randomInputs(model));
                assertEquals(model.layerNames().size(), outputs.size(), file + ": not every layer has an output");
                running++;
            } catch (KinspectException e) {
                String message = e.getMessage();
                var named = java.util.regex.Pattern.compile("layer '([^']+)' \\(([A-Za-z0-9_]+)\\)").matcher(message);
                if (named.find() && !message.contains("\n")) {
                    failuresByClass.merge(named.group(2), 1, Integer::sum);
                } else {
                    unclear.add(message);
                }
            }
        }
        System.out.printf("tf.keras corpus: %d of %d models import and run; not supported, by layer class: %s%n",
                running, files.size(), failuresByClass);
        assertTrue(unclear.isEmpty(), "failures that do not name a layer and class: " + unclear);
        assertTrue(running >= AT_LEAST_RUNNING, running + " of " + files.size() + " models run");
    }

    static Map<String, INDArray> randomInputs(InspectedModel model) {
        Nd4j.getRandom().setSeed(42);
        Map<String, INDArray> inputs = new LinkedHashMap<>();
        for (String name : model.inputNames()) {
            long[] shape = model.expectedInputShape(name).clone();
            shape[0] = 2;
            for (int i = 1; i < shape.length; i++) {
                if (shape[i] < 0) shape[i] = 5; // unknown lengths: 5 steps, as the corpus references use
            }
            inputs.put(name, Nd4j.rand(shape));
        }
        return inputs;
    }
}
