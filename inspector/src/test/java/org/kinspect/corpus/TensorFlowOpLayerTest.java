package org.kinspect.corpus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kinspect.Corpus;
import org.kinspect.InspectedModel;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The tf.keras 2.2 models of DL4J's test data that hold TensorFlow graph nodes
 * ({@code TensorFlowOpLayer}: {@code Transpose}, {@code Reshape}) import, and the node's output is
 * what TensorFlow's op gives: the input with its two last axes swapped, or reshaped in C order to
 * (batch, 6). The corpus has no Keras reference outputs for them.
 */
class TensorFlowOpLayerTest {

    @ParameterizedTest
    @CsvSource({"permute.h5, tf_op_layer_transpose_1, transpose", "tfop_1.h5, tf_op_layer_transpose, transpose",
            "reshape.h5, tf_op_layer_Reshape, reshape", "tfop_0.h5, tf_op_layer_Reshape, reshape"})
    void aTensorFlowGraphNodeComputesItsOp(String file, String layer, String op) {
        InspectedModel model = InspectedModel.open(Corpus.root().resolve("dl4j-test-resources/modelimport/keras/tfkeras")
                .resolve(file));
        Map<String, INDArray> inputs = TfKerasImportTest.randomInputs(model);
        INDArray input = inputs.values().iterator().next();
        INDArray ours = model.activations(inputs).get(layer);
        INDArray expected = op.equals("transpose") ? input.permute(0, 2, 1) : input.dup('c').reshape('c', input.size(0), 6);
        assertArrayEquals(expected.shape(), ours.shape());
        assertEquals(0.0, expected.sub(ours).amaxNumber().doubleValue(), 0.0, layer);
    }
}
