package org.kinspect.cli;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kinspect.array.NpyFile;
import org.kinspect.errors.KinspectException;
import org.kinspect.report.LayerFileNames;
import org.kinspect.report.ReportWriter;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The {@code --out} folder: one {@code LAYER.npy} per selected layer (or weight), and the report
 * beside them ({@code index.html} and its charts). Every check (is it a folder, can it be written,
 * would a file be overwritten) is made before anything is written, so a refusal leaves the disk
 * as it was.
 *
 * <p>Layer names may hold characters a file name cannot ({@code block_1/conv} in Keras 3 nested
 * models); {@link LayerFileNames} makes them safe and unique, for the {@code .npy} files and the
 * charts alike. The footer of {@code kinspect --help} explains the rule: keep the two in step.
 *
 * <pre>{@code
 * OutputFolder folder = OutputFolder.check(Path.of("activations"));       // before the slow import
 * Map<String, Path> files = folder.plan(List.of("lstm_1", "dense_1"), false);
 * folder.write(files, activations);
 * }</pre>
 */
final class OutputFolder {
    private final Path folder;

    private OutputFolder(Path folder) {
        this.folder = folder;
    }

    /**
     * @param folder what the user gave as {@code --out}; created later if it does not exist
     * @return the folder, once it is known to be usable
     * @throws KinspectException when it is a file, or it (or, when missing, the folder it would be
     *     created in) cannot be written
     */
    static OutputFolder check(Path folder) {
        if (Files.exists(folder)) {
            if (!Files.isDirectory(folder)) {
                throw KinspectException.input(folder + ": is a file, not a folder; give --out a folder "
                        + "(it is created when missing)");
            }
            if (!Files.isWritable(folder)) {
                throw KinspectException.input(folder + ": the folder is not writable; give --out another folder");
            }
            return new OutputFolder(folder);
        }
        Path ancestor = folder.toAbsolutePath().getParent();
        while (ancestor != null && !Files.exists(ancestor)) {
            ancestor = ancestor.getParent();
        }
        if (ancestor == null || !Files.isDirectory(ancestor) || !Files.isWritable(ancestor)) {
            throw KinspectException.input(folder + ": cannot create this folder ("
                    + (ancestor == null ? "no existing parent" : ancestor + " is not a writable folder")
                    + "); give --out another folder");
        }
        // Permissions do not tell everything (/proc looks writable to root): make the folder and
        // remove it again now, before the slow import and run, so that one that cannot be made fails
        // at once with the reason, and nothing is left on disk until the results are written.
        List<Path> missing = new ArrayList<>();
        for (Path step = folder.toAbsolutePath(); step != null && !step.equals(ancestor); step = step.getParent()) {
            missing.add(step);
        }
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw KinspectException.input(folder + ": cannot create this folder (" + reason(e)
                    + "); give --out another folder", e);
        } finally {
            for (Path made : missing) { // deepest first
                try {
                    Files.deleteIfExists(made);
                } catch (IOException e) {
                    // left behind: it is created again when the results are written
                }
            }
        }
        return new OutputFolder(folder);
    }

    /** @return why a file operation failed, in words: "No such file or directory", not just the path */
    static String reason(IOException e) {
        if (e instanceof FileSystemException failure && failure.getReason() != null) {
            return failure.getReason();
        }
        if (e instanceof NoSuchFileException) {
            return "the system cannot make a folder there";
        }
        String type = e.getClass().getSimpleName().replaceAll("Exception$", "").replaceAll("([a-z])([A-Z])", "$1 $2")
                .toLowerCase(java.util.Locale.ROOT);
        return e.getMessage() == null ? type : type + ": " + e.getMessage();
    }

    /**
     * @param layers the layers to write, in order
     * @param force whether existing files may be replaced
     * @return each layer's file
     * @throws KinspectException when a file exists and {@code force} is false, or a folder stands
     *     where a file would go
     */
    Map<String, Path> plan(List<String> layers, boolean force) {
        Map<String, String> names = new LinkedHashMap<>();
        LayerFileNames.stems(layers).forEach((layer, stem) -> names.put(layer, LayerFileNames.join(stem, "npy")));
        return plan(names, force);
    }

    /**
     * @param names the file name of each thing to write, by key, as {@link LayerFileNames} makes them
     * @param force whether existing files (the report's {@code index.html} too) may be replaced
     * @return each key's file
     * @throws KinspectException when a file exists and {@code force} is false, or a folder stands
     *     where a file would go
     */
    Map<String, Path> plan(Map<String, String> names, boolean force) {
        Map<String, Path> files = new LinkedHashMap<>();
        List<Path> existing = new ArrayList<>();
        for (Map.Entry<String, String> name : names.entrySet()) {
            Path file = folder.resolve(name.getValue());
            if (Files.isDirectory(file)) {
                throw KinspectException.input(file + ": is a folder, where '" + name.getKey()
                        + "' would be written; remove it or give --out another folder");
            }
            if (Files.exists(file)) {
                existing.add(file);
            }
            files.put(name.getKey(), file);
        }
        // The report is rewritten too; an index.html of the user's own must not be lost.
        Path index = folder.resolve(ReportWriter.INDEX);
        if (Files.exists(index)) {
            existing.add(index);
        }
        if (!existing.isEmpty() && !force) {
            throw KinspectException.input(existing.get(0) + (existing.size() == 1 ? " already exists"
                    : " and " + (existing.size() - 1) + " more of the files already exist")
                    + "; add --force to overwrite, or give --out another folder");
        }
        return files;
    }

    /** @return the folder itself */
    Path path() {
        return folder;
    }

    /**
     * @param files each key's file, from {@link #plan}
     * @param activations each key's array (a layer's output, a weight); a key without one is skipped
     * @return the files written, by key
     */
    Map<String, Path> write(Map<String, Path> files, Map<String, INDArray> activations) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw KinspectException.input(folder + ": cannot create the folder (" + reason(e) + ")", e);
        }
        Map<String, Path> written = new LinkedHashMap<>();
        for (Map.Entry<String, Path> file : files.entrySet()) {
            INDArray activation = activations.get(file.getKey());
            if (activation != null) {
                NpyFile.write(file.getValue(), activation);
                written.put(file.getKey(), file.getValue());
            }
        }
        return written;
    }
}
