package org.kinspect.shape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.kinspect.graph.layers.KinspectKerasLayers;

/**
 * Every Keras class kinspect imports has a shape rule: each class the README's layer-coverage
 * table calls supported ("yes" or "partly"), and each class kinspect maps with a mapper of its own
 * ({@link KinspectKerasLayers}).
 */
class ShapeRulesCoverageTest {
    // Words of the table's first column that name no Keras class ("A layer called more than once",
    // "RNN around an LSTMCell, GRUCell or SimpleRNNCell", which the configuration stage rewrites into
    // the LSTM, GRU or SimpleRNN it stands for, so that neither the RNN nor its cell reaches the shapes).
    private static final Set<String> NOT_CLASSES = Set.of("A", "RNN", "Custom", "Keras", "LSTMCell", "GRUCell",
            "SimpleRNNCell");
    // kinspect's own graph-stage names under its mapper prefix, not Keras classes.
    private static final Set<String> GRAPH_STAGE_NAMES = Set.of("TimeDistributedSteps", "BidirectionalConvLSTM2D");
    private static final Pattern CLASS_NAME = Pattern.compile("^([A-Z][A-Za-z0-9]*)((?:/[0-9]D)*)");

    @Test
    void everyClassTheReadmeCallsSupportedHasARule() throws IOException {
        Set<String> supported = supportedInReadme();
        assertTrue(supported.size() > 100, "only " + supported.size() + " supported classes found in README.md");
        List<String> missing = supported.stream().filter(name -> ShapeRules.forClass(name).isEmpty()).toList();
        assertEquals(List.of(), missing, "supported classes without a shape rule");
    }

    @Test
    void everyClassKinspectMapsItselfHasARule() {
        List<String> missing = new ArrayList<>();
        for (String name : KinspectKerasLayers.byClassName().keySet()) {
            String kerasName = name.replace(KinspectKerasLayers.REPLACING_PREFIX, "");
            if (kerasName.startsWith("Kinspect") || GRAPH_STAGE_NAMES.contains(kerasName)) continue;
            if (ShapeRules.forClass(kerasName).isEmpty()) missing.add(kerasName);
        }
        assertEquals(List.of(), missing, "classes kinspect maps without a shape rule");
    }

    /** The classes of every row of the README's layer-coverage table whose status is yes or partly. */
    private static Set<String> supportedInReadme() throws IOException {
        Path readme = Path.of("..", "README.md");
        List<String> lines = Files.readAllLines(readme);
        Set<String> classes = new TreeSet<>();
        boolean inTable = false;
        for (String line : lines) {
            if (line.startsWith("## Layer coverage")) inTable = true;
            else if (line.startsWith("## ")) inTable = false;
            if (!inTable || !line.startsWith("| ")) continue;
            String[] cells = line.split("\\|");
            if (cells.length < 3) continue;
            String status = cells[2].strip();
            if (!status.startsWith("yes") && !status.startsWith("partly")) continue;
            for (String part : cells[1].replaceAll("\\(.*?\\)", "").split(",| or ")) {
                Matcher matcher = CLASS_NAME.matcher(part.strip());
                if (!matcher.find() || NOT_CLASSES.contains(matcher.group(1))) continue;
                String name = matcher.group(1);
                classes.add(name);
                for (String dimensions : matcher.group(2).split("/")) {
                    if (!dimensions.isEmpty()) classes.add(name.replaceAll("[0-9]D$", dimensions));
                }
            }
        }
        return classes;
    }
}
