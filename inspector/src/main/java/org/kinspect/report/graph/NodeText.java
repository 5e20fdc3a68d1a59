package org.kinspect.report.graph;


/** The words drawn in and over a node and an edge: a node's class and calls, the hover texts. */
final class NodeText {
    private NodeText() {}

    /** @return the second line: the class, the parameters, and which call of a shared layer it is */
    static String detail(GraphNode node) {
        StringBuilder detail = new StringBuilder(node.className());
        if (node.parameters() > 0) {
            detail.append(" \u00b7 ").append(grouped(node.parameters())).append(" params");
        }
        if (node.shared()) {
            detail.append(" \u00b7 call ").append(node.call() + 1).append('/').append(node.calls());
        }
        return detail.toString();
    }

    /** @return an edge's hover text, e.g. {@code encoder__1 -> decoder: h, (None, 48)} */
    static String edgeTitle(GraphEdge edge) {
        String tensor = org.kinspect.config.TensorRef.outputName(edge.from(), edge.outputIndex());
        return tensor + " \u2192 " + edge.to() + ": " + (edge.state() == null ? "" : edge.state() + ", ") + ShapeText.of(edge.shape());
    }

    /** @return the hover text: name, class, output shape, parameters, and what sharing or nesting it has */
    static String title(GraphNode node, String statistic) {
        StringBuilder title = new StringBuilder(node.name()).append('\n').append(node.className())
                .append("\noutput shape ").append(node.shapeText())
                .append('\n').append(grouped(node.parameters())).append(" parameters");
        if (node.shared()) {
            title.append("\ncall ").append(node.call() + 1).append(" of ").append(node.calls())
                    .append(" of shared layer ").append(node.sharedLayer()).append(" (its weights are the first call's)");
        }
        if (node.output()) {
            title.append("\nmodel output");
        }
        if (node.group() != null) {
            title.append("\ninside nested model ").append(node.group());
        }
        if (statistic != null) {
            title.append('\n').append(statistic);
        }
        return title.toString();
    }

    /**
     * @return {@code String.format(Locale.ROOT, "%,d", value)} ("1,234,567"), without a
     *     {@code Formatter}: a picture has a title and a detail line per node
     */
    static String grouped(long value) {
        String digits = Long.toString(value);
        int start = value < 0 ? 1 : 0;
        StringBuilder text = new StringBuilder(digits.length() + digits.length() / 3);
        text.append(digits, 0, start);
        for (int index = start; index < digits.length(); index++) {
            if (index > start && (digits.length() - index) % 3 == 0) {
                text.append(',');
            }
            text.append(digits.charAt(index));
        }
        return text.toString();
    }
}
