package org.kinspect.file;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.kinspect.errors.KinspectException;

/**
 * The groups of a {@code model.weights.h5} as the paths Keras meant, whatever separator wrote them,
 * read whole: the file is read in place in the zip (or from a temporary copy), closed once the zip is read. Keras joins a variable's
 * path with {@code os.path.join}; tf.keras on Windows so wrote
 * {@code _layer_checkpoint_dependencies\lstm\cell}, which h5py keeps as one group of that name at
 * the root. Here it is the node {@code _layer_checkpoint_dependencies/lstm/cell}, as on any other
 * system.
 *
 * <p>The values of the datasets below the groups that hold a model's layers ({@code layers}, or
 * tf.keras 2.13-2.15's {@code _layer_checkpoint_dependencies}) are read; others (the optimizer's
 * state) are named but not read.
 *
 * <pre>{@code
 * WeightTree root = WeightTree.read(hdfFile, path, 0, OpenFile.open(hdfPath, path));
 * WeightTree cellVars = root.child("_layer_checkpoint_dependencies").child("lstm").child("cell").child("vars");
 * cellVars.weight("0").values(); // the LSTM's kernel
 * }</pre>
 */
public final class WeightTree {
    /** More groups and datasets than any Keras model has: a hostile file is refused before it fills memory. */
    static final int MAX_NODES = 2_000_000;
    /** Keras 3's (and tf-keras 2.15's) container of a model's layers. */
    public static final String KERAS3_CONTAINER = "layers";
    /** tf.keras 2.13-2.15's container of a model's layers. */
    public static final String TF_KERAS_CONTAINER = "_layer_checkpoint_dependencies";
    private static final Set<String> CONTAINERS = Set.of(KERAS3_CONTAINER, TF_KERAS_CONTAINER);
    private static final Pattern SEPARATOR = Pattern.compile("[/\\\\]");

    private final String path;
    private final Map<String, WeightTree> children = new LinkedHashMap<>();
    private final Map<String, StoredWeight> weights = new LinkedHashMap<>();
    private String nameAttribute;

    private WeightTree(String path) {
        this.path = path;
    }

    /**
     * @param file the opened weights file
     * @param source the model file, for messages
     * @param offset where the HDF5 file starts in {@code source} when it is read in place there
     *     (a {@code .keras} zip's stored entry), for large variables read later by position; 0 for
     *     a file of its own
     * @param open the same file kept open, for large variables read later ({@link WeightValues});
     *     null to read them from {@code source} by path, checked unchanged
     * @return its root, with the values of the datasets that hold layers' variables
     * @throws KinspectException when the file holds more nodes than any Keras model, or a dataset
     *     that is not numbers or too large
     */
    static WeightTree read(HdfFile file, Path source, long offset, OpenFile open) {
        WeightTree root = new WeightTree("/");
        int[] count = {0};
        root.add(file, source, offset, open, count);
        return root;
    }

    private void add(Group hdfGroup, Path source, long offset, OpenFile open, int[] count) {
        for (Map.Entry<String, Node> entry : hdfGroup.getChildren().entrySet()) {
            if (++count[0] > MAX_NODES) {
                throw KinspectException.modelFile(source + ": the weights file holds more than " + MAX_NODES
                        + " groups and datasets; refusing it as damaged or hostile");
            }
            WeightTree parent = this;
            String[] parts = SEPARATOR.split(entry.getKey());
            for (int i = 0; i < parts.length - 1; i++) {
                parent = parent.childOrNew(parts[i]);
            }
            String last = parts[parts.length - 1];
            if (entry.getValue() instanceof Group childGroup) {
                WeightTree child = parent.childOrNew(last);
                if (last.equals("vars")) {
                    child.nameAttribute = HdfModelReader.stringAttribute(childGroup, "name");
                }
                child.add(childGroup, source, offset, open, count);
            } else if (entry.getValue() instanceof Dataset dataset) {
                String weightPath = parent.path.equals("/") ? "/" + last : parent.path + "/" + last;
                boolean ofLayers = parent.holdsLayers();
                String dtype = ofLayers ? HdfModelReader.stringAttribute(dataset, "dtype") : null;
                boolean read = ofLayers && !"bfloat16".equals(dtype);
                parent.weights.put(last, new StoredWeight(last, weightPath, dtype,
                        read ? DatasetValues.describe(dataset, source, offset, open) : null));
            }
        }
    }

    /** @return true below a container of a model's layers (whose variables are read) */
    private boolean holdsLayers() {
        String[] parts = path.split("/");
        return parts.length > 1 && CONTAINERS.contains(parts[1]);
    }

    private WeightTree childOrNew(String name) {
        return children.computeIfAbsent(name, unused -> new WeightTree(path.equals("/") ? "/" + name : path + "/" + name));
    }

    /** @return the path Keras meant, {@code /} separated, for messages */
    public String path() {
        return path;
    }

    /** @return the group of that name below this one, or null */
    public WeightTree child(String name) {
        return children.get(name);
    }

    /** @return the groups below this one by name, in file order */
    public Map<String, WeightTree> children() {
        return Collections.unmodifiableMap(children);
    }

    /** @return the weight (dataset) of that name in this group, or null */
    public StoredWeight weight(String name) {
        return weights.get(name);
    }

    /** @return how many datasets this group holds */
    public int weightCount() {
        return weights.size();
    }

    /** @return the names of the datasets this group holds */
    public List<String> weightNames() {
        return new ArrayList<>(weights.keySet());
    }

    /**
     * @return the {@code name} attribute of the {@code vars} group at this path (Keras 3.16 writes
     *     the layer's name there), or null (none, another group, or the path is only implied)
     */
    public String nameAttribute() {
        return nameAttribute;
    }
}
