package org.kinspect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Real Keras 2.2 files of the corpus (Masking with mask_value 0 and 2 -> LSTM without
 * return_sequences, hard_sigmoid gates): the LSTM's output matches Keras 2's masked recurrence,
 * computed here from the file's own weights (the states are kept at masked steps, so the output is
 * the state after the last kept step). DL4J's MaskZeroLayer around the LastTimeStep built the mask
 * over the feature axis instead.
 */
class Keras2MaskingCorpusTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({"masking_zero_lstm.h5, masking_1, lstm_1, 0.0", "masking_two_lstm.h5, masking_2, lstm_2, 2.0"})
    void theLstmMatchesKeras2sMaskedRecurrence(String file, String masking, String lstm, double maskValue) {
        InspectedModel model = InspectedModel.open(InspectedModelTest.example("masking/" + file));
        Nd4j.getRandom().setSeed(16);
        INDArray input = Nd4j.rand(DataType.FLOAT, 3, 10, 42).subi(0.5).muli(2);
        boolean[][] padded = new boolean[3][10];
        for (int step : new int[] {7, 8, 9}) {
            padded[0][step] = true; // padding at the end
        }
        for (int step : new int[] {0, 1, 2}) {
            padded[1][step] = true; // at the start
        }
        padded[2][4] = true; // and inside
        padded[2][8] = true;
        for (int example = 0; example < 3; example++) {
            for (int step = 0; step < 10; step++) {
                if (padded[example][step]) {
                    input.get(org.nd4j.linalg.indexing.NDArrayIndex.point(example),
                            org.nd4j.linalg.indexing.NDArrayIndex.point(step)).assign(maskValue);
                }
            }
        }
        input.putScalar(2, 6, 0, maskValue); // one feature at the mask value: the step is kept

        Map<String, INDArray> outputs = model.activations(input);
        double[][] expected = keras2Lstm(model.weights(lstm), input, padded);
        INDArray ours = outputs.get(lstm);
        assertArrayEquals(new long[] {3, 32}, ours.shape());
        double worst = 0;
        for (int example = 0; example < 3; example++) {
            for (int unit = 0; unit < 32; unit++) {
                worst = Math.max(worst, Math.abs(ours.getDouble(example, unit) - expected[example][unit]));
            }
        }
        assertTrue(worst < 1e-5, file + ": max abs error " + worst);
        // Keras's Masking outputs zeros at the masked steps.
        INDArray maskingOutput = outputs.get(masking);
        assertTrue(maskingOutput.get(org.nd4j.linalg.indexing.NDArrayIndex.point(1),
                org.nd4j.linalg.indexing.NDArrayIndex.point(0)).amaxNumber().doubleValue() == 0, file);
    }

    /** Keras 2's LSTM (gates i, f, c, o; hard_sigmoid = clip(0.2 x + 0.5, 0, 1)) over the kept steps. */
    private static double[][] keras2Lstm(Map<String, INDArray> weights, INDArray input, boolean[][] padded) {
        INDArray kernel = weights.get("kernel");
        INDArray recurrent = weights.get("recurrent_kernel");
        INDArray bias = weights.get("bias");
        int units = (int) recurrent.size(0);
        int features = (int) kernel.size(0);
        double[][] outputs = new double[(int) input.size(0)][];
        for (int example = 0; example < input.size(0); example++) {
            double[] h = new double[units];
            double[] c = new double[units];
            for (int step = 0; step < input.size(1); step++) {
                if (padded[example][step]) {
                    continue; // the states are kept
                }
                double[] z = new double[4 * units];
                for (int j = 0; j < 4 * units; j++) {
                    double sum = bias.getDouble(j);
                    for (int f = 0; f < features; f++) {
                        sum += input.getDouble(example, step, f) * kernel.getDouble(f, j);
                    }
                    for (int u = 0; u < units; u++) {
                        sum += h[u] * recurrent.getDouble(u, j);
                    }
                    z[j] = sum;
                }
                double[] nextH = new double[units];
                for (int u = 0; u < units; u++) {
                    double inputGate = hardSigmoid(z[u]);
                    double forgetGate = hardSigmoid(z[units + u]);
                    double candidate = Math.tanh(z[2 * units + u]);
                    double outputGate = hardSigmoid(z[3 * units + u]);
                    c[u] = forgetGate * c[u] + inputGate * candidate;
                    nextH[u] = outputGate * Math.tanh(c[u]);
                }
                h = nextH;
            }
            outputs[example] = h;
        }
        return outputs;
    }

    private static double hardSigmoid(double x) {
        return Math.max(0, Math.min(1, 0.2 * x + 0.5));
    }
}
