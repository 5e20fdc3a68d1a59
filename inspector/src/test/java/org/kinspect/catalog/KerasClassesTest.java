package org.kinspect.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.kinspect.graph.base.ReplacedClassNames;
import org.kinspect.graph.layers.KerasReferenceCheck;
import org.kinspect.graph.layers.KinspectKerasLayers;

/**
 * The catalogue of Keras classes against what it describes: the README's coverage table, the
 * classes the real Keras 3 exports, and the mappers kinspect registers with DL4J.
 */
class KerasClassesTest {

    /** The README's table is the catalogue's: to change a row, change {@code KerasClasses} and paste its markdown. */
    @Test
    void theReadmeCoverageTableIsRenderedFromTheCatalogue() throws IOException {
        String readme = Files.readString(Path.of("../README.md"));
        String table = KerasClasses.coverage().markdown();
        int start = readme.indexOf("| Keras class | Status | Proved by |");
        assertTrue(start >= 0, "README.md has no layer coverage table");
        int end = readme.indexOf("\n\n", start);
        assertEquals(table, readme.substring(start, end),
                "README.md's layer coverage table differs from KerasClasses.coverage().markdown()");
    }

    @Test
    void everyRowNamesCatalogueClassesOfItsOwnSupportAndEveryClassHasARow() {
        Set<String> covered = new HashSet<>();
        List<String> wrong = new ArrayList<>();
        for (CoverageTable.Row row : KerasClasses.coverage().rows()) {
            for (String className : row.classes()) {
                KerasClass kerasClass = KerasClasses.find(className).orElse(null);
                if (kerasClass == null) {
                    wrong.add(className + " is in the table but not in the catalogue");
                } else if (kerasClass.support() != row.support() && !kerasClass.name().equals("RNN")) {
                    wrong.add(className + " is " + kerasClass.support() + " in the catalogue, " + row.support()
                            + " in the row '" + row.label() + "'");
                } else {
                    covered.add(kerasClass.name());
                }
            }
        }
        for (KerasClass kerasClass : KerasClasses.all()) {
            if (!covered.contains(kerasClass.name())) {
                wrong.add(kerasClass.name() + " has no row in the coverage table");
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    /** The list was written by the real Keras 3 ({@code catalog/list_keras_layer_classes.py}). */
    @Test
    void everyLayerClassKeras3ExportsIsInTheCatalogue() throws IOException {
        List<String> missing = Files.readAllLines(KerasReferenceCheck.resource("/catalog/keras_layer_classes.txt"))
                .stream().filter(line -> !line.isBlank() && !line.startsWith("#"))
                .filter(name -> KerasClasses.find(name).isEmpty()).toList();
        assertTrue(missing.isEmpty(), "not in the catalogue: " + missing);
    }

    @Test
    void handlingAgreesWithTheMappersKinspectRegisters() {
        Set<String> byOwnName = new HashSet<>();
        Set<String> replacing = new HashSet<>();
        List<String> wrong = new ArrayList<>();
        for (String key : KinspectKerasLayers.byClassName().keySet()) {
            boolean replaces = key.startsWith(ReplacedClassNames.PREFIX);
            String name = key.replace(ReplacedClassNames.PREFIX, "");
            // kinspect.TimeDistributedSteps stands for TimeDistributed: the longest class name it starts with
            Optional<KerasClass> described = KerasClasses.find(name).or(() -> KerasClasses.all().stream()
                    .filter(kerasClass -> name.startsWith(kerasClass.name()))
                    .max(Comparator.comparingInt(kerasClass -> kerasClass.name().length())));
            if (described.isPresent()) {
                (replaces ? replacing : byOwnName).add(described.get().name());
            } else if (!key.startsWith("Kinspect")) { // kinspect's internal vertices (KinspectOperation...)
                wrong.add(key + " is registered but is no class of the catalogue");
            }
        }
        for (KerasClass kerasClass : KerasClasses.all()) {
            boolean own = byOwnName.contains(kerasClass.name());
            boolean replaces = replacing.contains(kerasClass.name());
            if ((kerasClass.handling() == Handling.KINSPECT_MAPPER) != own) {
                wrong.add(kerasClass.name() + " is " + kerasClass.handling() + " but " + (own ? "" : "not ")
                        + "registered under its own name");
            }
            if ((kerasClass.handling() == Handling.REPLACES_DL4J_MAPPER) != replaces) {
                wrong.add(kerasClass.name() + " is " + kerasClass.handling() + " but " + (replaces ? "" : "not ")
                        + "registered under " + ReplacedClassNames.PREFIX + kerasClass.name());
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }
}
