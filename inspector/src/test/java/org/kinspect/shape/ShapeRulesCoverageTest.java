package org.kinspect.shape;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.kinspect.catalog.Handling;
import org.kinspect.catalog.KerasClass;
import org.kinspect.catalog.KerasClasses;

/**
 * Every Keras class kinspect imports has a shape rule: each class of the catalogue that imports
 * (yes or partly) and reaches the graph as itself, under its name and every alias. A class the
 * configuration stage rewrites into others (an RNN around an LSTMCell becomes an LSTM; Dot and
 * Concatenate become operations) reaches the shape model as what it became.
 */
class ShapeRulesCoverageTest {

    @Test
    void everyClassTheCatalogueImportsHasARule() {
        List<KerasClass> imported = KerasClasses.all().stream().filter(kerasClass -> kerasClass.support().imports())
                .filter(kerasClass -> kerasClass.handling() != Handling.CONFIGURATION_REWRITE).toList();
        List<String> missing = imported.stream()
                .flatMap(kerasClass -> Stream.concat(Stream.of(kerasClass.name()), kerasClass.aliases().stream()))
                .filter(name -> ShapeRules.forClass(name).isEmpty()).toList();
        assertEquals(List.of(), missing, "classes kinspect imports without a shape rule");
    }
}
