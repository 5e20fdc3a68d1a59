package org.kinspect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The progress bar with a clock the test moves. */
class ProgressBarTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void inALogSlowRunsGetALineEachTenthAndQuickOnesOnlyTheClosingLine() {
        StringWriter text = new StringWriter();
        AtomicLong now = new AtomicLong();
        ProgressBar bar = new ProgressBar(new PrintWriter(text, true), "surveying lstm_1", 1000, false, now::get);
        for (int done = 100; done <= 1000; done += 100) {
            now.addAndGet(SECOND);
            bar.examplesDone(done);
        }
        bar.finish();
        List<String> lines = text.toString().lines().toList();
        // The first two tenths come before the run has taken 2 s; the last is the closing line.
        assertEquals("surveying lstm_1:  20%  200/1,000  100 examples/s  8.0 s left", lines.get(0));
        assertEquals(9, lines.size(), text.toString());
        assertEquals("surveying lstm_1 ... done in 10 s (100 examples/s)", lines.get(lines.size() - 1));

        StringWriter quick = new StringWriter();
        AtomicLong fast = new AtomicLong();
        ProgressBar quickBar = new ProgressBar(new PrintWriter(quick, true), "surveying x", 10, false, fast::get);
        fast.addAndGet(SECOND / 2);
        quickBar.examplesDone(10);
        quickBar.finish();
        assertEquals("surveying x ... done in 0.5 s (20 examples/s)\n", quick.toString().replace("\r\n", "\n"));
    }

    @Test
    void inATerminalOneLineIsRedrawn() {
        StringWriter text = new StringWriter();
        AtomicLong now = new AtomicLong();
        ProgressBar bar = new ProgressBar(new PrintWriter(text, true), "surveying lstm_1", 400, true, now::get);
        now.addAndGet(SECOND);
        bar.examplesDone(100);
        now.addAndGet(SECOND);
        bar.examplesDone(400);
        bar.finish();
        String drawn = text.toString();
        assertTrue(drawn.startsWith("\rsurveying lstm_1 [=====>              ]   25%  100/400  100 examples/s  3.0 s left"),
                drawn);
        assertTrue(drawn.contains("\rsurveying lstm_1 [====================]  100%  400/400"), drawn);
        assertTrue(drawn.contains("\rsurveying lstm_1 ... done in 2.0 s (200 examples/s)"), drawn);
        assertEquals(1, drawn.chars().filter(c -> c == '\n').count(), "one line, redrawn in place");
    }

    @Test
    void durationsReadNaturally() {
        assertEquals("0.4 s", ProgressBar.duration(0.42));
        assertEquals("12 s", ProgressBar.duration(12.2));
        assertEquals("2 min 8 s", ProgressBar.duration(128));
        assertEquals("1 h 5 min", ProgressBar.duration(3900));
    }
}
