package org.kinspect.cli;

import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The {@code --force} option of the commands that write files with {@code --out DIR}: replace files
 * that already exist there. Part of {@link OutOptions}; {@code graph}, whose {@code --out} is
 * required, mixes it in alone, after its {@code --out}.
 *
 * <pre>{@code
 * @Mixin OverwriteOption overwrite;
 * overwrite.checkWith(outFolder, commandLine); // --force without --out is a usage error
 * folder.plan(names, overwrite.allowed());
 * }</pre>
 */
public final class OverwriteOption {

    @Option(names = "--force", description = "With --out: replace files that already exist.")
    boolean force;

    /** @return whether existing files may be replaced */
    boolean allowed() {
        return force;
    }

    /**
     * @param outFolder the command's {@code --out}, or null
     * @param commandLine the command, for the usage error
     * @throws ParameterException for {@code --force} without {@code --out}
     */
    void checkWith(Path outFolder, CommandLine commandLine) {
        if (force && outFolder == null) {
            throw new ParameterException(commandLine, "--force only applies with --out");
        }
    }
}
