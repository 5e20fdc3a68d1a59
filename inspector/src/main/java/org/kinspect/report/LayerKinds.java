package org.kinspect.report;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.kinspect.catalog.KerasClasses;
import org.kinspect.catalog.Recurrence;
import org.kinspect.config.LayerSpec;
import org.kinspect.config.ModelSpec;

/**
 * What kind of thing each layer's output is, as far as drawing it goes: units of a recurrent layer
 * over time, channels of a convolution over steps, features of a model input. A layer that only
 * passes its input on (Activation, Dropout, BatchNormalization) is the kind of the layer it reads.
 *
 * <pre>{@code
 * LayerKinds kinds = LayerKinds.of(ModelInternals.spec(model));
 * SequenceAxes axes = kinds.sequenceAxes("activation_1"); // "unit" x "time step" after an LSTM
 * }</pre>
 */
final class LayerKinds {
    private final Map<String, SequenceAxes> axes;

    private LayerKinds(Map<String, SequenceAxes> axes) {
        this.axes = axes;
    }

    /**
     * @param spec the model
     * @return the kind of every layer
     */
    static LayerKinds of(ModelSpec spec) {
        Map<String, SequenceAxes> axes = new HashMap<>();
        for (LayerSpec layer : spec.layers()) {
            SequenceAxes own = ownAxes(layer);
            if (own == null && !layer.inboundLayers().isEmpty()) {
                own = axes.get(layer.inboundLayers().get(0));
            }
            axes.put(layer.name(), own == null ? SequenceAxes.RECURRENT : own);
        }
        return new LayerKinds(axes);
    }

    /**
     * @param layer a layer name
     * @return what the rows and columns of its output are, when it is a sequence
     */
    SequenceAxes sequenceAxes(String layer) {
        return axes.getOrDefault(layer, SequenceAxes.RECURRENT);
    }

    /**
     * @param layer a layer
     * @return true for a recurrent layer, which has final states
     */
    static boolean recurrent(LayerSpec layer) {
        return KerasClasses.is(layer.className(), Recurrence::hasVectorStates);
    }

    /**
     * @param layer a recurrent layer
     * @return the names of its state outputs in Keras's order ({@code h, c} for an LSTM, with
     *     {@code forward}/{@code backward} for a Bidirectional wrapper)
     */
    static List<String> stateNames(LayerSpec layer) {
        if (!layer.className().equals("Bidirectional")) {
            return lstm(layer.className()) ? List.of("h", "c") : List.of("h");
        }
        boolean lstm = lstm(wrappedClass(layer));
        return lstm ? List.of("forward h", "forward c", "backward h", "backward c") : List.of("forward h", "backward h");
    }

    /**
     * @param layer a layer
     * @return the names of the gates its kernels hold side by side, in Keras's order; empty when it has none
     */
    static List<String> gateNames(LayerSpec layer) {
        String className = layer.className().equals("Bidirectional") ? wrappedClass(layer) : layer.className();
        if (lstm(className)) return List.of("i: input gate", "f: forget gate", "c: cell", "o: output gate");
        if (KerasClasses.is(className, kind -> kind == Recurrence.GRU)) return List.of("z: update gate", "r: reset gate", "h: candidate");
        return List.of();
    }

    private static boolean lstm(String className) {
        return KerasClasses.is(className, kind -> kind == Recurrence.LSTM);
    }

    private static String wrappedClass(LayerSpec layer) {
        return layer.config().get("layer") instanceof Map<?, ?> wrapped && wrapped.get("class_name") != null
                ? wrapped.get("class_name").toString() : "";
    }

    private static SequenceAxes ownAxes(LayerSpec layer) {
        if (layer.isInput()) return SequenceAxes.INPUT;
        if (recurrent(layer)) return SequenceAxes.RECURRENT;
        String className = layer.className();
        if (className.contains("Conv") || className.contains("Pool")) return SequenceAxes.CONVOLUTION;
        return null;
    }
}
