package org.kinspect.weights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kinspect.InspectedModel;
import org.kinspect.ModelInternals;
import org.kinspect.file.WeightStore;
import org.kinspect.graph.layers.KerasReferenceCheck;

/**
 * tf.keras 2.13-2.15 {@code .keras} zips, whose {@code model.weights.h5} keeps a model's layers
 * under {@code _layer_checkpoint_dependencies} (made by {@code tfkeras_zip/make_tfkeras_zips.py}
 * in exactly tf.keras's layout from Keras 3 models): every layer matches Keras 3's numbers for the
 * original model. They once imported with every weight zero and no word.
 */
class TfKerasZipTest {

    @ParameterizedTest
    @ValueSource(strings = {"dense_conv", "lstm", "gru", "bidirectional", "nested", "windows", "layer_named_groups",
            "tf_keras_215"})
    void everyLayerMatchesKeras(String name) {
        Path model = KerasReferenceCheck.resource("/tfkeras_zip/" + name + ".keras");
        // layer_named_groups.keras is dense_conv.keras with its groups named after the layers
        Path reference = KerasReferenceCheck.resource("/tfkeras_zip/"
                + (name.equals("layer_named_groups") ? "dense_conv" : name) + "_io.h5");
        assertFalse(KerasReferenceCheck.everyLayerMatches(model, reference, Map.of()).isEmpty());
        if (name.equals("nested") || name.equals("windows")) {
            assertTrue(InnerActivations.everyInnerLayerMatches(model, reference) > 0);
        }
        InspectedModel inspected = InspectedModel.open(model);
        assertEquals(java.util.List.of(), ModelInternals.imported(inspected).provenance().notFromFile());
    }

    @Test
    void readsTheWeightsUnderTheLayerNames() {
        // conv2d_second is the file's conv2d_2 (the counter advanced twice per layer with weights, as before
        // tf-keras 0454a40); the Windows file's LSTM cell is one group named with backslashes
        WeightStore convolutions = WeightNaming.read(KerasReferenceCheck.resource("/tfkeras_zip/dense_conv.keras")).weights();
        assertEquals("/_layer_checkpoint_dependencies/conv2d_2/vars/0",
                convolutions.layer("conv2d_second").orElseThrow().byName().get("kernel").path());
        WeightStore windows = WeightNaming.read(KerasReferenceCheck.resource("/tfkeras_zip/windows.keras")).weights();
        assertEquals("/_layer_checkpoint_dependencies/sequential/_layer_checkpoint_dependencies/lstm/cell/vars/1",
                windows.layer("encoder/enc_lstm").orElseThrow().byName().get("recurrent_kernel").path());
    }
}
