package org.kinspect.spark;

import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark session a command runs in: in this process for a {@code local[...]} master (no web UI,
 * no progress bar on stderr, Spark's log quiet so stdout is the table or JSON alone), or the
 * cluster's under spark-submit. Closing stops it.
 *
 * <pre>{@code
 * try (SparkSessions.Session session = SparkSessions.start("local[2]", "kinspect units")) {
 *     String shipped = session.ship("model.keras");
 * }
 * }</pre>
 */
final class SparkSessions {
    private static final String QUIET_LOG = "org/kinspect/spark/log4j2-quiet.properties";

    private SparkSessions() {}

    /** A running session. */
    record Session(SparkSession spark) implements AutoCloseable {

        /**
         * Ships a file to every executor with the job.
         *
         * @param file the file
         * @return its name, for {@code SparkFiles.get} on the executors
         */
        String ship(String file) {
            spark.sparkContext().addFile(Path.of(file).toAbsolutePath().toString());
            return Path.of(file).getFileName().toString();
        }

        @Override
        public void close() {
            spark.stop();
        }
    }

    /**
     * @param master the master URL
     * @param name the application's name
     * @return the session
     */
    static Session start(String master, String name) {
        quietLog();
        SparkSession.Builder builder = SparkSession.builder().appName(name).master(master)
                .config("spark.ui.showConsoleProgress", "false");
        if (master.startsWith("local")) {
            builder.config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1");
        }
        return new Session(builder.getOrCreate());
    }

    /**
     * Turns Spark's log off unless the user configured log4j2: before log4j2 starts through the
     * property, and after (when the model import started it with its defaults) by reconfiguring.
     */
    static void quietLog() {
        java.net.URL quiet = SparkSessions.class.getClassLoader().getResource(QUIET_LOG);
        String configured = System.getProperty("log4j2.configurationFile");
        if (quiet == null || configured != null && !configured.equals(quiet.toString())) {
            return;
        }
        System.setProperty("log4j2.configurationFile", quiet.toString());
        try {
            org.apache.logging.log4j.core.config.Configurator.reconfigure(quiet.toURI());
        } catch (java.net.URISyntaxException | LinkageError | RuntimeException e) {
            // Without log4j2's core (another logger on a cluster), Spark's log stays as the cluster set it.
        }
    }
}
