package org.kinspect.corpus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kinspect.Corpus;
import org.kinspect.InspectedModel;
import org.kinspect.ModelInternals;
import org.kinspect.config.LayerSpec;
import org.kinspect.errors.KinspectException;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keras 1 models of DL4J's test data with Keras 1 layer names ({@code Convolution2D},
 * {@code Merge}, {@code Convolution1D}). The corpus has no Keras reference outputs for them; what
 * Keras 1 recorded in the configurations is checked instead.
 */
class Keras1LayersTest {
    private static final String KERAS = "dl4j-test-resources/modelimport/keras/";

    /**
     * Convolution2D with {@code dim_ordering: "tf"} on an image input: each Dense reads as many
     * features as Keras 1 recorded as its {@code input_dim} (12 * 12 * 32 = 4608 after two 3x3
     * convolutions and a 2x2 pooling of a 28x28 image), so the convolutions run on the right axes.
     */
    @ParameterizedTest
    @ValueSource(strings = {"configs/keras1/mnist_cnn_tf_keras_1_config.json", "configs/keras1/mnist_cnn_tf_config.json",
            "configs/keras1/mnist_cnn_no_bias_tf_config.json", "examples/mnist_cnn/mnist_cnn_tf_keras_1_config.json"})
    void tfOrderedConvolutionsReadTheirImageAsKeras1Did(String config) {
        InspectedModel model = InspectedModel.openConfig(Corpus.root().resolve(KERAS + config));
        assertDenseInputsAsRecorded(model);
    }

    /**
     * The same for a Keras 1.1.2 model with its weights, whose Dense records no input_dim: each
     * Dense reads as many features as its kernel in the file has rows.
     */
    @Test
    void aTfOrderedKeras1ModelWithWeightsReadsItsImageAsKeras1Did() {
        InspectedModel model = InspectedModel.open(Corpus.root().resolve("dl4j-test-resources/keras/simple/cnn_tf_model.h5"));
        Map<String, INDArray> outputs = model.activations(TfKerasImportTest.randomInputs(model));
        int checked = 0;
        for (LayerSpec layer : ModelInternals.spec(model).layers()) {
            if (layer.className().equals("Dense")) {
                INDArray kernel = model.weights(layer.name()).get("W");
                INDArray input = outputs.get(layer.inboundLayers().get(0));
                assertEquals(kernel.size(0), input.size(input.rank() - 1), layer.name());
                checked++;
            }
        }
        assertTrue(checked > 0, "no Dense");
    }

    private static void assertDenseInputsAsRecorded(InspectedModel model) {
        Map<String, INDArray> outputs = model.activations(TfKerasImportTest.randomInputs(model));
        int checked = 0;
        for (LayerSpec layer : ModelInternals.spec(model).layers()) {
            if (layer.className().equals("Dense") && layer.config().get("input_dim") instanceof Number inputDim) {
                INDArray input = outputs.get(layer.inboundLayers().get(0));
                assertEquals(inputDim.longValue(), input.size(input.rank() - 1), layer.name());
                checked++;
            }
        }
        assertTrue(checked > 0, "no Dense with a recorded input_dim");
    }

    /** Merge(mode="concat") joins its inputs in order along the last axis. */
    @ParameterizedTest
    @ValueSource(strings = {"configs/keras1/mlp_fapi_config.json", "configs/keras1/mlp_fapi_multiloss_config.json"})
    void mergeConcatJoinsItsInputs(String config) {
        InspectedModel model = InspectedModel.openConfig(Corpus.root().resolve(KERAS + config));
        Map<String, INDArray> outputs = model.activations(TfKerasImportTest.randomInputs(model));
        LayerSpec merge = ModelInternals.spec(model).layer("merge_1").orElseThrow();
        INDArray[] parts = merge.inboundLayers().stream().map(outputs::get).toArray(INDArray[]::new);
        INDArray expected = Nd4j.concat(1, parts);
        assertArrayEquals(expected.shape(), outputs.get("merge_1").shape());
        assertEquals(0.0, expected.sub(outputs.get("merge_1")).amaxNumber().doubleValue(), 0.0);
    }

    /**
     * Merge's element-wise modes, on the two same-shaped inputs of mlp_fapi_multiloss (its mode
     * changed from concat): sum, mul, ave and max of the inputs, as Keras 1 defines them.
     */
    @ParameterizedTest
    @ValueSource(strings = {"sum", "mul", "ave", "max"})
    void mergeElementWiseModesCombineTheirInputs(String mode, @org.junit.jupiter.api.io.TempDir Path folder)
            throws Exception {
        String config = Files.readString(Corpus.root().resolve(KERAS + "configs/keras1/mlp_fapi_multiloss_config.json"));
        Path changed = folder.resolve("merge_" + mode + ".json");
        Files.writeString(changed, config.replace("\"mode\": \"concat\"", "\"mode\": \"" + mode + "\""));
        InspectedModel model = InspectedModel.openConfig(changed);
        Map<String, INDArray> inputs = TfKerasImportTest.randomInputs(model);
        INDArray a = inputs.get("input1");
        INDArray b = inputs.get("input2");
        INDArray expected = switch (mode) {
            case "sum" -> a.add(b);
            case "mul" -> a.mul(b);
            case "ave" -> a.add(b).div(2);
            default -> org.nd4j.linalg.ops.transforms.Transforms.max(a, b);
        };
        INDArray merged = model.activations(inputs).get("merge_1");
        assertArrayEquals(expected.shape(), merged.shape());
        assertEquals(0.0, expected.sub(merged).amaxNumber().doubleValue(), 1e-6, mode);
    }

    /** Merge modes DL4J does not compute (dot, cos) are refused naming the layer and class. */
    @ParameterizedTest
    @ValueSource(strings = {"dot", "cos"})
    void mergeModesWithoutDl4jCounterpartAreRefusedByName(String mode, @org.junit.jupiter.api.io.TempDir Path folder)
            throws Exception {
        String config = Files.readString(Corpus.root().resolve(KERAS + "configs/keras1/mlp_fapi_config.json"));
        Path changed = folder.resolve("merge_" + mode + ".json");
        Files.writeString(changed, config.replace("\"mode\": \"concat\"", "\"mode\": \"" + mode + "\""));
        KinspectException error = assertThrows(KinspectException.class, () -> InspectedModel.openConfig(changed));
        assertEquals(KinspectException.Problem.UNSUPPORTED, error.problem(), error.getMessage());
        assertTrue(error.getMessage().matches("[^\\n]*layer 'merge_1' \\(Merge\\)[^\\n]*mode " + mode + "[^\\n]*"),
                error.getMessage());
    }

    /**
     * Keras 1 layers DL4J has no mapper for (MaxoutDense, Highway; none is in the corpus, so a Dense
     * of a real Keras 1 configuration is renamed) are refused naming the layer and class.
     */
    @ParameterizedTest
    @ValueSource(strings = {"MaxoutDense", "Highway"})
    void keras1LayersWithoutDl4jMapperAreRefusedByName(String className, @org.junit.jupiter.api.io.TempDir Path folder)
            throws Exception {
        String config = Files.readString(Corpus.root().resolve(KERAS + "configs/keras1/mlp_config.json"));
        Path changed = folder.resolve(className + ".json");
        Files.writeString(changed, config.replaceFirst("\"class_name\": \"Dense\"", "\"class_name\": \"" + className + "\""));
        KinspectException error = assertThrows(KinspectException.class, () -> InspectedModel.openConfig(changed));
        assertEquals(KinspectException.Problem.UNSUPPORTED, error.problem(), error.getMessage());
        assertTrue(error.getMessage().matches("[^\\n]*layer 'dense_1' \\(" + className + "\\)[^\\n]*"), error.getMessage());
    }

    /** A Keras 1 Convolution1D's kernel layout depends on the backend, which Keras 1 files do not record. */
    @ParameterizedTest
    @ValueSource(strings = {"embedding_conv1d_tensorflow_1.h5", "embedding_conv1d_theano_1.h5"})
    void aKeras1Convolution1DWithWeightsIsRefusedByName(String file) {
        Path model = Corpus.root().resolve(KERAS + "weights/" + file); // outside assertThrows: skips without the corpus
        KinspectException error = assertThrows(KinspectException.class, () -> InspectedModel.open(model));
        assertEquals(KinspectException.Problem.UNSUPPORTED, error.problem(), error.getMessage());
        assertTrue(error.getMessage().matches("[^\\n]*layer 'convolution1d_1' \\(Convolution1D\\): the file does not say"
                + " which backend[^\\n]*"), error.getMessage());
    }
}
