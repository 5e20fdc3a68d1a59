package org.kinspect.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.kinspect.InspectedModel;
import org.kinspect.convert.ConvertedModelFormat;
import org.kinspect.errors.KinspectException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code kinspect convert MODEL -o model.zip}: the imported model saved as one file that every
 * command, {@code InspectedModel.open} and a {@code Predictor} read without the Keras file: the
 * DL4J ComputationGraph in DL4J's ModelSerializer form, and what kinspect needs to give Keras names
 * and layouts back.
 *
 * <pre>{@code
 * $ kinspect convert model.h5 -o model.zip
 * $ kinspect verify model.zip --reference model_io.h5
 * }</pre>
 */
@Command(name = "convert",
        sortOptions = false,
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Imports the model once and saves it as one zip: the DL4J ComputationGraph (DL4J's "
                + "ModelSerializer form, no updater) and kinspect's description of it (Keras layer, input and "
                + "output names, output shapes and layouts, Keras weights by name). Every kinspect command, "
                + "InspectedModel.open and a Predictor read it without the Keras file.",
        footer = {
            "",
            "Examples:",
            "  kinspect convert model.h5 -o model.zip",
            "  kinspect convert weights.h5 --config model.json -o model.zip",
            "  kinspect summary model.zip",
            "  kinspect verify model.zip --reference model_io.h5"})
final class ConvertCommand implements Callable<Integer> {

    @Mixin
    ModelArgument modelFiles;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true,
            description = "Where to write the converted model (a zip, e.g. model.zip).")
    Path output;

    @Option(names = "--force", description = "Replace FILE when it exists.")
    boolean force;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        if (Files.isDirectory(output)) {
            throw KinspectException.input(output + ": is a folder; give the converted model's file name (-o model.zip)");
        }
        if (Files.exists(output) && !force) {
            throw KinspectException.input(output + ": already exists; add --force to replace it");
        }
        Path parent = output.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw KinspectException.input(output + ": the folder " + parent + " does not exist");
        }
        Progress progress = common.progress(common.commandLine().getErr());
        InspectedModel model = ModelLoader.open(modelFiles.model(), modelFiles.config(), common, progress);
        progress.step("writing " + output.getFileName(), () -> {
            model.save(output);
            return null;
        });
        long bytes;
        try {
            bytes = Files.size(output);
        } catch (IOException e) {
            throw KinspectException.input(output + ": written but cannot be read back (" + e.getMessage() + ")", e);
        }
        PrintWriter out = common.commandLine().getOut();
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("model", modelFiles.model().toString());
        document.put("format", model.file().format().name());
        document.put("converted", output.toString());
        document.put("bytes", bytes);
        document.put("converted_format_version", ConvertedModelFormat.VERSION);
        document.put("kinspect_version", ConvertedModelFormat.kinspectVersion());
        document.put("layers", model.layerNames().size());
        document.put("parameters", model.graph().numParams());
        document.put("inputs", model.inputNames());
        document.put("outputs", model.outputLayerNames());
        if (common.json) {
            Json.print(out, document);
        } else {
            TextTable table = new TextTable().left("field").left("value");
            table.row("converted", modelFiles.model() + " (" + model.file().description() + ")");
            table.row("written", output + " (" + Formats.count(bytes) + " bytes, converted format "
                    + ConvertedModelFormat.VERSION + ")");
            table.row("layers", Formats.count(model.layerNames().size()));
            table.row("parameters", Formats.count(model.graph().numParams()));
            table.row("inputs", String.join(", ", model.inputNames()));
            table.row("outputs", String.join(", ", model.outputLayerNames()));
            table.print(out);
        }
        out.flush();
        return 0;
    }
}
