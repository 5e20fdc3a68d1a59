package org.kinspect.samples;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.kinspect.EncoderDecoder;
import org.kinspect.InspectedModel;
import org.kinspect.array.NpyFile;
import org.kinspect.config.InitialStateSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Seq2seq model: decode step by step, as Keras users do by hand for inference.
 *
 * <p>Opens an LSTM encoder-decoder trained to reverse six digits, splits it into its encoder and
 * its decoder step, encodes four digit sequences, then decodes greedily: each step the decoder
 * reads the digit it chose last (a start symbol first), starting from the h and c the previous
 * step left, and picks the most likely next digit.
 *
 * <pre>
 * java -cp cli/target/kinspect.jar:target/samples org.kinspect.samples.Seq2SeqDecode samples/models
 * </pre>
 */
public final class Seq2SeqDecode {
    private static final int DIGITS = 10;
    private static final int START = 10; // the decoder's extra input class

    private Seq2SeqDecode() {}

    /** @param args the folder holding reverse_digits.keras and reverse_digits_input.npy */
    public static void main(String[] args) {
        Path models = Path.of(args.length > 0 ? args[0] : "samples/models");
        InspectedModel model = InspectedModel.open(models.resolve("reverse_digits.keras"));
        for (InitialStateSource source : model.initialStateSources()) {
            System.out.println(source.describe()); // encoder: zeros; decoder: h and c from the encoder
        }
        INDArray digits = NpyFile.read(models.resolve("reverse_digits_input.npy")); // (4, 6 steps, 10) one-hot

        EncoderDecoder seq2seq = EncoderDecoder.of(model);
        Map<String, INDArray> states = seq2seq.encode(Map.of("digits", digits)); // decoder/initial_h, decoder/initial_c
        long batch = digits.size(0);
        INDArray previous = oneHot(Nd4j.valueArrayOf(new long[] {batch}, START), DIGITS + 1);
        List<INDArray> decoded = new ArrayList<>();
        for (int step = 0; step < digits.size(1); step++) {
            EncoderDecoder.Step next = seq2seq.step(Map.of("answer_so_far", previous), states);
            INDArray probabilities = next.outputs().get("next_digit"); // (batch, 1 step, 10)
            INDArray chosen = probabilities.get(NDArrayIndex.all(), NDArrayIndex.point(0), NDArrayIndex.all()).argMax(1);
            decoded.add(chosen);
            previous = oneHot(chosen, DIGITS + 1);
            states = next.states(); // the h and c this step ended with
        }
        INDArray given = digits.argMax(2);
        for (int example = 0; example < batch; example++) {
            StringBuilder answer = new StringBuilder();
            for (INDArray step : decoded) {
                answer.append(step.getInt(example));
            }
            StringBuilder question = new StringBuilder();
            for (int step = 0; step < given.size(1); step++) {
                question.append(given.getInt(example, step));
            }
            System.out.println(question + " -> " + answer);
        }
    }

    /** @return (batch, 1 step, classes): each example's class as a one-hot step */
    private static INDArray oneHot(INDArray classes, int count) {
        INDArray steps = Nd4j.zeros(DataType.FLOAT, classes.length(), 1, count);
        for (int example = 0; example < classes.length(); example++) {
            steps.putScalar(new int[] {example, 0, classes.getInt(example)}, 1f);
        }
        return steps;
    }
}
