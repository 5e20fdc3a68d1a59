package org.kinspect.config;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kinspect.errors.KinspectException;

/**
 * Cuts a seq2seq model into an encoder and a decoder step ({@link EncoderDecoderSpecs}).
 *
 * <p>The decoder's recurrent layers are found by their initial states: every recurrent layer
 * called with {@code initial_state=} starts a decoder, and the encoder is everything those states
 * are computed from. The rest is the decoder; each of its recurrent layers (also those that start
 * from zeros, which must carry their state too) gets one model input per state and returns its
 * states. A decoder layer that reads the encoder otherwise than through initial states (attention
 * over the encoder's outputs) is refused.
 *
 * <pre>{@code
 * EncoderDecoderSpecs parts = EncoderDecoderSplit.split(ModelInternals.spec(model));
 * }</pre>
 */
public final class EncoderDecoderSplit {
    private EncoderDecoderSplit() {}

    /**
     * @param spec a model whose recurrent layers pass states
     * @return its encoder and decoder step
     * @throws KinspectException when no recurrent layer starts from given states, or the decoder
     *     reads the encoder otherwise than through initial states
     */
    public static EncoderDecoderSpecs split(ModelSpec spec) {
        List<RecurrentLayer> recurrent = RecurrentLayer.in(spec);
        Set<String> encoder = ancestorsOfInitialStates(spec, recurrent);
        List<LayerSpec> decoder = spec.layers().stream().filter(layer -> !encoder.contains(layer.name())).toList();
        Set<String> sharedInputs = inputsTheDecoderShares(spec, encoder, decoder);
        List<CarriedState> states = new ArrayList<>();
        recurrent.stream().filter(layer -> !encoder.contains(layer.name()))
                .forEach(layer -> states.addAll(CarriedState.of(layer)));
        ModelSpec encoderSpec = encoderSpec(spec, encoder, states);
        ModelSpec decoderSpec = decoderStepSpec(spec, encoder, sharedInputs, states);
        return new EncoderDecoderSpecs(encoderSpec, decoderSpec, states);
    }

    /** The layers the initial states of recurrent layers are computed from, inputs included. */
    private static Set<String> ancestorsOfInitialStates(ModelSpec spec, List<RecurrentLayer> recurrent) {
        Deque<String> pending = new ArrayDeque<>();
        recurrent.forEach(layer -> layer.initialStates().forEach(state -> pending.add(state.layer())));
        if (pending.isEmpty()) {
            throw KinspectException.input(spec.modelName() + ": no recurrent layer starts from states given by another"
                    + " layer or an input (initial_state=), so there is no decoder to run step by step");
        }
        Set<String> ancestors = new LinkedHashSet<>();
        while (!pending.isEmpty()) {
            String name = pending.pop();
            if (ancestors.add(name)) {
                spec.layer(name).ifPresent(layer -> pending.addAll(layer.inboundLayers()));
            }
        }
        return ancestors;
    }

    /** Model inputs that both parts read; any other tensor the decoder reads from the encoder is refused. */
    private static Set<String> inputsTheDecoderShares(ModelSpec spec, Set<String> encoder, List<LayerSpec> decoder) {
        Set<String> shared = new LinkedHashSet<>();
        for (LayerSpec layer : decoder) {
            boolean recurrent = RecurrentLayer.of(layer).isPresent();
            List<TensorRef> inbound = layer.inboundTensors();
            for (int i = 0; i < inbound.size(); i++) {
                TensorRef tensor = inbound.get(i);
                if (!encoder.contains(tensor.layer()) || recurrent && i > 0) {
                    continue;
                }
                if (spec.layer(tensor.layer()).map(LayerSpec::isInput).orElse(false)) {
                    shared.add(tensor.layer());
                } else {
                    throw KinspectException.unsupported(spec.modelName() + ": decoder layer '" + layer.name()
                            + "' reads encoder layer '" + tensor.layer() + "' otherwise than as initial states;"
                            + " kinspect splits only decoders that take states from the encoder");
                }
            }
        }
        return shared;
    }

    private static ModelSpec encoderSpec(ModelSpec spec, Set<String> encoder,
            List<CarriedState> states) {
        List<TensorRef> outputs = new ArrayList<>();
        for (CarriedState state : states) {
            TensorRef start = state.start();
            if (start != null && !isInput(spec, start.layer()) && !outputs.contains(start)) {
                outputs.add(start);
            }
        }
        if (outputs.isEmpty()) {
            return null;
        }
        List<Object> layers = new ArrayList<>();
        for (Map<String, Object> entry : DerivedModels.layerEntries(spec)) {
            if (encoder.contains(DerivedModels.layerName(entry))) {
                layers.add(entry);
            }
        }
        List<String> inputs = spec.inputNames().stream().filter(encoder::contains).toList();
        return DerivedModels.describe(spec, spec.modelName() + "_encoder", layers, inputs, outputs);
    }

    private static ModelSpec decoderStepSpec(ModelSpec spec, Set<String> encoder, Set<String> sharedInputs,
            List<CarriedState> states) {
        return StateInputs.carrying(spec, spec.modelName() + "_decoder_step",
                layer -> !encoder.contains(layer) || sharedInputs.contains(layer), states, true);
    }

    private static boolean isInput(ModelSpec spec, String layer) {
        return spec.layer(layer).map(LayerSpec::isInput).orElse(false);
    }
}
