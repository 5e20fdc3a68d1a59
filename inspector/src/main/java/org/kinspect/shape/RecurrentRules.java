package org.kinspect.shape;

import java.util.ArrayList;
import java.util.List;
import org.kinspect.config.LayerSpec;

/**
 * Recurrent layers: {@code SimpleRNN}, {@code LSTM}, {@code GRU} (and the RNN cells and CuDNN
 * layers imported as them), {@code ConvLSTM2D}, and {@code Bidirectional} around any of them; with
 * {@code return_sequences} the steps are kept, with {@code return_state} the final states follow
 * as {@code LAYER__1}... (h, then c for an LSTM; a Bidirectional's forward states, then its
 * backward ones).
 *
 * <pre>{@code
 * RecurrentRules.recurrent(2).outputs(lstm, List.of(KerasShape.of(null, 60, 23)));
 * // return_sequences and return_state: [(None, 60, 32), (None, 32), (None, 32)]
 * }</pre>
 */
final class RecurrentRules {

    private RecurrentRules() {}

    /** An RNN over a sequence of vectors, whose cell keeps {@code states} state tensors. */
    static ShapeRule recurrent(int states) {
        return (layer, inputs) -> {
            KerasShape input = inputs.get(0);
            ConvolutionRules.requireRank(input, 3);
            LayerConfig config = new LayerConfig(layer);
            long units = config.integer("units", "output_dim");
            KerasShape state = KerasShape.of(input.size(0), units);
            List<KerasShape> outputs = new ArrayList<>();
            outputs.add(layer.returnsSequences() ? KerasShape.of(input.size(0), input.size(1), units) : state);
            if (config.flag("return_state")) {
                for (int i = 0; i < states; i++) outputs.add(state);
            }
            return outputs;
        };
    }

    /** {@code ConvLSTM2D}: a sequence of images in, images (or a sequence of them) out, h and c as states. */
    static List<KerasShape> convolutionalLstm(LayerSpec layer, List<KerasShape> inputs) {
        KerasShape input = inputs.get(0);
        ConvolutionRules.requireRank(input, 5);
        // One step is a Conv2D's input: drop the time axis, convolve, put it back.
        List<Long> step = new ArrayList<>(input.sizes());
        step.remove(1);
        KerasShape image = ConvolutionRules.convolution(2).outputs(layer, List.of(new KerasShape(step))).get(0);
        List<KerasShape> outputs = new ArrayList<>();
        if (layer.returnsSequences()) {
            List<Long> sizes = new ArrayList<>(image.sizes());
            sizes.add(1, input.size(1));
            outputs.add(new KerasShape(sizes));
        } else {
            outputs.add(image);
        }
        if (new LayerConfig(layer).flag("return_state")) {
            outputs.add(image);
            outputs.add(image);
        }
        return outputs;
    }

    /** {@code Bidirectional}: the wrapped layer's outputs, merged as {@code merge_mode} says. */
    static List<KerasShape> bidirectional(LayerSpec layer, List<KerasShape> inputs) {
        LayerConfig config = new LayerConfig(layer);
        LayerSpec wrapped = config.wrapped();
        ShapeRule rule = ShapeRules.forClass(wrapped.className())
                .orElseThrow(() -> new IllegalArgumentException("around a " + wrapped.className()));
        List<KerasShape> forward = rule.outputs(wrapped, inputs.subList(0, 1));
        KerasShape output = forward.get(0);
        List<KerasShape> outputs = new ArrayList<>();
        String mergeMode = config.text("concat", "merge_mode");
        if (mergeMode.equals("concat")) {
            Long size = output.last() == null ? null : output.last() * 2;
            outputs.add(output.with(-1, size));
        } else if (mergeMode.equals("None") || mergeMode.equals("null")) {
            outputs.add(output);
            outputs.add(output);
        } else {
            outputs.add(output);
        }
        // Keras lists the forward layer's states, then the backward layer's.
        for (int copy = 0; copy < 2; copy++) {
            outputs.addAll(forward.subList(1, forward.size()));
        }
        return outputs;
    }
}
