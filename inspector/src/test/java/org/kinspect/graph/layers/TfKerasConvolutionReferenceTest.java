package org.kinspect.graph.layers;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.kinspect.Corpus;

/**
 * tf.keras 2.2.4 models of the shared corpus with DepthwiseConv2D and Conv2DTranspose, some
 * channels_first between channels_last padding, upsampling, cropping and pooling layers (each
 * layer reads the array in its own data_format), Conv3D with Cropping3D, and ConvLSTM2D with
 * tf.keras's hard_sigmoid, alone and in a Bidirectional, checked against Keras 3's numbers for them
 * ({@code src/test/resources/tfkeras/make_tfkeras_references.py}: the convolutions' and the
 * output's activations) within 1e-5. Skipped without the corpus.
 */
class TfKerasConvolutionReferenceTest {
    static final List<String> MODELS = List.of("cnn2d_40", "cnn2d_44", "cnn2d_52", "cnn2d_56", "cnn2d_100",
            "cnn2d_104", "cnn3d_16", "convlstm2d_17", "convlstm2d_25",
            "convlstm2d_1", "convlstm2d_11", "convlstm2d_18", "convlstm2d_26", "convlstm2d_2");

    @TestFactory
    Stream<DynamicTest> convolutionsMatchKeras() {
        return MODELS.stream().map(name -> DynamicTest.dynamicTest(name, () -> KerasReferenceCheck.everyLayerMatches(
                Corpus.root().resolve("dl4j-test-resources/modelimport/keras/tfkeras/" + name + ".h5"),
                LayerCoverageTest.resource("/tfkeras/" + name + "_io.h5"), Map.of())));
    }
}
