package org.kinspect.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.kinspect.KinspectException;

/**
 * The result files a command writes into {@code --out} under fixed names (tables, JSON, charts):
 * all checked before the long run starts, so an existing file without {@code --force} fails at
 * once instead of after minutes of work.
 *
 * <pre>{@code
 * ResultFiles files = ResultFiles.claim(folder, List.of("units.csv", "units.json"), "top_examples", force);
 * files.writeText("units.csv", csv);
 * }</pre>
 */
final class ResultFiles {
    private final Path folder;
    private final List<Path> written = new ArrayList<>();

    private ResultFiles(Path folder) {
        this.folder = folder;
    }

    /**
     * @param folder the {@code --out} folder, already checked by {@link OutputFolder#check}
     * @param names the fixed file names to be written
     * @param numberedPrefix the start of names of numbered pages ({@code top_examples} for
     *     {@code top_examples_2.png}...) that also count as existing; null for none
     * @param force whether existing files may be replaced
     * @return the claim
     * @throws KinspectException when a file exists and {@code force} is false, or a folder stands
     *     where a file would go
     */
    static ResultFiles claim(Path folder, List<String> names, String numberedPrefix, boolean force) {
        List<Path> existing = new ArrayList<>();
        for (String name : names) {
            Path file = folder.resolve(name);
            if (Files.isDirectory(file)) {
                throw KinspectException.input(file + ": is a folder, where a result file would be written; remove it"
                        + " or give --out another folder");
            }
            if (Files.exists(file)) {
                existing.add(file);
            }
        }
        if (numberedPrefix != null && Files.isDirectory(folder)) {
            try (DirectoryStream<Path> pages = Files.newDirectoryStream(folder, numberedPrefix + "_*.png")) {
                pages.forEach(existing::add);
            } catch (IOException e) {
                throw KinspectException.input(folder + ": cannot list the folder (" + e.getMessage() + ")", e);
            }
        }
        if (!existing.isEmpty() && !force) {
            throw KinspectException.input(existing.get(0) + (existing.size() == 1 ? " already exists"
                    : " and " + (existing.size() - 1) + " more of the files already exist")
                    + "; add --force to overwrite, or give --out another folder");
        }
        return new ResultFiles(folder);
    }

    /** @return the folder, created when missing */
    Path folder() {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw KinspectException.input(folder + ": cannot create the folder (" + e.getMessage() + ")", e);
        }
        return folder;
    }

    /**
     * @param name a file name
     * @param text its whole content
     * @return the file written
     */
    Path writeText(String name, String text) {
        Path file = folder().resolve(name);
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw KinspectException.input(file + ": cannot write the file (" + e.getMessage() + ")", e);
        }
        written.add(file);
        return file;
    }

    /** @param files files written by others into the folder (charts), to be listed with the rest */
    void add(List<Path> files) {
        written.addAll(files);
    }

    /** @return every file written, in order */
    List<Path> written() {
        return List.copyOf(written);
    }
}
