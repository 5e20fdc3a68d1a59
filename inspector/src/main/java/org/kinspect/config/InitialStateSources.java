package org.kinspect.config;

import java.util.ArrayList;
import java.util.List;
import org.kinspect.config.InitialStateSource.Kind;
import org.kinspect.config.InitialStateSource.Origin;

/**
 * Where each recurrent layer of a model's description takes its initial states from: the
 * library's side of {@link InitialStateSource}, which users read through
 * {@code InspectedModel.initialStateSources()}.
 *
 * <pre>{@code
 * List<InitialStateSource> sources = InitialStateSources.of(spec); // lstm_2: h from layer lstm_1 ...
 * }</pre>
 */
public final class InitialStateSources {

    private InitialStateSources() {}

    /**
     * @param spec a model
     * @return for every recurrent layer, in Keras's order, where its initial states come from
     */
    public static List<InitialStateSource> of(ModelSpec spec) {
        List<InitialStateSource> sources = new ArrayList<>();
        for (RecurrentLayer layer : RecurrentLayer.in(spec)) {
            List<Origin> origins = new ArrayList<>();
            List<String> names = layer.stateNames();
            for (int i = 0; i < names.size(); i++) {
                if (i >= layer.initialStates().size()) {
                    origins.add(new Origin(names.get(i), Kind.ZEROS, null));
                } else {
                    TensorRef tensor = layer.initialStates().get(i);
                    boolean input = spec.layer(tensor.layer()).map(LayerSpec::isInput).orElse(false);
                    origins.add(new Origin(names.get(i), input ? Kind.MODEL_INPUT : Kind.LAYER, tensor));
                }
            }
            sources.add(new InitialStateSource(layer.name(), layer.stateful(), origins));
        }
        return sources;
    }
}
