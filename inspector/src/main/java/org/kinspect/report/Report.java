package org.kinspect.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@link ReportWriter} wrote.
 *
 * @param index the {@code index.html} that shows everything
 * @param images every chart, in the order the index shows them
 */
public record Report(Path index, List<ReportImage> images) {

    public Report {
        images = List.copyOf(images);
    }

    /** @return every file written: the charts, then the index */
    public List<Path> files() {
        List<Path> files = new ArrayList<>();
        images.forEach(image -> files.add(image.file()));
        files.add(index);
        return files;
    }
}
