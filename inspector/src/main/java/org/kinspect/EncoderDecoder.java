package org.kinspect;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kinspect.config.CarriedState;
import org.kinspect.config.EncoderDecoderSpecs;
import org.kinspect.config.EncoderDecoderSplit;
import org.kinspect.config.TensorRef;
import org.kinspect.errors.KinspectException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A seq2seq model split into its inference parts, the way Keras users build them by hand: an
 * encoder model (encoder inputs to the decoder's initial states) and a decoder step model (decoder
 * inputs plus states to outputs plus new states). The states are keyed by the decoder step's
 * state inputs, {@code LAYER/initial_STATE} ({@code decoder/initial_h}, {@code decoder/initial_c});
 * every recurrent layer of the decoder has them, also one that starts from zeros.
 *
 * <pre>{@code
 * EncoderDecoder seq2seq = EncoderDecoder.of(InspectedModel.open(Path.of("s2s.h5")));
 * Map<String, INDArray> states = seq2seq.encode(Map.of("encoder_in", source)); // (batch, steps, features)
 * INDArray token = startToken;                                                  // (batch, 1, features)
 * for (int step = 0; step < maxSteps; step++) {
 *     EncoderDecoder.Step next = seq2seq.step(Map.of("decoder_in", token), states);
 *     INDArray probabilities = next.outputs().get("next_token");                // (batch, 1, classes)
 *     token = oneHotOfArgmax(probabilities);
 *     states = next.states();
 * }
 * }</pre>
 */
public final class EncoderDecoder {
    private final InspectedModel encoder;
    private final InspectedModel decoderStep;
    private final EncoderDecoderSpecs specs;

    private EncoderDecoder(InspectedModel encoder, InspectedModel decoderStep, EncoderDecoderSpecs specs) {
        this.encoder = encoder;
        this.decoderStep = decoderStep;
        this.specs = specs;
    }

    /**
     * @param model a model whose decoder's recurrent layers start from states ({@code initial_state=})
     * @return its encoder and decoder step, with the model's weights
     * @throws KinspectException when no recurrent layer starts from given states, or the decoder reads
     *     the encoder otherwise than through its initial states
     */
    public static EncoderDecoder of(InspectedModel model) {
        EncoderDecoderSpecs specs = EncoderDecoderSplit.split(model.spec());
        InspectedModel encoder = specs.encoderSpec()
                .map(spec -> new InspectedModel(ModelImport.described(model.archive(), spec, model.options()), model.options()))
                .orElse(null);
        InspectedModel decoder = new InspectedModel(ModelImport.described(model.archive(), specs.decoderStep(), model.options()),
                model.options());
        return new EncoderDecoder(encoder, decoder, specs);
    }

    /** @return the encoder model, unless the decoder's states come straight from model inputs */
    public Optional<InspectedModel> encoder() {
        return Optional.ofNullable(encoder);
    }

    /** @return the decoder step model: decoder inputs and state inputs to outputs and new states */
    public InspectedModel decoderStep() {
        return decoderStep;
    }

    /** @return the states the decoder carries from step to step, in the order of its state inputs */
    public List<CarriedState> states() {
        return specs.states();
    }

    /** @return the decoder step's inputs that are not states: what the caller feeds each step */
    public List<String> decoderInputs() {
        List<String> stateInputs = states().stream().map(CarriedState::input).toList();
        return decoderStep.inputNames().stream().filter(input -> !stateInputs.contains(input)).toList();
    }

    /**
     * Runs the encoder.
     *
     * @param inputs the original model's inputs the encoder reads (others, such as the decoder's, are
     *     ignored), in Keras's layout
     * @return the decoder's states before its first step, keyed by state input: the encoder's
     *     results, model inputs passed through, or zeros for layers that start from zeros
     * @throws KinspectException when an input the encoder needs is missing
     */
    public Map<String, INDArray> encode(Map<String, INDArray> inputs) {
        Map<String, INDArray> encoded = Map.of();
        if (encoder != null) {
            Map<String, INDArray> encoderInputs = new LinkedHashMap<>();
            for (String name : encoder.inputNames()) {
                INDArray given = inputs.get(name);
                if (given == null) {
                    throw KinspectException.input("no input given for encoder input '" + name + "'; the encoder reads "
                            + String.join(", ", encoder.inputNames()));
                }
                encoderInputs.put(name, given);
            }
            encoded = encoder.activations(encoderInputs);
        }
        long batch = inputs.values().stream().findFirst().map(input -> input.size(0)).orElse(1L);
        Map<String, INDArray> states = new LinkedHashMap<>();
        for (CarriedState state : states()) {
            TensorRef start = state.start();
            INDArray value;
            if (start == null) {
                value = Nd4j.zeros(DataType.FLOAT, batch, state.units());
            } else if (inputs.containsKey(start.layer()) && start.index() == 0) {
                value = inputs.get(start.layer()); // a state the original model took as an input
            } else {
                value = encoded.get(start.outputName());
            }
            if (value == null) {
                throw KinspectException.input("no input given for '" + start.layer() + "', the initial "
                        + state.state() + " of decoder layer '" + state.layer() + "'");
            }
            states.put(state.input(), value);
        }
        return states;
    }

    /**
     * Runs the decoder one step (or several steps, if the inputs hold several).
     *
     * @param decoderInputs the decoder's own inputs ({@link #decoderInputs()}), in Keras's layout
     * @param states the states before the step, keyed by state input ({@link #encode} or the
     *     previous step's {@link Step#states()})
     * @return the model's outputs and the states after the step
     * @throws KinspectException when an input or a state is missing or of the wrong shape
     */
    public Step step(Map<String, INDArray> decoderInputs, Map<String, INDArray> states) {
        Map<String, INDArray> inputs = new LinkedHashMap<>(decoderInputs);
        inputs.putAll(states);
        Map<String, INDArray> activations = decoderStep.activations(inputs);
        List<TensorRef> nextStates = states().stream().map(CarriedState::next).toList();
        Map<String, INDArray> outputs = new LinkedHashMap<>();
        for (TensorRef output : decoderStep.spec().outputTensors()) {
            if (!nextStates.contains(output)) {
                outputs.put(output.outputName(), activations.get(output.outputName()));
            }
        }
        Map<String, INDArray> next = new LinkedHashMap<>();
        for (CarriedState state : states()) {
            next.put(state.input(), activations.get(state.next().outputName()));
        }
        return new Step(outputs, next, activations);
    }

    /**
     * What one decoder step gives.
     *
     * @param outputs the original model's outputs (those of the decoder), keyed as Keras names them
     * @param states the states after the step, keyed by state input: feed them to the next step
     * @param activations every layer's output in the decoder step, for inspection
     */
    public record Step(Map<String, INDArray> outputs, Map<String, INDArray> states, Map<String, INDArray> activations) {}
}
