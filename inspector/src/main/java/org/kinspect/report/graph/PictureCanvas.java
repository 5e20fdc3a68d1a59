package org.kinspect.report.graph;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;

/** Draws with Java2D on an image, for {@code --format png}: the same drawing as the SVG, no browser needed. */
final class PictureCanvas implements GraphCanvas {
    private final BufferedImage image;
    private final Graphics2D graphics;

    PictureCanvas(double width, double height, double scale) {
        image = new BufferedImage((int) Math.ceil(width * scale), (int) Math.ceil(height * scale), BufferedImage.TYPE_INT_RGB);
        graphics = image.createGraphics();
        graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        graphics.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        graphics.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        graphics.setColor(Color.WHITE);
        graphics.fillRect(0, 0, image.getWidth(), image.getHeight());
        graphics.scale(scale, scale);
    }

    @Override
    public void rectangle(double x, double y, double width, double height, double cornerRadius, String fill,
            String stroke, double strokeWidth, boolean dashed) {
        RoundRectangle2D shape = new RoundRectangle2D.Double(x, y, width, height, 2 * cornerRadius, 2 * cornerRadius);
        if (fill != null) {
            graphics.setColor(Color.decode(fill));
            graphics.fill(shape);
        }
        if (stroke != null) {
            graphics.setColor(Color.decode(stroke));
            graphics.setStroke(stroke(strokeWidth, dashed, 5, 3));
            graphics.draw(shape);
        }
    }

    @Override
    public void text(double x, double baseline, String text, double fontSize, boolean bold, String colour, Anchor anchor) {
        graphics.setFont(new Font(Font.SANS_SERIF, bold ? Font.BOLD : Font.PLAIN, 1).deriveFont((float) fontSize));
        graphics.setColor(Color.decode(colour));
        double width = graphics.getFontMetrics().getStringBounds(text, graphics).getWidth();
        graphics.drawString(text, (float) (anchor == Anchor.MIDDLE ? x - width / 2 : x), (float) baseline);
    }

    @Override
    public void polyline(List<LaidOutGraph.Point> points, String stroke, double strokeWidth, boolean dashed) {
        graphics.setColor(Color.decode(stroke));
        graphics.setStroke(stroke(strokeWidth, dashed, 4, 3));
        graphics.draw(path(points, false));
    }

    @Override
    public void polygon(List<LaidOutGraph.Point> points, String fill) {
        graphics.setColor(Color.decode(fill));
        graphics.fill(path(points, true));
    }

    @Override
    public void beginNode(String id, String title, String link) {
        // a picture has no hover text and no links
    }

    @Override
    public void endNode() {
        // nothing to close
    }

    @Override
    public void beginEdge(String title) {
        // a picture has no hover text
    }

    @Override
    public void endEdge() {
        // nothing to close
    }

    BufferedImage finish() {
        graphics.dispose();
        return image;
    }

    private static BasicStroke stroke(double width, boolean dashed, float dash, float gap) {
        return dashed ? new BasicStroke((float) width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
                new float[] {dash, gap}, 0f) : new BasicStroke((float) width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    }

    private static Path2D path(List<LaidOutGraph.Point> points, boolean closed) {
        Path2D path = new Path2D.Double();
        for (int i = 0; i < points.size(); i++) {
            if (i == 0) path.moveTo(points.get(i).x(), points.get(i).y());
            else path.lineTo(points.get(i).x(), points.get(i).y());
        }
        if (closed) path.closePath();
        return path;
    }
}
