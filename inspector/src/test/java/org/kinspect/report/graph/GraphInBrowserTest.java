package org.kinspect.report.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kinspect.InspectedModel;
import org.kinspect.inspect.KerasReference;
import org.kinspect.report.ReportOptions;
import org.kinspect.report.ReportWriter;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The report's page, graph on top, rendered by a real headless browser: Debian's Chromium (or a
 * Chrome already installed). When none is installed and the tests run as root with apt-get, the
 * test installs Debian's {@code chromium}; otherwise it is skipped, saying why.
 */
class GraphInBrowserTest {
    private static final List<String> BROWSERS = List.of("chromium", "chromium-browser", "google-chrome",
            "google-chrome-stable");
    /** The strongest colour of the node scale (GraphDrawing's HIGH), on the most active node. */
    private static final int[] STRONG_ORANGE = {241, 105, 19};

    @TempDir
    Path folder;

    @Test
    void theReportWithItsGraphRendersInAHeadlessBrowserWithoutConsoleErrors() throws Exception {
        String browser = browser().orElseGet(GraphInBrowserTest::installChromium);
        Path samples = Path.of("../samples/models");
        InspectedModel model = InspectedModel.open(samples.resolve("reverse_digits.keras"));
        KerasReference reference = KerasReference.read(samples.resolve("reverse_digits_io.h5"));
        Map<String, INDArray> activations = model.activations(reference.inputs());
        Path index = ReportWriter.write(model, activations, ReportOptions.defaults(), folder).index();
        String page = Files.readString(index);
        assertTrue(page.indexOf("<svg") < page.indexOf("id=\"summary\""), "the graph comes before the summary");

        Path screenshot = folder.resolve("screenshot.png");
        Path profile = Files.createDirectories(folder.resolve("profile"));
        List<String> command = new ArrayList<>(List.of(browser, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--no-first-run", "--user-data-dir=" + profile,
                "--enable-logging=stderr", "--v=0", "--window-size=1000,1400",
                "--screenshot=" + screenshot, index.toUri().toString()));
        Path log = folder.resolve("browser.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            Assumptions.abort(browser + " did not finish within 120 s on this machine");
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(Files.isRegularFile(screenshot), browser + " wrote no screenshot:\n" + output);
        List<String> console = output.lines().filter(line -> line.contains(":CONSOLE")).toList();
        assertEquals(List.of(), console, "the page logs nothing to the browser's console");

        BufferedImage image = ImageIO.read(screenshot.toFile());
        long drawn = 0;
        long orange = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int red = (rgb >> 16) & 0xff;
                int green = (rgb >> 8) & 0xff;
                int blue = rgb & 0xff;
                if (red < 250 || green < 250 || blue < 250) drawn++;
                if (Math.abs(red - STRONG_ORANGE[0]) < 12 && Math.abs(green - STRONG_ORANGE[1]) < 12
                        && Math.abs(blue - STRONG_ORANGE[2]) < 12) orange++;
            }
        }
        long pixels = (long) image.getWidth() * image.getHeight();
        assertTrue(drawn > pixels / 50, "the screenshot is not blank: " + drawn + " of " + pixels + " pixels drawn");
        // The most active node is filled with the top of the scale: the SVG itself was rendered, not just the text.
        assertTrue(orange > 500, "the graph's most active node is drawn: " + orange + " strong orange pixels");
    }

    private static Optional<String> browser() {
        for (String name : BROWSERS) {
            for (String directory : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
                Path candidate = Path.of(directory, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate.toString());
                }
            }
        }
        return Optional.empty();
    }

    /** Debian's chromium, when this process may install it (root, apt-get); else the test is skipped. */
    private static String installChromium() {
        boolean root = "root".equals(System.getProperty("user.name"));
        boolean apt = Files.isExecutable(Path.of("/usr/bin/apt-get"));
        Assumptions.assumeTrue(root && apt, "no headless browser (chromium) installed, and this test can only install"
                + " Debian's chromium as root with apt-get: apt-get install -y chromium");
        try {
            if (!run("apt-get", "install", "-y", "chromium")) {
                run("apt-get", "update");
                run("apt-get", "install", "-y", "chromium");
            }
        } catch (IOException | InterruptedException e) {
            Assumptions.abort("could not install chromium: " + e.getMessage());
        }
        return browser().orElseGet(() -> {
            Assumptions.abort("apt-get install -y chromium did not give a chromium command");
            return null;
        });
    }

    private static boolean run(String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
        Process process = builder.start();
        if (!process.waitFor(15, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            return false;
        }
        return process.exitValue() == 0;
    }
}
