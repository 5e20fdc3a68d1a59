package org.kinspect.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.kinspect.errors.KinspectException;

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

    /** The page {@link #writeIndex} writes, as {@code kinspect MODEL --out} and {@code weights --out} do. */
    static final String INDEX = "index.html";

    /**
     * Writes {@code index.html}: a page to open in a browser with the title, the table the command
     * printed, links to every file written so far, and its charts.
     *
     * @param title what the page is about, e.g. {@code units of lstm_2 in model.keras}
     * @param table the table as printed on the terminal
     * @return the page
     */
    Path writeIndex(String title, String table) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>kinspect: ").append(escape(title)).append("</title>\n<style>body{font-family:sans-serif;")
                .append("margin:2em} pre{background:#f6f6f6;padding:1em;overflow-x:auto} img{max-width:100%;")
                .append("display:block;margin:1em 0}</style>\n</head>\n<body>\n<h1>").append(escape(title))
                .append("</h1>\n<pre>").append(escape(table)).append("</pre>\n<h2>Files</h2>\n<ul>\n");
        List<Path> images = new ArrayList<>();
        for (Path file : written) {
            String name = file.getFileName().toString();
            html.append("<li><a href=\"").append(escape(name)).append("\">").append(escape(name)).append("</a></li>\n");
            if (name.endsWith(".png")) {
                images.add(file);
            }
        }
        html.append("</ul>\n");
        for (Path image : images) {
            String name = image.getFileName().toString();
            html.append("<h2>").append(escape(name)).append("</h2>\n<img src=\"").append(escape(name))
                    .append("\" alt=\"").append(escape(name)).append("\">\n");
        }
        return writeText(INDEX, html.append("</body>\n</html>\n").toString());
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
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
