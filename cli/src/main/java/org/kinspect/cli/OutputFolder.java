package org.kinspect.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.kinspect.KinspectException;
import org.kinspect.array.NpyFile;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The {@code --out} folder: one {@code LAYER.npy} per selected layer. Every check (is it a
 * folder, can it be written, would a file be overwritten) is made before anything is written, so
 * a refusal leaves the disk as it was.
 *
 * <p>Layer names may hold characters a file name cannot ({@code block_1/conv} in Keras 3 nested
 * models): every character other than an ASCII letter, digit, {@code .}, {@code -} or {@code _}
 * becomes {@code _}. When two layers would get the same file name (also when they differ only in
 * case, as macOS and Windows do not tell those apart), the later one gets {@code -2}, {@code -3}...
 * The footer of {@code kinspect --help} explains the same: keep the two in step.
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
                throw new KinspectException(folder + ": is a file, not a folder; give --out a folder "
                        + "(it is created when missing)");
            }
            if (!Files.isWritable(folder)) {
                throw new KinspectException(folder + ": the folder is not writable; give --out another folder");
            }
            return new OutputFolder(folder);
        }
        Path ancestor = folder.toAbsolutePath().getParent();
        while (ancestor != null && !Files.exists(ancestor)) {
            ancestor = ancestor.getParent();
        }
        if (ancestor == null || !Files.isDirectory(ancestor) || !Files.isWritable(ancestor)) {
            throw new KinspectException(folder + ": cannot create this folder ("
                    + (ancestor == null ? "no existing parent" : ancestor + " is not a writable folder")
                    + "); give --out another folder");
        }
        return new OutputFolder(folder);
    }

    /**
     * @param layers the layers to write, in order
     * @param force whether existing files may be replaced
     * @return each layer's file
     * @throws KinspectException when a file exists and {@code force} is false, or a folder stands
     *     where a file would go
     */
    Map<String, Path> plan(List<String> layers, boolean force) {
        Map<String, Path> files = new LinkedHashMap<>();
        Set<String> taken = new HashSet<>();
        List<Path> existing = new ArrayList<>();
        for (String layer : layers) {
            String base = safeName(layer);
            String name = base;
            for (int suffix = 2; !taken.add(name.toLowerCase(Locale.ROOT)); suffix++) {
                name = base + "-" + suffix;
            }
            Path file = folder.resolve(name + ".npy");
            if (Files.isDirectory(file)) {
                throw new KinspectException(file + ": is a folder, where the activations of layer '" + layer
                        + "' would be written; remove it or give --out another folder");
            }
            if (Files.exists(file)) {
                existing.add(file);
            }
            files.put(layer, file);
        }
        if (!existing.isEmpty() && !force) {
            throw new KinspectException(existing.get(0) + (existing.size() == 1 ? " already exists"
                    : " and " + (existing.size() - 1) + " more of the files already exist")
                    + "; add --force to overwrite, or give --out another folder");
        }
        return files;
    }

    /**
     * @param files each layer's file, from {@link #plan}
     * @param activations each layer's output; a layer without one is skipped
     * @return the files written, by layer
     */
    Map<String, Path> write(Map<String, Path> files, Map<String, INDArray> activations) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new KinspectException(folder + ": cannot create the folder (" + e.getMessage() + ")", e);
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

    /**
     * @param layer a Keras layer name
     * @return a file name (without {@code .npy}) made of safe characters only
     */
    static String safeName(String layer) {
        StringBuilder name = new StringBuilder(layer.length());
        for (char c : layer.toCharArray()) {
            boolean safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '-' || c == '_';
            name.append(safe ? c : '_');
        }
        return name.toString();
    }
}
