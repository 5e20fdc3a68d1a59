package org.kinspect.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@link ReportWriter} wrote.
 *
 * @param index the {@code index.html} that shows everything
 * @param images every chart, in the order the index shows them
 * @param warnings what was asked for but not drawn (a unit a layer does not have), one line each;
 *     the index says it too
 */
public record Report(Path index, List<ReportImage> images, List<String> warnings) {

    public Report {
        images = List.copyOf(images);
        warnings = List.copyOf(warnings);
    }

    /**
     * @param index the index page
     * @param images every chart
     */
    public Report(Path index, List<ReportImage> images) {
        this(index, images, List.of());
    }

    /** @return every file written: the charts, then the index */
    public List<Path> files() {
        List<Path> files = new ArrayList<>();
        images.forEach(image -> files.add(image.file()));
        files.add(index);
        return files;
    }
}
