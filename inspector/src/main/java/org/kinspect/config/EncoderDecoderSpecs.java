package org.kinspect.config;

import java.util.List;
import java.util.Optional;

/**
 * A seq2seq model cut into its inference parts, as Keras users cut it by hand: the encoder (the
 * layers that compute the decoder's initial states) and the decoder step (the rest, with every
 * recurrent layer's initial states made model inputs and its final states model outputs), so that
 * the decoder can be run one step at a time, its states carried from each step to the next.
 *
 * <pre>{@code
 * EncoderDecoderSpecs parts = EncoderDecoderSplit.split(spec);
 * parts.decoderStep().inputNames(); // [decoder_in, decoder/initial_h, decoder/initial_c]
 * }</pre>
 *
 * @param encoder the encoder: from the inputs it reads to the tensors that start the decoder;
 *     null when the decoder's states come straight from model inputs (the model is a decoder step
 *     already)
 * @param decoderStep the decoder step: from the decoder's own inputs and one input per state of
 *     each of its recurrent layers, to the model's outputs and those layers' final states
 * @param states the states the decoder step carries, in the order of its state inputs
 */
public record EncoderDecoderSpecs(ModelSpec encoder, ModelSpec decoderStep, List<CarriedState> states) {

    public EncoderDecoderSpecs {
        states = List.copyOf(states);
    }

    /** @return the encoder, unless the model's decoder states come straight from model inputs */
    public Optional<ModelSpec> encoderSpec() {
        return Optional.ofNullable(encoder);
    }
}
