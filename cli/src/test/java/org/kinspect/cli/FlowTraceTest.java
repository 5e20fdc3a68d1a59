package org.kinspect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A real run of {@code kinspect samples/models/sine_lstm.keras --input samples/models/sine_lstm_input.npy},
 * traced call by call in a child JVM ({@link FlowTrace}), enters each package once, in flow order
 * (issue 17). The rule, on every call from one package of kinspect into another:
 *
 * <ol>
 *   <li><b>Who calls.</b> The caller is the nearest frame of kinspect's below the called method. A
 *       lambda's body (or a method reference) counts as code of the class that wrote it, so
 *       {@code TimeLimit.run(() -> KerasFile.open(path))} written in the root package is the root
 *       package calling {@code safety}, then the root package calling {@code file}: {@code safety} running
 *       the lambda re-enters nothing. DL4J calling kinspect's own layers during a forward pass counts as
 *       the kinspect code that called DL4J ({@code inspect}). Sub-packages count as their parent
 *       ({@code graph.layers} is {@code graph}), as in {@code FlowOrderTest}.</li>
 *   <li><b>Never up the flow.</b> No call enters a package from a package lower in
 *       {@code FlowOrderTest.FLOW} ({@code cli} is above them all). What {@code FlowOrderTest} reads
 *       from the sources this sees at run time: callbacks, listeners, services and reflection too.</li>
 *   <li><b>Each stage once, in flow order.</b> The stages are the packages the model's data flows
 *       through ({@code file}, {@code config}, {@code initializers}, {@code weights}, {@code graph},
 *       {@code shape}, {@code inspect} and the packages after it). {@link #UTILITIES} ({@code errors},
 *       {@code array}, {@code safety}, {@code custom}, {@code catalog}) are used from everywhere and are
 *       no stage. The stages the orchestrators ({@code cli} and the root package, {@code InspectedModel}
 *       and {@code ModelImport}) enter on their own account, in the order they enter them, go strictly
 *       up the flow: each is entered in one stretch, never again once a later stage has been entered.
 *       On their own account: no stage's frame is under the caller on the stack (the report calling
 *       {@code model.weights(name)}, which reads {@code file}, is the report's work, not the root
 *       package going back to {@code file}).</li>
 *   <li><b>Reading data is not entering.</b> A call on a record or an enum (a constructor, an accessor,
 *       a static factory: {@code StoredModel.source()}, {@code ModelSpec.layer(name)},
 *       {@code ReportOptions.defaults()}) makes or reads plain data a stage handed out and enters no
 *       stage; every call on a class does.</li>
 * </ol>
 *
 * <p>The run writes {@code target/flow-trace.txt} (the stage sequence, the stage entries and the
 * calls between packages); {@code scripts/flow-trace.sh} prints it.
 */
class FlowTraceTest {
    /** Packages used from everywhere, through which no model data flows: no stage. */
    static final Set<String> UTILITIES = Set.of("errors", "array", "safety", "custom", "catalog");
    /** The packages that drive the stages: the command line and the root package ({@code ""}). */
    static final Set<String> ORCHESTRATORS = Set.of("cli", "");
    static final List<String> COMMAND = List.of("samples/models/sine_lstm.keras", "--input",
            "samples/models/sine_lstm_input.npy");
    private static final Path FLOW_ORDER_TEST = Path.of("../inspector/src/test/java/org/kinspect/FlowOrderTest.java");
    private static final Pattern FLOW = Pattern.compile("FLOW = List\\.of\\(([^)]*)\\)");

    @Test
    void theCommandEntersEachStageOnceInFlowOrderAndNeverCallsUpTheFlow() {
        List<String> flow = flow();
        FlowTrace.Recording recording = FlowTrace.record(COMMAND, Path.of("..").toAbsolutePath().normalize());
        write(Path.of("target/flow-trace.txt"), listing(recording, flow));

        assertEquals(0, recording.exitCode(), recording.output());
        assertTrue(recording.output().contains("lstm_2   LSTM"), recording.output());
        List<String> stages = stageSequence(recording.calls(), flow);
        assertTrue(stages.containsAll(List.of("file", "config", "weights", "graph", "inspect")),
                "the trace misses stages: " + stages);
        assertEquals(List.of(), outOfOrder(recording.calls(), flow),
                "stages entered again, or out of flow order; the stage sequence is " + stages
                        + " (target/flow-trace.txt has the entries)");
        assertEquals(List.of(), upward(recording.calls(), flow), "calls up the flow (FlowOrderTest.FLOW)");
    }

    @Test
    void aStageEnteredAgainAndACallUpTheFlowAreCaught() {
        List<String> flow = flow();
        List<FlowTrace.Call> calls = List.of(
                call("", "InspectedModel.open", "file", "KerasFile.open", false),
                call("file", "KerasFile.open", "safety", "Untrusted.reading", false),
                call("", "ModelImport.importing", "file", "StoredModel.source", true), // reading data: no entry
                call("", "ModelImport.importing", "config", "ConfigNormalizer.normalize", false),
                call("", "ModelImport.toGraph", "graph", "GraphImporter.configure", false),
                call("", "ModelImport.toGraph", "inspect", "ModelWarnings.of", false),
                call("cli", "KinspectCommand.call", "report", "ReportWriter.write", false),
                // the report's work: the root package called by the report reads the weights from file
                new FlowTrace.Call("main", List.of("", "report", "cli"), "InspectedModel.weights", "file",
                        "WeightStore.layer", false),
                call("cli", "KinspectCommand.call", "graph", "ConfiguredGraph.configuration", false),
                call("graph", "ImportPipeline.build", "inspect", "ModelSummary.of", false));

        assertEquals(List.of("file", "config", "graph", "inspect", "report", "graph"), stageSequence(calls, flow));
        assertEquals(List.of("graph after report: KinspectCommand.call -> ConfiguredGraph.configuration"),
                outOfOrder(calls, flow));
        assertEquals(List.of("graph -> inspect: ImportPipeline.build -> ModelSummary.of"), upward(calls, flow));
    }

    private static FlowTrace.Call call(String from, String caller, String to, String callee, boolean data) {
        return new FlowTrace.Call("main", List.of(from), caller, to, callee, data);
    }

    /** @return {@code FlowOrderTest.FLOW}, lowest first, then {@code cli} above them all */
    static List<String> flow() {
        try {
            Matcher matcher = FLOW.matcher(Files.readString(FLOW_ORDER_TEST));
            assertTrue(matcher.find(), "no FLOW list in " + FLOW_ORDER_TEST);
            List<String> flow = new ArrayList<>(Arrays.stream(matcher.group(1).split(","))
                    .map(name -> name.strip().replace("\"", "")).toList());
            flow.add("cli");
            return flow;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the package's step in the flow: a sub-package counts as its parent */
    private static String step(String packageName) {
        return packageName.split("\\.")[0];
    }

    private static int rank(String packageName, List<String> flow) {
        int rank = flow.indexOf(step(packageName));
        assertTrue(rank >= 0, "package " + packageName + " has no place in FlowOrderTest.FLOW");
        return rank;
    }

    /** @return whether the call is an orchestrator entering a stage on its own account (not reading data) */
    private static boolean entersStage(FlowTrace.Call call) {
        return isStage(call.to()) && !call.data() && ORCHESTRATORS.contains(step(call.from()))
                && call.below().stream().noneMatch(FlowTraceTest::isStage);
    }

    private static boolean isStage(String packageName) {
        String step = step(packageName);
        return !ORCHESTRATORS.contains(step) && !UTILITIES.contains(step);
    }

    /** @return the stages the orchestrators enter, in order, each stretch once */
    static List<String> stageSequence(List<FlowTrace.Call> calls, List<String> flow) {
        List<String> sequence = new ArrayList<>();
        for (FlowTrace.Call call : calls) {
            String stage = step(call.to());
            if (entersStage(call) && (sequence.isEmpty() || !sequence.get(sequence.size() - 1).equals(stage))) {
                sequence.add(stage);
            }
        }
        return sequence;
    }

    /** @return each stage entry that goes back to a stage entered before, or down the flow */
    static List<String> outOfOrder(List<FlowTrace.Call> calls, List<String> flow) {
        List<String> found = new ArrayList<>();
        String latest = null;
        for (FlowTrace.Call call : calls) {
            if (!entersStage(call)) {
                continue;
            }
            String stage = step(call.to());
            if (latest != null && rank(stage, flow) < rank(latest, flow)) {
                found.add(stage + " after " + latest + ": " + call.caller() + " -> " + call.callee());
            } else {
                latest = stage;
            }
        }
        return found;
    }

    /** @return each distinct call into a package from a package lower in the flow */
    static List<String> upward(List<FlowTrace.Call> calls, List<String> flow) {
        return calls.stream().filter(call -> rank(call.to(), flow) > rank(call.from(), flow))
                .map(call -> step(call.from()) + " -> " + step(call.to()) + ": " + call.caller() + " -> " + call.callee())
                .distinct().toList();
    }

    /** @return the trace for a person: the stage sequence, the stage entries, the calls between packages */
    static String listing(FlowTrace.Recording recording, List<String> flow) {
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        List<FlowTrace.Call> calls = recording.calls();
        out.println("kinspect " + String.join(" ", recording.arguments()) + "  (exit " + recording.exitCode() + ")");
        out.println();
        out.println("stages entered by cli and the root package, in order: "
                + String.join(" -> ", stageSequence(calls, flow)));
        out.println();
        TextTable entries = new TextTable().right("#").left("from").left("caller").left("stage").left("entered")
                .right("calls");
        String[] previous = null;
        int count = 0;
        int number = 0;
        for (FlowTrace.Call call : calls) {
            if (!entersStage(call)) {
                continue;
            }
            String[] entry = {name(call.from()), call.caller(), step(call.to()), call.callee()};
            if (previous != null && !Arrays.equals(previous, entry)) {
                entries.row(Integer.toString(++number), previous[0], previous[1], previous[2], previous[3],
                        Integer.toString(count));
                count = 0;
            }
            previous = entry;
            count++;
        }
        if (previous != null) {
            entries.row(Integer.toString(++number), previous[0], previous[1], previous[2], previous[3],
                    Integer.toString(count));
        }
        entries.print(out);
        out.println();
        out.println("calls between packages (sub-packages as their parent), in the order first made:");
        out.println();
        Map<List<String>, Integer> pairs = new LinkedHashMap<>();
        calls.forEach(call -> {
            if (!step(call.from()).equals(step(call.to()))) {
                pairs.merge(List.of(step(call.from()), step(call.to())), 1, Integer::sum);
            }
        });
        TextTable between = new TextTable().left("from").left("to").right("calls").left("direction");
        pairs.forEach((pair, pairCalls) -> between.row(name(pair.get(0)), name(pair.get(1)), Integer.toString(pairCalls),
                rank(pair.get(1), flow) > rank(pair.get(0), flow) ? "UP THE FLOW" : "down"));
        between.print(out);
        out.println();
        out.println(recording.breakpointHits() + " calls into methods other packages can call, " + calls.size()
                + " of them from another package");
        out.flush();
        return text.toString();
    }

    private static String name(String packageName) {
        String step = step(packageName);
        return step.isEmpty() ? "(root)" : step;
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
