/**
 * The {@code kinspect} command line (picocli), the last step of the flow (file -> config -> graph
 * -> inspect -> report / CLI): one class per command, each opening a model through
 * {@code ModelLoader} ({@code InspectedModel.open}) and printing a table for people or one JSON
 * object for scripts. {@link org.kinspect.cli.KinspectCommand} is {@code kinspect MODEL --input ...}
 * (every layer's output, with {@code --out} a folder of {@code .npy} files and a report) and the
 * entry point; its subcommands are {@code summary}, {@code verify}, {@code weights}, {@code memory},
 * {@code units}, {@code eval} and others ({@code SummaryCommand}...). Options several commands share
 * are mixins, each with one wording: {@link org.kinspect.cli.CommonOptions} (also the command's own
 * command line), {@link org.kinspect.cli.ModelArgument} (MODEL and {@code --config}),
 * {@link org.kinspect.cli.DataSetOptions} ({@code --input}, {@code --batch}),
 * {@link org.kinspect.cli.OutOptions} ({@code --out}, {@code --force}) and
 * {@link org.kinspect.cli.SparkOption}; {@code ErrorReporter} turns every failure into one line
 * and an exit code.
 *
 * <p>Depends only on the library's exported API ({@code org.kinspect.PublicApi}), never the other
 * way; {@code PublicApiBoundaryTest} reads these sources and fails on an import of anything else.
 *
 * <pre>{@code
 * int exitCode = KinspectCommand.run(new String[] {"model.keras", "--input", "x.npy"},
 *         new PrintWriter(System.out, true), new PrintWriter(System.err, true)); // 0: done
 * }</pre>
 */
package org.kinspect.cli;
