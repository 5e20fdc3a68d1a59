package org.kinspect.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kinspect.InspectedModel;
import org.kinspect.errors.KinspectException;
import org.kinspect.graph.layers.KerasReferenceCheck;

/**
 * A layer whose configuration gives it weights the file does not hold is refused, naming the layer,
 * what it needs and where its weights were looked for: never computed with zeros. Before, a file
 * with no weights at all for its layers (a model_config alone, a {@code .keras} zip whose weights
 * are in a layout kinspect did not read) imported with every weight zero and no word.
 */
class MissingWeightsTest {
    @TempDir
    Path folder;

    @Test
    void aModelConfigurationWithoutWeightsIsNotAModelOfZeros() {
        Path file = KerasH5Writer.model(KerasH5Writer.denseConfig("dense", 3, 2)).write(folder.resolve("config_only.h5"));
        String message = refused(file);
        assertTrue(message.contains("the file holds no weights for layer 'dense' (Dense), which its configuration gives"
                + " 2 weights (DL4J: W [3, 2], b [2]); it names no layer 'dense'"), message);
    }

    @Test
    void aRenamedLayerNamesTheWeightsNoLayerUses() {
        Path file = KerasH5Writer.model(KerasH5Writer.denseConfig("dense_1", 3, 2))
                .layer("dense_l", Map.of("kernel", new float[3][2], "bias", new float[2])).write(folder.resolve("typo.h5"));
        String message = refused(file);
        assertTrue(message.contains("no weights for layer 'dense_1' (Dense)"), message);
        assertTrue(message.contains("the file holds weights that no layer of the configuration uses: 'dense_l' ("), message);
        assertTrue(message.contains("kernel"), message);
    }

    @Test
    void aMissingBiasIsNamed() {
        Path file = KerasH5Writer.model(KerasH5Writer.denseConfig("dense", 3, 2))
                .layer("dense", Map.of("kernel", new float[3][2])).write(folder.resolve("no_bias.h5"));
        String message = refused(file);
        assertTrue(message.contains("layer 'dense'") && message.contains("bias"), message);
    }

    @Test
    void aBatchNormalizationWithoutTheGammaItsConfigurationHasIsNotGivenOne() {
        // gamma 1 is what Keras computes with only when scale=False; here scale=True and the file lacks it
        String config = "{\"class_name\": \"Sequential\", \"config\": {\"name\": \"s\", \"layers\": [{\"class_name\":"
                + " \"BatchNormalization\", \"config\": {\"name\": \"norm\", \"axis\": -1, \"momentum\": 0.99,"
                + " \"epsilon\": 0.001, \"center\": true, \"scale\": true, \"batch_input_shape\": [null, 3],"
                + " \"dtype\": \"float32\", \"trainable\": true, \"beta_initializer\": {\"class_name\": \"Zeros\","
                + " \"config\": {}}, \"gamma_initializer\": {\"class_name\": \"Ones\", \"config\": {}},"
                + " \"moving_mean_initializer\": {\"class_name\": \"Zeros\", \"config\": {}},"
                + " \"moving_variance_initializer\": {\"class_name\": \"Ones\", \"config\": {}},"
                + " \"beta_regularizer\": null, \"gamma_regularizer\": null, \"beta_constraint\": null,"
                + " \"gamma_constraint\": null}}]}}";
        Map<String, Object> weights = new java.util.LinkedHashMap<>();
        weights.put("beta", new float[] {0.1f, 0.2f, 0.3f});
        weights.put("moving_mean", new float[] {0.5f, 0.5f, 0.5f});
        weights.put("moving_variance", new float[] {2, 2, 2});
        Path file = KerasH5Writer.model(config).layer("norm", weights).write(folder.resolve("no_gamma.h5"));
        String message = refused(file);
        assertTrue(message.contains("layer 'norm' (BatchNormalization): the file has no gamma for it (only beta,"
                + " moving_mean, moving_variance), but its configuration has scale=True"), message);
    }

    @Test
    void aKerasZipWithoutItsWeightGroups() throws IOException {
        // the configuration of a tf.keras zip, with a model.weights.h5 that holds only the model's own (empty) vars
        Path file = zipWithWeights("no_layer_weights.keras", hdf -> hdf.putGroup("vars"));
        String message = refused(file);
        assertTrue(message.contains("the file holds no weights for layer 'features' (Conv2D)"), message);
        assertTrue(message.contains("looked for them at /layers or /_layer_checkpoint_dependencies of model.weights.h5"
                + " (it has neither)"), message);
    }

    @Test
    void aKerasZipWhoseLayerGroupIsEmpty() throws IOException {
        Path file = zipWithWeights("empty_vars.keras", hdf -> {
            WritableGroup layers = hdf.putGroup("_layer_checkpoint_dependencies");
            for (String group : new String[] {"input_layer", "conv2d", "batch_normalization", "conv2d_2", "flatten",
                    "dense", "dense_2"}) {
                layers.putGroup(group).putGroup("vars");
            }
        });
        String message = refused(file);
        assertTrue(message.contains("the file holds no weights for layer 'features' (Conv2D), which its configuration"
                + " gives 2 weights (DL4J: b [3], W [3, 2, 3, 3]); looked for them at"
                + " /_layer_checkpoint_dependencies/conv2d, which holds none"), message);
    }

    @Test
    void weightsNoLayerReadAreReported() {
        // dense_conv.keras with a third Dense group its configuration has no layer for (make_tfkeras_zips.py)
        InspectedModel model = InspectedModel.open(KerasReferenceCheck.resource("/tfkeras_zip/unread_group.keras"));
        assertEquals(List.of("the file holds weights that no layer of the model configuration reads:"
                + " /_layer_checkpoint_dependencies/dense_4/vars (1 weights); they are not used (do the weights belong"
                + " to this configuration?)"), model.warnings());
    }

    /** A copy of tfkeras_zip/dense_conv.keras with a model.weights.h5 made by {@code weights}. */
    private Path zipWithWeights(String name, java.util.function.Consumer<WritableHdfFile> weights) throws IOException {
        Path weightsFile = folder.resolve(name + ".weights.h5");
        try (WritableHdfFile hdf = HdfFile.write(weightsFile)) {
            weights.accept(hdf);
        }
        Path file = folder.resolve(name);
        try (ZipFile original = new ZipFile(KerasReferenceCheck.resource("/tfkeras_zip/dense_conv.keras").toFile());
                ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            for (String entry : new String[] {"metadata.json", "config.json"}) {
                zip.putNextEntry(new ZipEntry(entry));
                original.getInputStream(original.getEntry(entry)).transferTo(zip);
            }
            zip.putNextEntry(new ZipEntry("model.weights.h5"));
            Files.copy(weightsFile, (OutputStream) zip);
        }
        return file;
    }

    private static String refused(Path file) {
        KinspectException error = org.junit.jupiter.api.Assertions.assertThrows(KinspectException.class,
                () -> InspectedModel.open(file), file + " should be refused");
        assertEquals(KinspectException.Problem.MODEL_FILE, error.problem(), error.getMessage());
        return HostileModelFilesTest.assertRefused(file, "");
    }
}
