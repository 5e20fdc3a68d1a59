package org.kinspect.report;

import java.util.List;

/**
 * The charts drawn for one layer, and what could not be drawn and why.
 *
 * @param images the charts, in the order to show them
 * @param remarks one line each: a chart left out, a unit asked for that the layer does not have
 * @param warnings what the user asked for that could not be drawn (a unit the layer does not
 *     have), for the terminal too
 */
record LayerCharts(List<ReportImage> images, List<String> remarks, List<String> warnings) {

    LayerCharts {
        images = List.copyOf(images);
        remarks = List.copyOf(remarks);
        warnings = List.copyOf(warnings);
    }
}
