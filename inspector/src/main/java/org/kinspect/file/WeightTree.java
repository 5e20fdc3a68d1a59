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
import java.util.regex.Pattern;
import org.kinspect.KinspectException;

/**
 * The groups of a {@code model.weights.h5} as the paths Keras meant, whatever separator wrote them.
 * Keras joins a variable's path with {@code os.path.join}; tf.keras on Windows so wrote
 * {@code _layer_checkpoint_dependencies\lstm\cell}, which h5py keeps as one group of that name at
 * the root. Here it is the node {@code _layer_checkpoint_dependencies/lstm/cell}, as on any other
 * system.
 *
 * <pre>{@code
 * WeightTree root = WeightTree.of(hdfFile, path);
 * WeightTree cellVars = root.child("_layer_checkpoint_dependencies").child("lstm").child("cell").child("vars");
 * cellVars.dataset("0"); // the LSTM's kernel
 * }</pre>
 */
final class WeightTree {
    /** More groups and datasets than any Keras model has: a hostile file is refused before it fills memory. */
    static final int MAX_NODES = 2_000_000;
    private static final Pattern SEPARATOR = Pattern.compile("[/\\\\]");

    private final String path;
    private final Map<String, WeightTree> children = new LinkedHashMap<>();
    private final Map<String, Dataset> datasets = new LinkedHashMap<>();
    private Group group;

    private WeightTree(String path) {
        this.path = path;
    }

    /**
     * @param file the opened weights file
     * @param source the model file, for messages
     * @return its root
     */
    static WeightTree of(HdfFile file, Path source) {
        WeightTree root = new WeightTree("/");
        root.group = file;
        int[] count = {0};
        root.add(file, source, count);
        return root;
    }

    private void add(Group hdfGroup, Path source, int[] count) {
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
                child.group = childGroup;
                child.add(childGroup, source, count);
            } else if (entry.getValue() instanceof Dataset dataset) {
                parent.datasets.put(last, dataset);
            }
        }
    }

    private WeightTree childOrNew(String name) {
        return children.computeIfAbsent(name, unused -> new WeightTree(path.equals("/") ? "/" + name : path + "/" + name));
    }

    /** @return the path Keras meant, {@code /} separated, for messages */
    String path() {
        return path;
    }

    /** @return the group of that name below this one, or null */
    WeightTree child(String name) {
        return children.get(name);
    }

    /** @return the groups below this one by name, in file order */
    Map<String, WeightTree> children() {
        return Collections.unmodifiableMap(children);
    }

    /** @return the dataset of that name in this group, or null */
    Dataset dataset(String name) {
        return datasets.get(name);
    }

    /** @return how many datasets this group holds */
    int datasetCount() {
        return datasets.size();
    }

    /** @return the names of the datasets this group holds */
    List<String> datasetNames() {
        return new ArrayList<>(datasets.keySet());
    }

    /** @return a text attribute of the HDF5 group at this path, or null (none, or the path is only implied) */
    String attribute(String name) {
        return group == null ? null : HdfModelReader.stringAttribute(group, name);
    }
}
