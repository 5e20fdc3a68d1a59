package org.kinspect.shape;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kinspect.config.LayerSpec;
import org.kinspect.config.ModelSpec;
import org.kinspect.config.TensorRef;
import org.kinspect.errors.KinspectException;

/**
 * Every layer's output shapes as Keras gives them, worked out from the model's normalised
 * configuration alone (before any DL4J graph exists) by each class's {@link ShapeRules rule}:
 * {@code None} (null) where the model leaves a size open, every output of a layer
 * ({@code LAYER__1}...), later calls of shared layers ({@code LAYER@1}) and the layers of inlined
 * nested models included. It is the one source of the shapes kinspect shows and checks: the
 * summary, the memory plan, and the layout of every activation it hands out.
 *
 * <pre>{@code
 * ShapeModel shapes = ShapeModel.of(spec);
 * shapes.shape("bidirectional");   // Optional[(None, 60, 64)]
 * shapes.shape("lstm__1");         // the LSTM's final h
 * ShapeModel.of(spec, Map.of("image", KerasShape.of(null, 224, 224, 3)));  // open sizes filled in
 * }</pre>
 */
public final class ShapeModel {
    private final Map<String, List<KerasShape>> outputsByLayer;
    private final Map<String, String> unknownByLayer;

    private ShapeModel(Map<String, List<KerasShape>> outputsByLayer, Map<String, String> unknownByLayer) {
        this.outputsByLayer = outputsByLayer;
        this.unknownByLayer = unknownByLayer;
    }

    /**
     * @param spec a normalised model
     * @return its shapes, open sizes left open
     */
    public static ShapeModel of(ModelSpec spec) {
        return of(spec, Map.of());
    }

    /**
     * @param spec a normalised model
     * @param inputShapes shapes to use for some of its inputs instead of the declared ones, batch
     *     first; each must fit the declared shape (same rank, the same size where one is declared)
     * @return its shapes
     * @throws KinspectException when a given shape names no input or does not fit its input
     */
    public static ShapeModel of(ModelSpec spec, Map<String, KerasShape> inputShapes) {
        for (String name : inputShapes.keySet()) {
            if (!spec.inputNames().contains(name)) {
                throw KinspectException.input("the model has no input named '" + name + "'; its inputs are "
                        + String.join(", ", spec.inputNames()));
            }
        }
        Map<String, List<KerasShape>> outputs = new LinkedHashMap<>();
        Map<String, String> unknown = new LinkedHashMap<>();
        List<LayerSpec> pending = new ArrayList<>(spec.layers());
        // Keras writes layers in an order that runs, but rewritten configurations may append a later
        // call after its readers: work until no layer can be resolved any more.
        boolean progress = true;
        while (!pending.isEmpty() && progress) {
            progress = false;
            for (var iterator = pending.iterator(); iterator.hasNext();) {
                LayerSpec layer = iterator.next();
                List<KerasShape> inputs = new ArrayList<>();
                String missing = null;
                for (TensorRef tensor : layer.inboundTensors()) {
                    if (unknown.containsKey(tensor.layer())) {
                        missing = "it reads '" + tensor.layer() + "', whose shape is not known: "
                                + unknown.get(tensor.layer());
                        break;
                    }
                    List<KerasShape> source = outputs.get(tensor.layer());
                    if (source == null) {
                        missing = "";
                        break;
                    }
                    if (tensor.index() >= source.size()) {
                        missing = "it reads output " + tensor.index() + " of '" + tensor.layer() + "', which has "
                                + source.size();
                        break;
                    }
                    inputs.add(source.get(tensor.index()));
                }
                if ("".equals(missing)) {
                    continue; // its inputs come later in the list
                }
                iterator.remove();
                progress = true;
                if (missing != null) {
                    unknown.put(layer.name(), missing);
                    continue;
                }
                try {
                    List<KerasShape> shapes = apply(layer, inputs);
                    if (layer.isInput() && inputShapes.containsKey(layer.name())) {
                        shapes = List.of(fitted(layer.name(), shapes.get(0), inputShapes.get(layer.name())));
                    }
                    outputs.put(layer.name(), List.copyOf(shapes));
                } catch (KinspectException e) {
                    throw e; // a given input shape that does not fit
                } catch (IllegalArgumentException e) {
                    unknown.put(layer.name(), layer.className() + " " + e.getMessage());
                } catch (RuntimeException e) {
                    // A configuration no rule expects (a field of another type): the shape is not known,
                    // and the layer is shown and checked as DL4J describes it.
                    unknown.put(layer.name(), layer.className() + " with a configuration its shape rule does not read ("
                            + e + ")");
                }
            }
        }
        for (LayerSpec layer : pending) {
            unknown.put(layer.name(), "it reads a layer the model does not have");
        }
        return new ShapeModel(outputs, unknown);
    }

    private static List<KerasShape> apply(LayerSpec layer, List<KerasShape> inputs) {
        ShapeRule rule = ShapeRules.forLayer(layer).orElseThrow(
                () -> new IllegalArgumentException("has no shape rule in kinspect (a custom layer, or a class kinspect does not import)"));
        if (!layer.isInput() && inputs.isEmpty()) throw new IllegalArgumentException("is called on nothing");
        return rule.outputs(layer, inputs);
    }

    private static KerasShape fitted(String input, KerasShape declared, KerasShape given) {
        boolean fits = declared.rank() == given.rank();
        for (int axis = 1; fits && axis < declared.rank(); axis++) {
            fits = declared.size(axis) == null || declared.size(axis).equals(given.size(axis));
        }
        if (!fits) {
            throw KinspectException.input("the shape " + given + " given for input '" + input
                    + "' does not fit the model's " + declared + "; give every size after the batch, the declared"
                    + " ones unchanged");
        }
        return given.with(0, declared.size(0));
    }

    /**
     * @param outputName a layer name, or {@code LAYER__k} for its output k
     * @return Keras's shape of that output, empty when the model has no such output or its shape is
     *     not known (a custom layer, or a layer after one)
     */
    public Optional<KerasShape> shape(String outputName) {
        List<KerasShape> outputs = outputsByLayer.get(outputName);
        if (outputs != null) {
            return Optional.of(outputs.get(0));
        }
        int separator = outputName.lastIndexOf("__");
        if (separator > 0) {
            outputs = outputsByLayer.get(outputName.substring(0, separator));
            try {
                int index = Integer.parseInt(outputName.substring(separator + 2));
                if (outputs != null && index > 0 && index < outputs.size()) {
                    return Optional.of(outputs.get(index));
                }
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /**
     * @param layer a layer name
     * @return the shapes of all its outputs, in order; empty when not known
     */
    public List<KerasShape> outputs(String layer) {
        return outputsByLayer.getOrDefault(layer, List.of());
    }

    /** @return every output by its name ({@code LAYER}, {@code LAYER__1}...), in the model's order */
    public Map<String, KerasShape> byOutputName() {
        Map<String, KerasShape> byName = new LinkedHashMap<>();
        outputsByLayer.forEach((layer, shapes) -> {
            for (int index = 0; index < shapes.size(); index++) {
                byName.put(TensorRef.outputName(layer, index), shapes.get(index));
            }
        });
        return byName;
    }

    /** @return the layers whose shapes are not known, each with the reason */
    public Map<String, String> unknownLayers() {
        return Collections.unmodifiableMap(unknownByLayer);
    }
}
