package org.kinspect.report;

import java.util.List;

/**
 * Charts written for a command (a unit survey, an evaluation), and what could not be drawn and why.
 *
 * @param images the PNGs written, in the order to show them
 * @param remarks one line each: a chart left out or cut short, and why
 */
public record DrawnCharts(List<ReportImage> images, List<String> remarks) {

    /** Copies the lists so the record stays immutable. */
    public DrawnCharts {
        images = List.copyOf(images);
        remarks = List.copyOf(remarks);
    }
}
