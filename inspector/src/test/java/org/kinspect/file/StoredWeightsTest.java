package org.kinspect.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.api.Group;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kinspect.errors.KinspectException;
import org.kinspect.graph.layers.KerasReferenceCheck;
import org.kinspect.weights.WeightNaming;

/**
 * The file step hands the weights on as the file stores them, reading no configuration: a
 * {@code .keras} zip's groups by class and counter ({@code layers/conv2d/vars/0}), an HDF5 file's
 * {@code layer_names} groups with their {@code weight_names}. Both files were written by Keras 3
 * from one model ({@code keras3/make_keras3_fixtures.py}, case conv2d), so the same variable read
 * raw from each holds the same values.
 */
class StoredWeightsTest {
    private static final Path ZIP = KerasReferenceCheck.resource("/keras3/conv2d.keras");
    private static final Path HDF5 = KerasReferenceCheck.resource("/keras3/conv2d.h5");

    @Test
    void aKerasZipsWeightsAreItsGroupsByClassAndCounter() {
        StoredWeights stored = KerasFile.open(ZIP).weights();
        WeightTree layers = assertInstanceOf(StoredWeights.VariableTree.class, stored).root().child("layers");
        // the layers conv and bn, saved under their classes' names, their variables by position
        StoredWeight kernel = layers.child("conv2d").child("vars").weight("0");
        assertEquals("/layers/conv2d/vars/0", kernel.path());
        assertArrayEquals(new long[] {3, 3, 2, 3}, kernel.values().shape());
        assertEquals(4, layers.child("batch_normalization").child("vars").weightCount());
    }

    @Test
    void anHdf5FilesWeightsAreItsLayerGroupsWithTheirWeightNames() {
        StoredWeights.LayerGroups stored = assertInstanceOf(StoredWeights.LayerGroups.class,
                KerasFile.open(HDF5).weights());
        try (HdfFile file = new HdfFile(HDF5)) {
            Group root = (Group) file.getChild("model_weights");
            assertEquals(List.of((String[]) root.getAttribute("layer_names").getData()),
                    stored.groups().stream().map(StoredWeights.LayerGroup::name).toList());
            for (StoredWeights.LayerGroup group : stored.groups()) {
                assertEquals("/model_weights/" + group.name(), group.path());
                Object listed = ((Group) root.getChild(group.name())).getAttribute("weight_names").getData();
                List<String> weightNames = listed instanceof String[] names ? List.of(names) : List.of();
                assertEquals(weightNames, group.weights().stream().map(StoredWeight::storedName).toList(), group.name());
            }
        }
    }

    @Test
    void theSameVariableReadRawFromBothFilesHoldsTheSameValues() {
        WeightTree zipLayers = ((StoredWeights.VariableTree) KerasFile.open(ZIP).weights()).root().child("layers");
        StoredWeights.LayerGroup conv = ((StoredWeights.LayerGroups) KerasFile.open(HDF5).weights()).groups().stream()
                .filter(group -> group.name().equals("conv")).findFirst().orElseThrow();
        StoredWeight hdf5Kernel = conv.weights().stream().filter(weight -> weight.storedName().endsWith("kernel"))
                .findFirst().orElseThrow();
        assertEquals(hdf5Kernel.values(), zipLayers.child("conv2d").child("vars").weight("0").values());
    }

    @Test
    void theConfigurationIsHandedOnAsWrittenAndReadOnlyByTheStepsAfter(@TempDir Path folder) throws IOException {
        // a zip whose config.json is no JSON: the file step reads it all the same; naming its weights refuses it
        Path broken = folder.resolve("broken_config.keras");
        String notJson = "{\"class_name\": \"Sequential\", \"config\": ";
        replaceEntry(ZIP, broken, "config.json", notJson);
        StoredModel stored = KerasFile.open(broken);
        assertEquals(notJson, stored.modelConfigJson());
        assertInstanceOf(StoredWeights.VariableTree.class, stored.weights());
        KinspectException refused = assertThrows(KinspectException.class, () -> WeightNaming.name(stored));
        assertTrue(refused.getMessage().contains("the model configuration is not valid JSON"), refused.getMessage());
    }

    private static void replaceEntry(Path source, Path target, String name, String text) throws IOException {
        try (ZipFile zip = new ZipFile(source.toFile()); OutputStream file = Files.newOutputStream(target);
                ZipOutputStream out = new ZipOutputStream(file)) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                out.putNextEntry(new ZipEntry(entry.getName()));
                if (entry.getName().equals(name)) {
                    out.write(text.getBytes(StandardCharsets.UTF_8));
                } else {
                    try (InputStream in = zip.getInputStream(entry)) {
                        in.transferTo(out);
                    }
                }
                out.closeEntry();
            }
        }
    }
}
