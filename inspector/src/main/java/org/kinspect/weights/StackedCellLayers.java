package org.kinspect.weights;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.kinspect.config.RecurrentCellLayers;

/**
 * The RNN layers of a model that run a stack of cells, read from its configuration, to tell which
 * cell each of their weights belongs to. An HDF5 file keeps them all in the RNN's group
 * ({@code stacked/stacked_rnn_cells/gru_cell/kernel}); kinspect imports one layer per cell
 * ({@link RecurrentCellLayers#stackedLayerName}) and keys each cell's weights by it.
 *
 * <pre>{@code
 * StackedCellLayers.of(ConfigNormalizer.parse(modelConfigJson, "model_config"))
 *         .layerOf("stacked", "stacked/stacked_rnn_cells/gru_cell/kernel");
 * // "stacked__cell_1"
 * }</pre>
 */
final class StackedCellLayers {
    private final Map<String, List<String>> cellNamesByLayer = new HashMap<>();

    private StackedCellLayers() {}

    /**
     * @param model a model configuration as parsed ({@code ConfigNormalizer.parse})
     * @return its RNN layers that run a stack of cells
     */
    static StackedCellLayers of(Map<?, ?> model) {
        StackedCellLayers stacks = new StackedCellLayers();
        if (model.get("config") instanceof Map<?, ?> config && config.get("layers") instanceof List<?> layers) {
            for (Object layer : layers) {
                stacks.add(layer);
            }
        }
        return stacks;
    }

    @SuppressWarnings("unchecked")
    private void add(Object layer) {
        if (!(layer instanceof Map<?, ?> entry) || !(entry.get("config") instanceof Map<?, ?> config)) {
            return;
        }
        List<Map<String, Object>> cells = RecurrentCellLayers.stackedCells(String.valueOf(entry.get("class_name")),
                (Map<String, Object>) config);
        if (cells != null) {
            List<String> names = new ArrayList<>();
            cells.forEach(cell -> names.add(cell.get("config") instanceof Map<?, ?> cellConfig
                    ? String.valueOf(cellConfig.get("name")) : ""));
            cellNamesByLayer.put(String.valueOf(config.get("name")), names);
        }
    }

    /**
     * @param layerName a layer of the model
     * @param weightPath one of its weights, as listed in its {@code weight_names}
     * @return the name of the layer that computes the cell the weight belongs to, or the layer's
     *     own name when it runs no stack or the path names none of its cells
     */
    String layerOf(String layerName, String weightPath) {
        List<String> cells = cellNamesByLayer.get(layerName);
        String[] parts = weightPath.split("/");
        int index = cells == null || parts.length < 2 ? -1 : cells.indexOf(parts[parts.length - 2]);
        return index < 0 ? layerName : RecurrentCellLayers.stackedLayerName(layerName, index, cells.size());
    }
}
