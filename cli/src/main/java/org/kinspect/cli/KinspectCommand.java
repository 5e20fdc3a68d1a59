package org.kinspect.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.kinspect.InspectedModel;
import org.kinspect.errors.KinspectException;
import org.kinspect.gates.GateTraces;
import org.kinspect.report.LayerFileNames;
import org.kinspect.report.Report;
import org.kinspect.report.ReportOptions;
import org.kinspect.report.ReportWarmUp;
import org.kinspect.report.ReportWriter;
import org.kinspect.report.graph.NodeStatistic;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/**
 * The {@code kinspect} command: runs inputs through a Keras model imported into DL4J and shows
 * what every layer outputs; with {@code --out}, also a report of charts to open in a browser. Its
 * subcommands are {@code summary} ({@link SummaryCommand}), {@code convert} ({@link ConvertCommand}), {@code verify} ({@link VerifyCommand})
 * and {@code weights} ({@link WeightsCommand}).
 *
 * <pre>{@code
 * $ kinspect model.h5 --input x.npy
 * $ kinspect model.h5 --input image=img.npy --input meta=meta.npy --layer conv --out activations/
 * $ kinspect model.h5 --input x.npy --layer lstm_1 --units 0,3,7 --weights --out report/
 * $ kinspect model.h5 --input x.npy --layer lstm_1 --gates --out report/
 * $ kinspect weights model.h5 --layer lstm_1 --out weights/
 * $ kinspect summary model.h5
 * $ kinspect verify model.h5 --reference model_io.h5
 *
 * // in-process, as the tests do:
 * int exitCode = KinspectCommand.run(new String[] {"summary", "model.h5"}, out, err);
 * }</pre>
 */
@Command(name = "kinspect",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        // The subcommands are in SUBCOMMANDS below, registered by commandLine().
        // MODEL and --input are required, but declaring them so would make picocli demand them
        // before a subcommand too ("kinspect summary m.h5"); call() checks them instead.
        customSynopsis = {
            "kinspect [COMMON] MODEL --input [NAME=]FILE... [--config JSON]",
            "                [--layer NAME [--gates]]... [--states]",
            "                [--values [--example I]]",
            "                [--out DIR [--force] [--units N,N... | --top N] [--example I]",
            "                [--weights] [--graph-colour STAT]]",
            "       kinspect [COMMON] MODEL --graph-only --out DIR [--force] [--weights]",
            "                [--config JSON]",
            "       kinspect summary MODEL [--config JSON] [COMMON]",
            "       kinspect memory MODEL [--batch N] [--optimizer NAME] [--dtype TYPE]",
            "                [--steps N] [--config JSON] [COMMON]",
            "       kinspect weights MODEL [--config JSON] [--layer NAME]...",
            "                [--out DIR [--force]] [COMMON]",
            "       kinspect verify MODEL --reference FILE [--tolerance T]",
            "                [--config JSON] [COMMON]",
            "       kinspect units MODEL --input [NAME=]FILE... --layer NAME [--top K]",
            "                [--gates] [--batch N] [--out DIR [--force]] [--config JSON]",
            "                [COMMON]",
            "       kinspect eval MODEL --input [NAME=]FILE... --labels FILE",
            "                [--threshold T] [--reference FILE] [--output NAME]",
            "                [--batch N] [--out DIR [--force]] [--config JSON] [COMMON]",
            "       kinspect graph MODEL --out DIR [--force] [--format svg|png]",
            "                [--input [NAME=]FILE... [--colour STAT] [--example I]]",
            "                [--config JSON] [COMMON]",
            "       kinspect diff MODEL MODEL_B --input [NAME=]FILE... [--tolerance T]",
            "                [--layer NAME]... [--batch N] [--out DIR [--force]] [COMMON]",
            "       kinspect diff MODEL --input [NAME=]FILE... --against [NAME=]FILE...",
            "                [--bins N] [--layer NAME]... [--batch N] [--out DIR [--force]]",
            "                [COMMON]",
            "       kinspect convert MODEL -o FILE [--force] [--config JSON] [COMMON]",
            "       kinspect gradients MODEL --input [NAME=]FILE...",
            "                [--target UNIT|LAYER:UNIT | --labels FILE --loss NAME]",
            "                [--method METHOD [--steps N] [--baseline FILE] [--samples N]",
            "                [--noise F] [--seed N] [--layer CONV]] [--out DIR [--force]]",
            "                [--config JSON] [COMMON]",
            "       kinspect help [COMMAND]",
            "",
            "COMMON, before or after the command: [--json] [-q] [--debug] [--strict]",
            "                [--plugin JAR]..."},
        sortOptions = false,
        description = {
            "",
            "Imports a Keras model into DeepLearning4J, runs inputs through it and shows, for every layer: "
                    + "its Keras class, its output shape (Keras layout, batch first), the min / mean / max of "
                    + "its output, the fraction of values that are exactly zero (dead units) and how many are "
                    + "NaN or infinite.",
            ""},
        footer = {
            "",
            "With --out, DIR also gets a report to open in a browser: index.html (the",
            "model graph, the model summary, then each layer's statistics and charts) and",
            "PNG charts named",
            "LAYER.WHAT.png (heatmap, traces, final_state, units, sorted, feature_maps;",
            "LAYER.weights.NAME.hinton.png and .histogram.png with --weights).",
            "",
            "Files written with --out are named after the layer: LAYER.npy. Characters",
            "other than ASCII letters, digits, '.', '-' and '_' become '_'",
            "(block_1/conv gives block_1_conv.npy); when two layers would get the same",
            "file name, the later gets -2, -3... Existing files are never replaced",
            "without --force.",
            "",
            "Examples:",
            "  kinspect model.h5 --input x.npy",
            "  kinspect model.keras --input image=img.npy --input meta=meta.npy \\",
            "           --layer conv --out activations/",
            "  kinspect weights.h5 --config model.json --input x.npy --json",
            "  kinspect model.h5 --input x.npy --layer lstm_1 --units 0,3,7 --out report/",
            "  kinspect model.h5 --input x.npy --layer lstm_1 --gates --out report/",
            "  kinspect summary model.h5",
            "  kinspect memory model.json --batch 32 --optimizer sgd",
            "  kinspect weights model.h5 --layer lstm_1 --out weights/",
            "  kinspect verify model.h5 --reference model_io.h5 --tolerance 1e-4",
            "  kinspect units model.h5 --input x.npy --layer lstm_1 --out units/",
            "  kinspect eval model.h5 --input x.npy --labels y.npy --reference keras_pred.npy",
            "  kinspect graph model.keras --out graph/",
            "  kinspect model.keras --graph-only --out report/",
            "  kinspect diff model.keras finetuned.keras --input x.npy",
            "  kinspect diff model.keras --input train.npy --against new.npy --out shift/",
            "",
            "Model and input files are treated as untrusted: a damaged or hostile one",
            "gives one error line, and nothing in a file is ever run as code. An import",
            "and a run each stop after 600 s (java -Dkinspect.timeLimitSeconds=S to",
            "change); a model or batch needing more memory than this process has fails",
            "before anything is allocated, saying how much it needs. Odd but usable",
            "models (NaN weights) give 'kinspect: warning: ...' lines on stderr.",
            "",
            "Exit codes, the same for every command:",
            "  0   done",
            "  1   verify found a layer that does not match Keras",
            "  2   a wrong command line (unknown option, missing or malformed value)",
            "  3   a bad model file: damaged, truncated, not a Keras model, weights",
            "      that do not fit the configuration",
            "  4   a bad input: anything else given: an input, label or reference file",
            "      (.npy, .h5), a layer or input name, an option's value, a --plugin",
            "      jar, the --out folder (not writable, files already there)",
            "  5   a valid model using something kinspect does not support yet (a layer",
            "      or an option; running a Lambda without a Java replacement)",
            "  6   not enough memory or time for the model or the batch",
            "  70  an internal error: a bug in kinspect (EX_SOFTWARE); please report it"})
public final class KinspectCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "MODEL",
            description = "Keras model: .h5 (Keras 1, 2, tf.keras, Keras 3), .keras (Keras 3), or a tf.keras SavedModel "
                    + "folder (or its .zip, .tar.gz); "
                    + "a weights-only .h5 with --config.")
    Path modelFile;

    @Option(names = "--input", paramLabel = "[NAME=]FILE", converter = InputArgument.Converter.class,
            description = "An input array as a .npy file, in Keras's layout (batch first). FILE alone for a "
                    + "single-input model; NAME=FILE for each input of a model with several.")
    List<InputArgument> inputs = new ArrayList<>();

    @Mixin
    WeightsOnlyConfig config;

    @Option(names = "--layer", paramLabel = "NAME",
            description = "Show only this layer (repeatable). Default: every layer, in the model's order.")
    List<String> layers = new ArrayList<>();

    @Option(names = "--states",
            description = "Also show the final states of the shown recurrent layers (LAYER__1 h, LAYER__2 c), "
                    + "importing again those built without return_state. Without it a layer's extra outputs are "
                    + "shown when the model computes them (return_state=True, attention scores), as LAYER__1...")
    boolean states;

    @Option(names = "--values",
            description = "Also print each shown layer's numbers, NumPy-style (the first and last 3 items of "
                    + "each axis of an output of more than 1000 numbers); with --json, every number as nested "
                    + "lists. With --example I, only example I of the batch.")
    boolean values;

    @Mixin
    OutOptions results;

    @Option(names = "--units", split = ",", paramLabel = "N",
            description = "With --out: the units (or channels) to draw over time. Default: the --top ones.")
    List<Integer> units = new ArrayList<>();

    @Option(names = "--top", paramLabel = "N",
            description = "With --out: draw the N units that vary most over time (default: ${DEFAULT-VALUE}).")
    int top = ReportOptions.defaults().topUnits();

    @Option(names = "--example", paramLabel = "I",
            description = "With --out: which example of the batch the charts show (default: ${DEFAULT-VALUE}); "
                    + "with --values: the only example printed.")
    int example;

    @Option(names = "--weights",
            description = "With --out: draw each layer's weights too (Hinton diagrams and histograms).")
    boolean weights;

    @Option(names = {"--graph-colour", "--graph-color"}, paramLabel = "STAT", defaultValue = "mean-abs",
            converter = GraphCommand.StatisticName.class,
            description = "With --out: what colours the boxes of the model graph on top of index.html: dead-units, "
                    + "saturation or mean-abs (default: ${DEFAULT-VALUE}).")
    NodeStatistic graphColour;

    @Option(names = "--graph-only",
            description = "With --out, instead of --input: write index.html with the model graph and the summary "
                    + "alone (structure, shapes and parameter counts; nothing is run).")
    boolean graphOnly;

    @Option(names = "--gates",
            description = "Trace the gates inside each --layer (LSTM, GRU, SimpleRNN, Bidirectional): every gate, "
                    + "candidate and state at every step, computed from the layer's weights and checked against "
                    + "its output. With --out: LAYER.gates.NAME.npy files and gate charts.")
    boolean gates;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        CommandLine commandLine = common.commandLine();
        if (modelFile != null) {
            CommandNames.notACommand(modelFile).ifPresent(message -> {
                throw new ParameterException(commandLine, message);
            });
        }
        if (modelFile == null) {
            throw new ParameterException(commandLine, "Missing required parameter: 'MODEL'");
        }
        if (graphOnly) {
            return writeGraphOnly(commandLine);
        }
        if (inputs.isEmpty()) {
            throw new ParameterException(commandLine, "Missing required option: '--input=[NAME=]FILE'");
        }
        results.checkWith(commandLine);
        if (gates && layers.isEmpty()) {
            throw new ParameterException(commandLine, "--gates needs --layer NAME: the recurrent layer(s) to trace");
        }
        ReportOptions reportOptions = reportOptions(commandLine);
        // Cheap checks first, so that a typo fails before seconds of importing.
        OutputFolder folder = results.check();
        if (folder != null) {
            ReportWarmUp.start(); // fonts, charts and the graph layout set up while ND4J starts and the model imports
        }
        Progress progress = common.progress(commandLine.getErr());
        InputFiles.check(inputs);
        // ND4J, started before the command line was parsed, goes on starting while the import reads the
        // file and maps the layers; the import waits for it where it builds the graph.
        InspectedModel opened = ModelLoader.open(modelFile, config.file(), common, progress);
        InputFiles inputFiles = progress.step("reading " + (inputs.size() == 1
                ? inputs.get(0).file().getFileName().toString() : Formats.quantity(inputs.size(), "input file")),
                () -> InputFiles.read(inputs));
        // One rule everywhere (table, JSON, report, InspectedModel.outputNames()): a layer is followed
        // by the extra outputs the model computes for it; --states adds recurrent layers' final states.
        InspectedModel model = states ? FinalStates.returnedBy(opened, layers.isEmpty() ? opened.layerNames()
                : layers.stream().filter(layer -> opened.layer(layer).isPresent()).toList(), progress) : opened;
        List<String> shown = shownOutputs(model, layers);
        List<InputFiles.ModelInput> modelInputs = inputFiles.forModel(model.inputNames());
        Map<String, Path> files = folder == null ? Map.of() : folder.plan(shown, results.force());
        Map<String, INDArray> arrays = InputFiles.arraysByName(modelInputs);
        checkExampleInBatch(arrays.values());
        Map<String, INDArray> activations = progress.step("running " + Formats.batch(arrays.values()),
                () -> model.activations(arrays));
        Map<String, GateTraces> traces = new LinkedHashMap<>();
        for (String layer : gates ? shownLayers(model, layers) : List.<String>of()) {
            traces.put(layer, progress.step("tracing the gates of " + layer, () -> model.gates(arrays, layer)));
        }
        Map<String, Path> gateFiles = folder == null || traces.isEmpty() ? Map.of()
                : folder.plan(GateReport.fileNames(traces, LayerFileNames.stems(layers)), results.force());
        Map<String, Path> written = folder == null ? Map.of()
                : progress.step("writing " + Formats.quantity(files.size() + gateFiles.size(), ".npy file") + " to "
                        + results.folder(), () -> folder.write(files, activations));
        Map<String, Path> writtenGates = gateFiles.isEmpty() ? Map.of()
                : folder.write(gateFiles, GateReport.arraysByKey(traces));
        Report charts = folder == null ? null
                : progress.step("drawing the report " + results.folder().resolve(ReportWriter.INDEX),
                        () -> ReportWriter.write(model, activations, reportOptions, folder.path(), traces));
        if (charts != null) {
            charts.warnings().forEach(progress::warning);
        }
        ActivationReport report = ActivationReport.of(model, shown, activations, written, folder != null);
        Integer valuesExample = values && commandLine.getParseResult().hasMatchedOption("--example") ? example : null;
        PrintWriter out = commandLine.getOut();
        if (common.json) {
            Map<String, Object> document = report.toJson(modelFile, model.file(), modelInputs);
            document.put("report", charts == null ? null : charts.index().toString());
            if (values) {
                report.addValues(document, activations, valuesExample);
            }
            if (gates) {
                document.put("gates", GateReport.of(traces, writtenGates).toJson());
            }
            Json.print(out, document);
        } else {
            report.printTable(out);
            if (values) {
                report.printValues(out, activations, valuesExample);
            }
            if (gates) {
                GateReport.of(traces, writtenGates).printTable(out);
            }
        }
        out.flush();
        return 0;
    }

    /** {@code --graph-only}: the report's page without a run, for a model there is no input for (yet). */
    private Integer writeGraphOnly(CommandLine commandLine) {
        if (!results.given() || !inputs.isEmpty() || !layers.isEmpty() || states || values || gates) {
            throw new ParameterException(commandLine, "--graph-only needs --out DIR and takes no --input, --layer, "
                    + "--states, --values or --gates: it draws the model without running it");
        }
        results.checkWith(commandLine);
        ReportOptions reportOptions = reportOptions(commandLine);
        ResultFiles files = results.claim(List.of(ReportWriter.INDEX), null);
        ReportWarmUp.start();
        Progress progress = common.progress(commandLine.getErr());
        ModelLoader.startNd4j(progress);
        InspectedModel model = ModelLoader.openToDescribe(modelFile, config.file(), common, progress);
        Report report = progress.step("drawing the report " + results.folder().resolve(ReportWriter.INDEX),
                () -> ReportWriter.write(model, Map.of(), reportOptions, files.folder()));
        PrintWriter out = commandLine.getOut();
        if (common.json) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("model", modelFile.toString());
            document.put("report", report.index().toString());
            Json.print(out, document);
        } else {
            out.println("wrote " + report.index() + ": the model graph and summary");
        }
        out.flush();
        return 0;
    }

    /** An --example outside the batch is refused before any file is written. */
    private void checkExampleInBatch(Collection<INDArray> arrays) {
        long batch = arrays.stream().filter(array -> array.rank() > 0).mapToLong(array -> array.size(0))
                .min().orElse(0);
        if ((results.given() || values) && example >= batch) {
            throw KinspectException.input("--example " + example + " is not in the batch: it has " + batch
                    + (batch == 1 ? " example (0)" : " examples (0 to " + (batch - 1) + ")"));
        }
    }

    /** @return what the report draws, from the options that only apply with --out */
    private ReportOptions reportOptions(CommandLine commandLine) {
        boolean drawingOptions = !units.isEmpty() || weights
                || commandLine.getParseResult().hasMatchedOption("--top")
                || commandLine.getParseResult().hasMatchedOption("--graph-colour")
                || commandLine.getParseResult().hasMatchedOption("--example");
        boolean exampleWithValues = values && commandLine.getParseResult().hasMatchedOption("--example");
        if (drawingOptions && !results.given() && !exampleWithValues) {
            throw new ParameterException(commandLine, "--units, --top, --weights and --graph-colour only apply with --out, "
                    + "--example with --out or --values");
        }
        if (top < 1 || example < 0 || units.stream().anyMatch(unit -> unit < 0)) {
            throw new ParameterException(commandLine, "--top must be 1 or more; --example and --units 0 or more");
        }
        return ReportOptions.defaults().withLayers(layers).withUnits(units).withTopUnits(top).withExample(example)
                .withWeights(weights).withGraphColour(graphColour);
    }

    /**
     * @param model the model
     * @param layers the --layer names given: layers, or a layer's extra outputs ({@code LAYER__1})
     * @return the rows shown: every output of the model ({@link InspectedModel#outputNames()}) when
     *     no layer was given, else those named (each checked, duplicates dropped), a layer followed
     *     by its extra outputs
     */
    static List<String> shownOutputs(InspectedModel model, List<String> layers) {
        List<String> outputs = model.outputNames();
        if (layers.isEmpty()) {
            return outputs;
        }
        Set<String> shown = new LinkedHashSet<>();
        for (String layer : layers) {
            shown.add(model.requireOutput(layer));
            outputs.stream().filter(output -> output.startsWith(layer + "__")
                    && output.substring(layer.length() + 2).matches("\\d+")).forEach(shown::add);
        }
        return List.copyOf(shown);
    }

    /**
     * @param model the model
     * @param layers the --layer names given
     * @return those names (each checked, duplicates dropped), or every layer when none was given
     */
    static List<String> shownLayers(InspectedModel model, List<String> layers) {
        if (layers.isEmpty()) {
            return model.layerNames();
        }
        Set<String> shown = new LinkedHashSet<>();
        for (String layer : layers) {
            shown.add(model.requireLayer(layer).name());
        }
        return List.copyOf(shown);
    }

    /**
     * Runs kinspect and exits with its exit code.
     *
     * @param arguments the command line
     */
    public static void main(String[] arguments) {
        // Our own output goes to the real stdout; anything a library prints there itself (DL4J's
        // KerasModel prints "Found input ... with potential cycle", Nd4j prints platform warnings
        // with System.out.println) is sent to stderr by run(), so tables and JSON stay clean.
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(run(arguments, out, err));
    }

    /**
     * Runs kinspect in this process, as {@link #main} does but without exiting.
     *
     * @param arguments the command line
     * @param out where results go (a table, or JSON)
     * @param err where progress lines and errors go
     * @return the exit code: 0 done, 1 a verify mismatch, 2 a wrong command line, 3 a bad model file,
     *     4 a bad input, 5 an unsupported model feature, 6 not enough memory or time, 70 a bug
     *     (see {@link ErrorReporter})
     */
    public static int run(String[] arguments, PrintWriter out, PrintWriter err) {
        LibrarySettings.apply();
        PrintStream standardOut = System.out;
        System.setOut(System.err);
        try {
            ModelLoader.startNd4jEarly(arguments); // while picocli reads the command line
            return commandLine(out, err, arguments).execute(arguments);
        } catch (Throwable problem) {
            // picocli hands Exceptions to ErrorReporter itself; Errors (out of memory, a native
            // library that does not load) arrive here.
            return ErrorReporter.report(problem, err, List.of(arguments).contains(CommonOptions.DEBUG));
        } finally {
            System.setOut(standardOut);
            out.flush();
            err.flush();
        }
    }

    /**
     * @param out where results go
     * @param err where progress lines and errors go
     * @return the kinspect command line, with its error handling
     */
    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return commandLine(out, err, null);
    }

    /**
     * The subcommands, in the order {@code kinspect --help} lists them. A new command is one class
     * added here.
     */
    static final List<Class<?>> SUBCOMMANDS = List.of(SummaryCommand.class, VerifyCommand.class, WeightsCommand.class,
            MemoryCommand.class, UnitsCommand.class, EvalCommand.class, GraphCommand.class, DiffCommand.class,
            ConvertCommand.class, GradientsCommand.class, CommandLine.HelpCommand.class);

    /** @return the names of {@link #SUBCOMMANDS}, in their order */
    static List<String> subcommandNames() {
        return SUBCOMMANDS.stream().map(command -> command.getAnnotation(Command.class).name()).toList();
    }

    /**
     * @param out where results go
     * @param err where progress lines and errors go
     * @param arguments the command line to be run, or null for one that runs any
     * @return the kinspect command line with the subcommands {@code arguments} can name: picocli
     *     reads every option of every command it is given (reflection, and its own classes: Java 5
     *     class files, mapped only from the launcher's static archive), a tenth of a short command's time, so a
     *     command line that names one command gets that one (the help gets them all). Only a word
     *     the arguments hold can be parsed as a command, so the parse is the same.
     */
    static CommandLine commandLine(PrintWriter out, PrintWriter err, String[] arguments) {
        ErrorReporter errors = new ErrorReporter();
        CommandLine commandLine = new CommandLine(new KinspectCommand());
        Set<String> words = arguments == null ? null : Set.copyOf(List.of(arguments));
        boolean help = words == null || words.isEmpty() || words.contains("help") || words.contains("--help")
                || words.contains("-h");
        List<String> names = subcommandNames();
        for (int index = 0; index < SUBCOMMANDS.size(); index++) {
            if (help || words.contains(names.get(index))) {
                commandLine.addSubcommand(names.get(index), SUBCOMMANDS.get(index));
            }
        }
        // After the subcommands: picocli hands these settings to the commands registered so far.
        return commandLine
                .setOut(out)
                .setErr(err)
                .setExecutionExceptionHandler(errors)
                .setParameterExceptionHandler(errors)
                .setExecutionStrategy(LeadingOptions::execute);
    }
}
