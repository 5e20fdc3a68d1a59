package org.kinspect.cli;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code --out DIR} and its {@code --force}, for the commands that also write their results into a
 * folder: one wording for all, each command's help names what it writes there. Mixed into each
 * command with {@code @Mixin}; {@code graph}, whose {@code --out} is required, takes
 * {@link OverwriteOption} alone.
 *
 * <pre>{@code
 * @Mixin OutOptions out;
 * out.checkWith(commandLine);                                   // --force without --out
 * ResultFiles files = out.claim(List.of("units.csv"), null);     // null without --out
 * }</pre>
 */
public final class OutOptions {

    @Option(names = "--out", paramLabel = "DIR",
            description = "Also write the results into DIR (created when missing): the files this help names for --out.")
    Path folder;

    @Mixin
    OverwriteOption overwrite;

    /** @return the {@code --out} folder, or null when it was not given */
    Path folder() {
        return folder;
    }

    /** @return whether {@code --out} was given */
    boolean given() {
        return folder != null;
    }

    /** @return whether {@code --force} allows replacing files that already exist */
    boolean force() {
        return overwrite.allowed();
    }

    /**
     * @param commandLine the command, for the usage error
     * @throws picocli.CommandLine.ParameterException for {@code --force} without {@code --out}
     */
    void checkWith(CommandLine commandLine) {
        overwrite.checkWith(folder, commandLine);
    }

    /**
     * @return the folder checked as writable, or null without {@code --out}
     * @throws org.kinspect.errors.KinspectException when it cannot be written
     */
    OutputFolder check() {
        return folder == null ? null : OutputFolder.check(folder);
    }

    /**
     * Claims a command's result files before its long run starts.
     *
     * @param names the fixed file names it writes
     * @param numberedPrefix the start of its numbered pages' names, or null
     * @return the claim, or null without {@code --out}
     */
    ResultFiles claim(List<String> names, String numberedPrefix) {
        return folder == null ? null : ResultFiles.claim(OutputFolder.check(folder).path(), names, numberedPrefix, force());
    }
}
