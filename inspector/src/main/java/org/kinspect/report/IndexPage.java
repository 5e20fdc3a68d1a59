package org.kinspect.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.kinspect.errors.KinspectException;
import org.kinspect.file.KerasFormat;
import org.kinspect.inspect.ActivationStatistics;
import org.kinspect.inspect.ModelSummary;

/**
 * The report's {@code index.html}: the model graph, the model summary, then each layer with its
 * statistics and its charts. One self-contained file: the style is inline and the images are beside it, so it opens
 * from disk with no server and no network.
 */
final class IndexPage {
    private static final String STYLE = """
            body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2em auto; max-width: 1100px;
                   padding: 0 1em; color: #222; line-height: 1.4; }
            h1 { font-size: 1.6em; margin-bottom: 0.2em; }
            h2 { border-bottom: 1px solid #ccc; padding-bottom: 0.2em; margin-top: 2em; }
            h3 { margin-top: 2.2em; }
            .meta, .remark, .back { color: #666; }
            table { border-collapse: collapse; margin: 0.6em 0; font-size: 0.92em; }
            th, td { border: 1px solid #ddd; padding: 0.25em 0.7em; text-align: left; }
            th { background: #f4f4f4; }
            td.number { text-align: right; font-variant-numeric: tabular-nums; }
            td.alarm { color: #b00; font-weight: bold; }
            nav ul { columns: 3; padding-left: 1.2em; }
            figure { margin: 1em 0; }
            figure img { max-width: 100%; height: auto; border: 1px solid #eee; }
            figcaption { color: #555; font-size: 0.9em; }
            div.graph { overflow-x: auto; margin: 0.6em 0; }
            div.graph svg a:hover g.node > rect:first-of-type { stroke-width: 2.5; }
            code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; }
            """;

    private IndexPage() {}

    /** @return a person's name of a {@link KerasFormat} name, e.g. {@code Keras 3 .keras zip} */
    private static String formatDescription(String format) {
        for (KerasFormat known : KerasFormat.values()) {
            if (known.name().equals(format)) {
                return known.description();
            }
        }
        return format;
    }

    /**
     * @param file where to write it
     * @param source the model file's name
     * @param summary the model's summary
     * @param graph the model's graph, one {@code <svg>} element whose nodes link to their sections
     * @param sections the layers reported, in Keras's order
     * @param options what was drawn
     */
    static void write(Path file, String source, ModelSummary summary, String graph, List<LayerSection> sections,
            ReportOptions options) {
        StringBuilder html = new StringBuilder(32_768);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>kinspect: ")
                .append(escape(source)).append("</title>\n<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n");
        html.append("<h1>").append(escape(source)).append("</h1>\n<p class=\"meta\">");
        html.append("Keras ").append(escape(orUnknown(summary.kerasVersion())))
                .append(", backend ").append(escape(orUnknown(summary.backend())))
                .append(", ").append(escape(formatDescription(summary.format())));
        if (sections.stream().anyMatch(section -> section.shape() != null)) {
            html.append(". Charts show example ").append(options.example()).append(" of the batch");
        }
        html.append(".</p>\n");
        html.append("<h2 id=\"graph\">Model graph</h2>\n<p class=\"meta\">One box per layer call, top-down; arrows carry"
                + " the tensors' shapes. Hover over a box for its details, click it for its section.</p>\n"
                + "<div class=\"graph\">\n").append(graph).append("</div>\n");
        summaryTable(html, summary, sections.stream().collect(Collectors.toMap(LayerSection::name, LayerSection::stem)));
        if (!sections.isEmpty()) {
            html.append("<h2 id=\"layers\">Layers</h2>\n<nav><ul>\n");
            for (LayerSection section : sections) {
                html.append("<li><a href=\"#").append(anchor(section.stem())).append("\">").append(escape(section.name()))
                        .append("</a> <span class=\"meta\">").append(escape(section.className())).append("</span></li>\n");
            }
            html.append("</ul></nav>\n");
            sections.forEach(section -> layer(html, section));
        }
        html.append("</body>\n</html>\n");
        try {
            Files.writeString(file, html, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw KinspectException.input(file + ": cannot write the report index (" + e.getMessage() + ")", e);
        }
    }

    /** The id of a layer's section: its file name stem is unique and safe in a URL fragment. */
    static String anchor(String stem) {
        return "layer-" + stem;
    }

    private static void summaryTable(StringBuilder html, ModelSummary summary, Map<String, String> reported) {
        html.append("<h2 id=\"summary\">Model summary</h2>\n<table>\n<tr><th>Layer</th><th>Class</th>"
                + "<th>Output shape</th><th>Parameters</th><th>Reads</th></tr>\n");
        for (ModelSummary.Row row : summary.layers()) {
            html.append("<tr><td>");
            if (reported.containsKey(row.name())) {
                html.append("<a href=\"#").append(anchor(reported.get(row.name()))).append("\">")
                        .append(escape(row.name())).append("</a>");
            } else {
                html.append(escape(row.name()));
            }
            html.append("</td><td>").append(escape(row.className()))
                    .append("</td><td><code>").append(escape(shape(row.outputShape()))).append("</code></td>")
                    .append("<td class=\"number\">").append(String.format("%,d", row.parameters())).append("</td><td>")
                    .append(escape(String.join(", ", row.inbound()))).append("</td></tr>\n");
        }
        html.append("</table>\n<p class=\"meta\">").append(String.format("%,d", summary.totalParameters()))
                .append(" parameters: ").append(String.format("%,d", summary.trainableParameters()))
                .append(" trainable, ").append(String.format("%,d", summary.nonTrainableParameters()))
                .append(" not.</p>\n");
    }

    private static void layer(StringBuilder html, LayerSection section) {
        html.append("<section id=\"").append(anchor(section.stem())).append("\">\n<h3>")
                .append(escape(section.name())).append(" <span class=\"meta\">(")
                .append(escape(section.className())).append(")</span></h3>\n");
        if (section.shape() != null) {
            html.append("<p>Output shape <code>").append(Arrays.toString(section.shape())).append("</code></p>\n");
            html.append("<table>\n<tr><th></th><th>values</th><th>min</th><th>mean</th><th>max</th>"
                    + "<th>exactly 0</th><th>NaN</th><th>infinite</th></tr>\n");
            statisticsRow(html, "example shown", section.example());
            statisticsRow(html, "whole batch", section.batch());
            html.append("</table>\n");
        }
        if (!section.arrays().isEmpty()) {
            html.append("<p>Values as <code>.npy</code>:");
            for (Path array : section.arrays()) {
                String name = escape(array.getFileName().toString());
                html.append(" <a href=\"").append(name).append("\">").append(name).append("</a>");
            }
            html.append("</p>\n");
        }
        for (String remark : section.charts().remarks()) {
            html.append("<p class=\"remark\">").append(escape(remark)).append("</p>\n");
        }
        if (!section.weights().isEmpty()) {
            html.append("<table>\n<tr><th>weight</th><th>shape</th><th>min</th><th>mean</th><th>max</th>"
                    + "<th>exactly 0</th><th>NaN</th><th>infinite</th></tr>\n");
            for (LayerSection.Weight weight : section.weights()) {
                ActivationStatistics stats = weight.statistics();
                html.append("<tr><td><code>").append(escape(weight.name())).append("</code></td><td><code>")
                        .append(Arrays.toString(weight.shape())).append("</code></td>");
                statisticsCells(html, stats);
                html.append("</tr>\n");
            }
            html.append("</table>\n");
        }
        for (ReportImage image : section.charts().images()) {
            String name = escape(image.file().getFileName().toString());
            html.append("<figure><a href=\"").append(name).append("\"><img src=\"").append(name)
                    .append("\" width=\"").append(image.width()).append("\" height=\"").append(image.height())
                    .append("\" alt=\"").append(escape(section.name() + ": " + image.caption())).append("\"></a>")
                    // the chart's own title says what it shows; the caption names the file instead of repeating it
                    .append("<figcaption><a href=\"").append(name).append("\">").append(name)
                    .append("</a></figcaption></figure>\n");
        }
        html.append("<p class=\"back\"><a href=\"#summary\">back to the summary</a></p>\n</section>\n");
    }

    private static void statisticsRow(StringBuilder html, String label, ActivationStatistics stats) {
        html.append("<tr><th>").append(label).append("</th><td class=\"number\">")
                .append(String.format("%,d", stats.count())).append("</td>");
        statisticsCells(html, stats);
        html.append("</tr>\n");
    }

    private static void statisticsCells(StringBuilder html, ActivationStatistics stats) {
        html.append(number(stats.min())).append(number(stats.mean())).append(number(stats.max()))
                .append("<td class=\"number\">").append(String.format("%.1f%%", 100 * stats.zeroFraction())).append("</td>")
                .append(count(stats.nanCount())).append(count(stats.infinityCount()));
    }

    private static String number(double value) {
        return "<td class=\"number\">" + (Double.isNaN(value) ? "\u2013" : String.format("%.4g", value)) + "</td>";
    }

    private static String count(long value) {
        return "<td class=\"number" + (value > 0 ? " alarm" : "") + "\">" + value + "</td>";
    }

    private static String shape(List<Long> shape) {
        return "(" + shape.stream().map(dim -> dim == null ? "None" : dim.toString()).collect(Collectors.joining(", "))
                + (shape.size() == 1 ? ",)" : ")");
    }

    private static String orUnknown(String text) {
        return text == null ? "unknown" : text;
    }

    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
