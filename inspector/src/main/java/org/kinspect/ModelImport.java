package org.kinspect;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.kinspect.config.ConfigNormalizer;
import org.kinspect.config.ConfigValues;
import org.kinspect.config.ModelSpec;
import org.kinspect.convert.Conversion;
import org.kinspect.convert.ConvertedModel;
import org.kinspect.custom.CustomObjects;
import org.kinspect.errors.KinspectException;
import org.kinspect.file.ModelArchive;
import org.kinspect.file.StoredModel;
import org.kinspect.graph.ConfiguredGraph;
import org.kinspect.graph.GraphImporter;
import org.kinspect.graph.ImportedGraph;
import org.kinspect.graph.UnreplacedLambda;
import org.kinspect.initializers.UnknownInitializers;
import org.kinspect.safety.TimeLimit;
import org.kinspect.safety.Untrusted;
import org.kinspect.weights.WeightNaming;

/**
 * The import of a Keras model, one stage after another in the order of the flow (ARCHITECTURE.md):
 * {@code file} reads the file as stored, {@code config} normalises its configuration,
 * {@code initializers} finds the initializers nobody can re-create, {@code weights} names the stored
 * weights, {@code graph} maps the model to DL4J, builds the graph and says what is odd about the weights; then the {@code InspectedModel} is made once from the results. Each stage is
 * called once and never again afterwards (the CLI's {@code FlowTraceTest} checks this on a real run);
 * an {@code InspectedModel} does no import work of its own.
 *
 * <pre>{@code
 * ModelImport.Result made = ModelImport.importing(path, () -> KerasFile.open(path), ImportOptions.defaults());
 * ModelImport.Result decoder = ModelImport.described(made.archive(), decoderSpec, ImportOptions.defaults());
 * }</pre>
 */
final class ModelImport {

    /**
     * What an import made, handed to {@code InspectedModel}'s one constructor.
     *
     * @param archive what the file held, weights by Keras name
     * @param spec the model as its configuration describes it
     * @param configured the model mapped to DL4J; null for a model read from a converted file
     * @param configuration DL4J's configuration of the graph
     * @param hasWeights false for a model opened from its configuration alone
     * @param imported the graph; null for a model opened to be described (built on first need)
     * @param warnings what is odd about the model, one line each
     * @param conversion how the model was converted; null for a model imported from Keras
     */
    record Result(ModelArchive archive, ModelSpec spec, ConfiguredGraph configured,
            ComputationGraphConfiguration configuration, boolean hasWeights, ImportedGraph imported,
            List<String> warnings, Conversion conversion) {}

    private ModelImport() {}

    /**
     * The whole import of a Keras file, under {@link TimeLimit}: file, config, initializers, weights,
     * graph.
     *
     * @param source the file, for the time limit's message
     * @param file reads the file as stored ({@code KerasFile.open}...)
     * @param options custom objects, strictness, describing only
     * @return what the import made
     */
    static Result importing(Path source, Supplier<StoredModel> file, ImportOptions options) {
        if (!options.describeOnly()) {
            // ND4J loads on a thread of its own while the file is read, the configuration normalised, the
            // weights named and DL4J's layers mapped, none of which needs it for most models; toGraph waits
            // for it before the graph is built. A model opened to be described may need no ND4J at all.
            Nd4jStart.ahead();
        }
        try {
            return TimeLimit.run("importing " + source, () -> {
                StoredModel stored = file.get();
                // The configuration parsed once, for normalising (which rewrites its parse) and naming the weights.
                Map<String, Object> parsed = Untrusted.importing(stored.source(), () -> ConfigNormalizer.parse(
                        stored.modelConfigJson(), stored.source().toString()));
                Map<String, Object> forNaming = ConfigValues.mutableCopy(parsed);
                ModelSpec spec = Untrusted.importing(stored.source(), () -> ConfigNormalizer.normalize(parsed,
                        stored.modelConfigJson(), stored.kerasVersion(), stored.backend(), stored.format(),
                        stored.source().toString()));
                Optional<String> unknown = UnknownInitializers.of(spec, options.customObjects());
                ModelArchive archive = WeightNaming.name(stored, forNaming);
                return toGraph(archive, spec, unknown, options, List.of());
            });
        } catch (LinkageError e) {
            Nd4jStart.await(); // ND4J's start failed and was touched before the wait: its own failure
            throw e;
        }
    }

    /**
     * The import of a model already described, whose weights are named: a part of a file's model
     * (an encoder, a decoder step), or a model with returned states; initializers, graph.
     *
     * @param archive what the file held, weights by Keras name
     * @param spec the description
     * @param options custom objects, strictness, describing only
     * @return what the import made
     */
    static Result described(ModelArchive archive, ModelSpec spec, ImportOptions options) {
        return described(archive, spec, options, List.of());
    }

    /**
     * @param archive what the file held, weights by Keras name
     * @param spec the description
     * @param options custom objects, strictness, describing only
     * @param moreWarnings warnings of the caller's, after the import's own (weights kept as the file had them)
     * @return what the import made
     */
    static Result described(ModelArchive archive, ModelSpec spec, ImportOptions options,
            List<String> moreWarnings) {
        Optional<String> unknown = UnknownInitializers.of(spec, options.customObjects());
        return toGraph(archive, spec, unknown, options, moreWarnings);
    }

    /**
     * @param converted a model read from a converted file: its graph as saved, nothing imported again
     * @return what the file held
     */
    static Result converted(ConvertedModel converted) {
        ImportedGraph graph = converted.imported();
        return new Result(converted.archive(), graph.spec(), null, graph.graph().getConfiguration(),
                graph.hasWeights(), graph, converted.warnings(), converted.conversion());
    }

    /**
     * The stage after the weights: graph. The warnings: what is odd about the weights (asked of the
     * graph once it holds them, so that a large file is not read twice), the unknown initializers,
     * then the caller's.
     */
    private static Result toGraph(ModelArchive archive, ModelSpec spec, Optional<String> unknown,
            ImportOptions options, List<String> moreWarnings) {
        // Refused here, after the weights are named, so that a file whose weights are broken says that first.
        if (unknown.isPresent() && options.strict()) {
            throw KinspectException.unsupported(archive.source() + ": " + unknown.get().replace(
                    "the file's weights are used as they are; ", "refused as strict; "));
        }
        CustomObjects custom = options.describeOnly()
                ? UnreplacedLambda.standIns(spec, options.customObjects(), archive.source().toString())
                : options.customObjects();
        ConfiguredGraph configured = Untrusted.importing(archive.source(), () -> GraphImporter.configure(
                spec, archive.weights(), archive.source().toString(), custom));
        ImportedGraph imported;
        if (options.describeOnly()) {
            // Described, not run: the graph waits until something needs it (a summary does not), and
            // the file's weights are checked as far as that can be done without it.
            Untrusted.importing(archive.source(), () -> {
                configured.checkWeightsFit();
                return configured;
            });
            imported = null;
        } else {
            Nd4jStart.await(); // the graph is where an import first needs ND4J
            imported = Untrusted.importing(archive.source(), configured::build); // every check of the weights on opening
        }
        ComputationGraphConfiguration configuration = configured.configuration();
        boolean hasWeights = configured.hasWeights();
        List<String> warnings = new ArrayList<>(configured.weightWarnings());
        unknown.ifPresent(warnings::add);
        warnings.addAll(moreWarnings);
        return new Result(archive, spec, configured, configuration, hasWeights, imported,
                List.copyOf(warnings), null);
    }
}
