package org.kinspect.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.kinspect.Corpus;
import org.kinspect.errors.KinspectException;
import org.kinspect.file.KerasFile;
import org.kinspect.file.StoredModel;

/**
 * A normalised description holds in each layer's configuration what Keras wrote (in Keras 2 form)
 * and nothing of kinspect's: what the normalising passes note of a layer is in its
 * {@link LayerNotes}. Checked on every fixture, sample and corpus model (normalising alone, no
 * graph, so all of them fit in CI).
 */
class OnlyKerasKeysTest {

    @Test
    void noLayerConfigurationOfAnyModelHoldsAKeyOfKinspects() {
        List<Path> files = new ArrayList<>(Corpus.modelFiles(Path.of("src/test/resources")));
        files.addAll(Corpus.modelFiles(Path.of("../samples/models")));
        Corpus.rootIfPresent().ifPresent(corpus -> {
            files.addAll(Corpus.modelFiles(corpus));
            files.addAll(savedModels(corpus));
        });
        int described = 0;
        int noted = 0;
        List<String> found = new ArrayList<>();
        for (Path file : files) {
            ModelSpec spec;
            try {
                StoredModel stored = KerasFile.open(file);
                spec = ConfigNormalizer.normalize(stored.modelConfigJson(), stored.kerasVersion(), stored.backend(),
                        stored.format(), file.toString());
            } catch (KinspectException refused) {
                continue; // weights alone, damaged on purpose, or refused: no description to check
            }
            described++;
            for (LayerSpec layer : spec.layers()) {
                kinspectKeys(layer.config(), file + " " + layer.name(), found);
                noted += layer.notes().equals(LayerNotes.NONE) ? 0 : 1;
            }
            kinspectKeys(spec.functionalConfig(), file + " functional", found);
        }
        assertEquals(List.of(), found);
        // the walk saw models, and models with notes (shared layers, nested models, operations, attention calls)
        assertTrue(described > 900, described + " models described");
        assertTrue(noted > 100, noted + " layers noted");
    }

    @Test
    void aDerivedModelKeepsTheNotesOfItsLayers() {
        ModelSpec spec = ConfigNormalizer.normalize("""
                {"class_name": "Functional", "config": {"name": "m", "layers": [
                  {"class_name": "InputLayer", "name": "x", "config": {"name": "x", "batch_input_shape": [null, 3, 2]},
                   "inbound_nodes": []},
                  {"class_name": "LSTM", "name": "lstm", "config": {"name": "lstm", "units": 2},
                   "inbound_nodes": [[["x", 0, 0, {}]], [["x", 0, 0, {}]]]}],
                  "input_layers": [["x", 0, 0]], "output_layers": [["lstm", 1, 0]]}}""", "2.15.0", "tensorflow",
                "shared.json");
        assertEquals("lstm", spec.layer("lstm@1").orElseThrow().notes().callOf());
        ModelSpec withStates = ReturnedStates.of(spec, List.of("lstm@1"));
        assertEquals("lstm", withStates.layer("lstm@1").orElseThrow().notes().callOf());
        assertEquals(List.of(), kinspectKeys(withStates));
    }

    private static List<String> kinspectKeys(ModelSpec spec) {
        List<String> found = new ArrayList<>();
        spec.layers().forEach(layer -> kinspectKeys(layer.config(), layer.name(), found));
        kinspectKeys(spec.functionalConfig(), "functional", found);
        return found;
    }

    private static void kinspectKeys(Object value, String where, List<String> found) {
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (String.valueOf(entry.getKey()).startsWith("kinspect")) {
                    found.add(where + ": " + entry.getKey());
                }
                kinspectKeys(entry.getValue(), where, found);
            }
        } else if (value instanceof List<?> list) {
            list.forEach(item -> kinspectKeys(item, where, found));
        }
    }

    private static List<Path> savedModels(Path corpus) {
        try (Stream<Path> walk = Files.walk(corpus)) {
            return walk.filter(file -> file.getFileName().toString().equals("saved_model.pb"))
                    .map(Path::getParent).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
