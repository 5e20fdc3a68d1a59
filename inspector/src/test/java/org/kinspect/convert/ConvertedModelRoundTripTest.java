package org.kinspect.convert;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kinspect.Corpus;

/**
 * Every fixture model (and the corpus's) converted, read back and compared with its fresh import
 * bit for bit ({@link RoundTrip}): on Keras's reference inputs where the model has a reference
 * beside it, else on seeded random inputs of its declared shapes. CI takes every {@value #CI_STRIDE}th model of the sorted list;
 * {@code -Dkinspect.roundtrip.all=true} (what {@code scripts/convert-roundtrip.sh} passes) takes all.
 */
class ConvertedModelRoundTripTest {
    static final int CI_STRIDE = 24;

    @TempDir Path folder;

    @Test
    void everySampledModelReadsBackTheSame() {
        List<Path> models = new ArrayList<>(RoundTrip.models(Path.of("src/test/resources")));
        Corpus.rootIfPresent().ifPresent(corpus -> models.addAll(RoundTrip.models(corpus)));
        String only = System.getProperty("kinspect.roundtrip.only");
        boolean all = Boolean.getBoolean("kinspect.roundtrip.all") || only != null;
        Map<RoundTrip.Outcome, Integer> outcomes = new EnumMap<>(RoundTrip.Outcome.class);
        List<String> failures = new ArrayList<>();
        int index = 0;
        for (Path model : models) {
            boolean chosen = only != null ? model.toString().contains(only) : all || index % CI_STRIDE == 0;
            index++;
            if (!chosen) {
                continue;
            }
            try {
                outcomes.merge(RoundTrip.check(model, folder), 1, Integer::sum);
            } catch (AssertionError | RuntimeException e) {
                failures.add(model + ": " + e.getMessage());
                if (e.getCause() != null) {
                    e.getCause().printStackTrace(System.out); // where a model that does not read back failed
                }
            }
        }
        System.out.println("converted and read back: " + outcomes + ", failed: " + failures.size());
        failures.forEach(System.out::println);
        assertTrue(outcomes.getOrDefault(RoundTrip.Outcome.SAME, 0) + outcomes.getOrDefault(
                RoundTrip.Outcome.SAME_ON_RANDOM_INPUTS, 0) > 0, "no model compared");
        assertTrue(failures.isEmpty(), failures.size() + " models differ after conversion:\n" + String.join("\n", failures));
    }
}
