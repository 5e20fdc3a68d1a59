package org.kinspect.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.kinspect.InspectedModel;
import org.kinspect.ModelLayer;

/**
 * {@code kinspect MODEL --layer L} on a recurrent layer also shows the layer's final states, as
 * rows {@code L__1} (h), {@code L__2} (c, for an LSTM)..., named as Keras names a layer's extra
 * outputs. A layer built without {@code return_state} is imported again returning them; nothing
 * else about the model changes.
 *
 * <pre>{@code
 * InspectedModel model = FinalStates.returnedBy(opened, List.of("lstm_1"), progress);
 * List<String> rows = FinalStates.withStates(model, List.of("lstm_1")); // [lstm_1, lstm_1__1, lstm_1__2]
 * }</pre>
 */
final class FinalStates {

    private FinalStates() {}

    /**
     * @param model the model as opened
     * @param layers the layers asked for by name
     * @param progress where the extra import is reported
     * @return the model with those recurrent layers returning their states (the model itself when
     *     none of them needs to)
     */
    static InspectedModel returnedBy(InspectedModel model, List<String> layers, Progress progress) {
        List<String> withoutStates = layers.stream().filter(layer -> recurrent(model, layer)
                .filter(found -> !found.returnsStates()).isPresent()).toList();
        if (withoutStates.isEmpty()) {
            return model;
        }
        return progress.step("importing again with the final states of " + String.join(", ", withoutStates),
                () -> model.withReturnedStates(withoutStates));
    }

    /**
     * @param model the model that was run
     * @param layers the layers to show
     * @return the same layers, each recurrent one followed by its final states
     */
    static List<String> withStates(InspectedModel model, List<String> layers) {
        List<String> rows = new ArrayList<>();
        for (String layer : layers) {
            rows.add(layer);
            recurrent(model, layer).ifPresent(found -> rows.addAll(found.stateOutputNames()));
        }
        return rows;
    }

    /**
     * @param model the model
     * @param row a row of the report
     * @return what a final-state row holds, e.g. {@code LSTM state c}; empty for other rows
     */
    static Optional<String> describe(InspectedModel model, String row) {
        int separator = row.lastIndexOf("__");
        if (separator < 0 || model.layer(row).isPresent()) {
            return Optional.empty();
        }
        String layer = row.substring(0, separator);
        return recurrent(model, layer).flatMap(found -> {
            int index = found.stateOutputNames().indexOf(row);
            return index < 0 ? Optional.empty()
                    : Optional.of(found.recurrentCell() + " state " + found.stateNames().get(index));
        });
    }

    private static Optional<ModelLayer> recurrent(InspectedModel model, String layer) {
        return model.layer(layer).filter(ModelLayer::isRecurrent);
    }
}
