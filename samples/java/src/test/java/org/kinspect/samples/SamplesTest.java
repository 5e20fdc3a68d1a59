package org.kinspect.samples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Each sample runs on the sample models and prints what its Javadoc promises. */
class SamplesTest {
    static final Path MODELS = Path.of(System.getProperty("kinspect.samples", "../models"));

    @Test
    void recurrentSampleShowsEveryLstmUnitOverTime() {
        String printed = run(() -> RecurrentLayerOutputs.main(new String[] {MODELS.toString()}));
        assertTrue(printed.contains("lstm_1 output shape [4, 20, 8]"), printed);
        for (int unit = 0; unit < 8; unit++) {
            assertTrue(printed.contains("unit " + unit + ":"), printed);
        }
        assertTrue(printed.contains("class probabilities"), printed);
    }

    @Test
    void multiInputSampleReadsLayersByKerasName() {
        String printed = run(() -> MultiInputLayerOutputs.main(new String[] {MODELS.toString()}));
        assertTrue(printed.contains("conv feature maps [2, 6, 6, 4]"), printed);
        assertTrue(printed.contains("conv kernel [3, 3, 1, 4]"), printed);
        assertTrue(printed.lines().anyMatch(line -> line.startsWith("out ")), printed);
    }

    static String run(Runnable sample) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            sample.run();
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
