package org.kinspect.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.kinspect.errors.KinspectException;
import org.kinspect.report.png.PngFile;

/**
 * Several small charts on one PNG, row by row under a heading: one panel per unit is easier to
 * compare side by side than one file per unit.
 *
 * <pre>{@code
 * ReportImage page = ChartGrid.write(panels, 3, "lstm_1 (LSTM): top examples", List.of("note"), file, "lstm_1", "top examples");
 * }</pre>
 */
final class ChartGrid {
    static final int PANEL_WIDTH = 440;
    static final int PANEL_HEIGHT = 290;
    private static final int HEADING_HEIGHT = 34;
    private static final int NOTE_HEIGHT = 20;

    private ChartGrid() {}

    /**
     * @param panels the charts, in reading order
     * @param columns panels per row
     * @param heading the page's title
     * @param notes lines under the title
     * @param file where to write the PNG; replaced if it exists
     * @param layer the layer shown, for the index
     * @param caption what the page shows, for the index
     * @return the image written
     * @throws KinspectException when the file cannot be written
     */
    static ReportImage write(List<JFreeChart> panels, int columns, String heading, List<String> notes, Path file,
            String layer, String caption) {
        int rows = (panels.size() + columns - 1) / columns;
        int top = HEADING_HEIGHT + NOTE_HEIGHT * notes.size() + 8;
        int width = columns * PANEL_WIDTH;
        int height = top + rows * PANEL_HEIGHT;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        try {
            graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            graphics.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            graphics.setColor(Color.WHITE);
            graphics.fillRect(0, 0, width, height);
            centred(graphics, heading, ChartLook.TITLE, Color.BLACK, width, 26);
            for (int line = 0; line < notes.size(); line++) {
                centred(graphics, notes.get(line), ChartLook.NOTE, ChartLook.NOTE_COLOUR, width,
                        HEADING_HEIGHT + NOTE_HEIGHT * line + 14);
            }
            for (int index = 0; index < panels.size(); index++) {
                int x = (index % columns) * PANEL_WIDTH;
                int y = top + (index / columns) * PANEL_HEIGHT;
                panels.get(index).draw(graphics, new Rectangle2D.Double(x, y, PANEL_WIDTH, PANEL_HEIGHT));
            }
        } finally {
            graphics.dispose();
        }
        try {
            PngFile.write(image, file);
        } catch (IOException e) {
            throw KinspectException.input(file + ": cannot write the chart (" + e.getMessage()
                    + "); check that the folder is writable", e);
        }
        return new ReportImage(file, layer, caption, width, height);
    }

    private static void centred(Graphics2D graphics, String text, Font font, Color colour, int width, int baseline) {
        graphics.setFont(font);
        graphics.setColor(colour);
        FontMetrics metrics = graphics.getFontMetrics();
        graphics.drawString(text, Math.max(4, (width - metrics.stringWidth(text)) / 2), baseline);
    }
}
