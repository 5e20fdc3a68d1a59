package org.kinspect.bench;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.deeplearning4j.nn.modelimport.keras.KerasModelImport;
import org.kinspect.InspectedModel;
import org.kinspect.bench.BenchCase.Baseline;
import org.kinspect.file.KerasFile;
import org.kinspect.file.KerasFormat;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/** The things being timed. Each returns a number derived from its result so that nothing is optimised away. */
final class Importers {
    private Importers() {}

    /** Our full import: read the file, build the DL4J graph, copy the weights in. */
    static long ours(Path file) {
        return InspectedModel.open(file).graph().numParams();
    }

    /**
     * DL4J's own import with {@code enforceTrainingConfig=false}. DL4J needs the Sequential entry point for
     * Sequential models ({@code importKerasModelAndWeights} refuses them); {@link #isSequential} tells which,
     * outside the timed region.
     */
    static long dl4j(Path file, boolean sequential) throws Exception {
        if (sequential) {
            return KerasModelImport.importKerasSequentialModelAndWeights(file.toString(), false).numParams();
        }
        return KerasModelImport.importKerasModelAndWeights(file.toString(), false).numParams();
    }

    /**
     * ND4J's own start as either import triggers it, and nothing else: its backend (JavaCPP loading the native
     * libraries, the backend's set-up), then one small op on a one-element array, as bench/floor/Floor.java does.
     * Both imports pay it in a fresh JVM, so it bounds how far ahead of DL4J's a fresh-JVM import can get.
     * Returns the op's result, 1.
     */
    static long nd4jStart() {
        Nd4j.getBackend();
        return Nd4j.create(new float[] {1f}).sumNumber().longValue();
    }

    /**
     * The floor for a jhdf-based reader: open the HDF5 file with jhdf and read every dataset under
     * {@code model_weights} (for a {@code .keras} zip: every dataset of its {@code model.weights.h5}) into
     * float arrays, all kept until the end as an import keeps them.
     */
    static long jhdfRead(Path file) throws IOException {
        List<float[]> arrays = new ArrayList<>();
        if (KerasFile.detect(file) == KerasFormat.KERAS_ZIP) {
            byte[] weights;
            try (ZipFile zip = new ZipFile(file.toFile())) {
                ZipEntry entry = zip.getEntry("model.weights.h5");
                if (entry == null) {
                    throw new IOException(file + ": no model.weights.h5 in the zip");
                }
                try (InputStream in = zip.getInputStream(entry)) {
                    weights = in.readAllBytes();
                }
            }
            try (HdfFile hdf = HdfFile.fromBytes(weights)) {
                readAll(hdf, arrays);
            }
        } else {
            try (HdfFile hdf = new HdfFile(file)) {
                readAll(hdf.getChild("model_weights") instanceof Group weights ? weights : hdf, arrays);
            }
        }
        long values = 0;
        for (float[] array : arrays) {
            values += array.length;
        }
        return values;
    }

    static long run(Baseline baseline, Path file, boolean sequential) throws Exception {
        return switch (baseline) {
            case DL4J -> dl4j(file, sequential);
            case JHDF -> jhdfRead(file);
            case NONE -> throw new IllegalArgumentException("no baseline to run");
        };
    }

    /** @return whether the file's model_config is a Sequential model (read with jhdf, not timed) */
    static boolean isSequential(Path file) {
        if (KerasFile.detect(file) != KerasFormat.HDF5_MODEL) {
            return false;
        }
        try (HdfFile hdf = new HdfFile(file)) {
            var attribute = hdf.getAttribute("model_config");
            if (attribute == null) {
                return false;
            }
            Object data = attribute.getData();
            String json = data instanceof String[] texts ? texts[0] : String.valueOf(data);
            return "Sequential".equals(new ObjectMapper().readTree(json).path("class_name").asText());
        } catch (IOException e) {
            return false;
        }
    }

    private static void readAll(Group group, List<float[]> into) {
        for (Node child : group.getChildren().values()) {
            if (child instanceof Group inner) {
                readAll(inner, into);
            } else if (child instanceof Dataset dataset && !dataset.isScalar() && !dataset.isEmpty()) {
                into.add(toFloats(dataset.getDataFlat()));
            }
        }
    }

    private static float[] toFloats(Object flat) {
        if (flat instanceof float[] floats) {
            return floats;
        }
        if (flat instanceof double[] doubles) {
            float[] values = new float[doubles.length];
            for (int i = 0; i < doubles.length; i++) values[i] = (float) doubles[i];
            return values;
        }
        if (flat instanceof int[] ints) {
            float[] values = new float[ints.length];
            for (int i = 0; i < ints.length; i++) values[i] = ints[i];
            return values;
        }
        if (flat instanceof long[] longs) {
            float[] values = new float[longs.length];
            for (int i = 0; i < longs.length; i++) values[i] = longs[i];
            return values;
        }
        return new float[0]; // strings and other non-numbers are no weights
    }
}
