package org.kinspect.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.kinspect.batch.BatchListener;

/**
 * Progress through a data set, with the rate and the time left, on stderr. In a terminal it is one
 * line redrawn in place:
 * <pre>
 * surveying lstm_1 [=========&gt;          ]  45%  135,168/300,000  2,350 examples/s  1 min 10 s left
 * </pre>
 * In a log (stderr redirected, or a CI run) redrawing would leave a mess, so it prints a plain line
 * at every tenth of the way instead, but only once a run has taken a couple of seconds, so a quick
 * run prints nothing but its closing line. Both end with the same line as {@link Progress#step}:
 * <pre>
 * surveying lstm_1 ... done in 2 min 8 s (2,343 examples/s)
 * </pre>
 *
 * <pre>{@code
 * ProgressBar bar = ProgressBar.start(err, "surveying lstm_1", data.exampleCount());
 * UnitSurvey survey = surveyor.survey(data, bar);
 * bar.finish();
 * }</pre>
 */
final class ProgressBar implements BatchListener {
    private static final int BAR_WIDTH = 20;
    private static final long REDRAW_NANOS = 150_000_000L;
    /** A log line is worth printing only when a run is this slow. */
    private static final long QUIET_START_NANOS = 2_000_000_000L;
    /** In a log, a line at least this often however slow the tenths come. */
    private static final long LOG_EVERY_NANOS = 30_000_000_000L;

    private final PrintWriter err;
    private final String label;
    private final long total;
    private final boolean redraw;
    private final LongSupplier clock;
    private final long start;
    private long done;
    private long lastDrawn;
    private int lastTenth;
    private int drawnWidth;

    ProgressBar(PrintWriter err, String label, long total, boolean redraw, LongSupplier clock) {
        this.err = err;
        this.label = label;
        this.total = total;
        this.redraw = redraw;
        this.clock = clock;
        this.start = clock.getAsLong();
        this.lastDrawn = start;
    }

    /**
     * @param err stderr
     * @param label what is being done, e.g. {@code surveying lstm_1}
     * @param total how many examples there are
     * @return a bar that redraws itself when kinspect runs in a terminal, else prints log lines
     */
    static ProgressBar start(PrintWriter err, String label, long total) {
        return new ProgressBar(err, label, total, inTerminal(), System::nanoTime);
    }

    /**
     * Java 17 has a console only when both stdin and stdout are terminals; a {@code dumb} terminal
     * (an editor's shell buffer) cannot redraw either.
     */
    private static boolean inTerminal() {
        return System.console() != null && !"dumb".equals(System.getenv("TERM"));
    }

    @Override
    public void examplesDone(long examplesDone) {
        done = examplesDone;
        long now = clock.getAsLong();
        if (redraw) {
            if (now - lastDrawn >= REDRAW_NANOS || done == total) {
                draw(barLine(now));
                lastDrawn = now;
            }
            return;
        }
        int tenth = total == 0 ? 10 : (int) (done * 10 / total);
        boolean slowRun = now - start >= QUIET_START_NANOS;
        if (done < total && slowRun && (tenth > lastTenth || now - lastDrawn >= LOG_EVERY_NANOS)) {
            err.println(label + ": " + progress(now));
            err.flush();
            lastDrawn = now;
        }
        lastTenth = Math.max(lastTenth, tenth);
    }

    /** Ends the bar with the closing line. */
    void finish() {
        double seconds = (clock.getAsLong() - start) / 1e9;
        String line = label + " ... done in " + duration(seconds) + " (" + rate(done, seconds) + ")";
        if (redraw) {
            draw(line);
            err.println();
        } else {
            err.println(line);
        }
        err.flush();
    }

    /** Ends the bar after a failure, so the error message starts on a line of its own. */
    void fail() {
        String line = label + " ... failed";
        if (redraw) {
            draw(line);
            err.println();
        } else {
            err.println(line);
        }
        err.flush();
    }

    private void draw(String line) {
        // Spaces over what is left of a longer previous line.
        String padding = " ".repeat(Math.max(0, drawnWidth - line.length()));
        err.print("\r" + line + padding);
        err.flush();
        drawnWidth = line.length();
    }

    private String barLine(long now) {
        int filled = total == 0 ? BAR_WIDTH : (int) (done * BAR_WIDTH / total);
        String bar = "=".repeat(filled) + (filled < BAR_WIDTH ? ">" + " ".repeat(BAR_WIDTH - filled - 1) : "");
        return label + " [" + bar + "]  " + progress(now);
    }

    private String progress(long now) {
        double seconds = (now - start) / 1e9;
        String line = String.format(Locale.ROOT, "%3d%%  %,d/%,d  %s", total == 0 ? 100 : done * 100 / total, done,
                total, rate(done, seconds));
        if (done > 0 && done < total && seconds > 0) {
            line += "  " + duration(seconds * (total - done) / done) + " left";
        }
        return line;
    }

    private static String rate(long examples, double seconds) {
        return seconds <= 0 ? "- examples/s" : String.format(Locale.ROOT, "%,.0f examples/s", examples / seconds);
    }

    /** @return e.g. {@code 0.4 s}, {@code 12 s}, {@code 2 min 8 s}, {@code 1 h 5 min} */
    static String duration(double seconds) {
        if (seconds < 10) {
            return String.format(Locale.ROOT, "%.1f s", seconds);
        }
        long whole = Math.round(seconds);
        if (whole < 60) {
            return whole + " s";
        }
        if (whole < 3600) {
            return whole / 60 + " min " + whole % 60 + " s";
        }
        return whole / 3600 + " h " + whole % 3600 / 60 + " min";
    }
}
