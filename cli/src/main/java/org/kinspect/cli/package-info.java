/**
 * The {@code kinspect} command line (picocli), the last step of the flow (file -> config -> graph
 * -> inspect -> report / CLI): one class per command, each opening a model through
 * {@code ModelLoader} ({@code InspectedModel.open}) and printing a table for people or one JSON
 * object for scripts. {@link org.kinspect.cli.KinspectCommand} is {@code kinspect MODEL --input ...}
 * (every layer's output, with {@code --out} a folder of {@code .npy} files and a report) and the
 * entry point; its subcommands are {@code summary}, {@code verify}, {@code weights}, {@code memory},
 * {@code units} and {@code eval} ({@code SummaryCommand}...). Options every command shares are
 * mixins ({@link org.kinspect.cli.CommonOptions}, {@link org.kinspect.cli.WeightsOnlyConfig},
 * {@link org.kinspect.cli.OverwriteOption}); {@code ErrorReporter} turns every failure into one line
 * and an exit code.
 *
 * <p>Must depend only on the library's public API, never the other way. Known debt (issue 17):
 * there is no marked API yet, and the CLI uses internals ({@code config.LayerSpec},
 * {@code config.ModelSpec}, {@code file.ModelArchive}, {@code InspectedModel.spec()} and
 * {@code archive()}...); and {@code eval} and {@code units} repeat the same picocli options.
 *
 * <pre>{@code
 * int exitCode = KinspectCommand.run(new String[] {"model.keras", "--input", "x.npy"},
 *         new PrintWriter(System.out, true), new PrintWriter(System.err, true)); // 0: done
 * }</pre>
 */
package org.kinspect.cli;
