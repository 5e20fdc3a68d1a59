package org.kinspect.convert;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The version of the converted format, and of the kinspect that writes it.
 *
 * <pre>{@code
 * ConvertedModelFormat.VERSION;           // 2: what this kinspect writes and the newest it reads
 * ConvertedModelFormat.kinspectVersion(); // "0.1.0"
 * }</pre>
 */
public final class ConvertedModelFormat {
    /**
     * The converted format this kinspect writes and the newest it reads. Raised whenever an entry or
     * a field changes meaning; a file of a higher version is refused in one line, never misread.
     * 2: a layer's notes (a shared layer's later call, an operation, an attention call...) are saved
     * beside its configuration, no longer in it; files of version 1 are read still.
     */
    public static final int VERSION = 2;
    /** ModelSerializer's entries: DL4J's configuration JSON and the parameters. */
    static final String DL4J_CONFIGURATION = "configuration.json";
    static final String DL4J_COEFFICIENTS = "coefficients.bin";
    /** What the metadata says it is, beside the entry's name. */
    static final String FORMAT_NAME = "kinspect converted model";

    private ConvertedModelFormat() {}

    /** @return the version of this kinspect, or {@code unknown} when its jar does not say */
    public static String kinspectVersion() {
        Properties properties = new Properties();
        try (InputStream in = ConvertedModelFormat.class.getResourceAsStream("kinspect.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            // a jar we cannot read our own resource from: say unknown
        }
        String version = properties.getProperty("version", "unknown");
        return version.startsWith("${") ? "unknown" : version;
    }
}
