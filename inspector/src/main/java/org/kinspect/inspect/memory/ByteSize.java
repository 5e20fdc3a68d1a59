package org.kinspect.inspect.memory;

import java.util.Locale;

/**
 * Byte counts for people, in decimal units as disk and memory makers count them: 1 KB = 1000 B,
 * 1 MB = 1000 KB, 1 GB = 1000 MB.
 *
 * <pre>{@code
 * ByteSize.human(999);            // 999 B
 * ByteSize.human(40_249_856);     // 40.25 MB
 * ByteSize.human(1_500_000_000);  // 1.50 GB
 * }</pre>
 */
public final class ByteSize {
    /** Says which units {@link #human} uses, for output that shows them. */
    public static final String UNITS = "1 KB = 1000 bytes, 1 MB = 1000 KB, 1 GB = 1000 MB";

    private ByteSize() {}

    /**
     * @param bytes a byte count
     * @return it in B below 1 KB, else in KB, MB or GB with two decimals (GB is the largest unit)
     */
    public static String human(long bytes) {
        if (Math.abs(bytes) < 1_000) {
            return bytes + " B";
        }
        String[] units = {"KB", "MB", "GB"};
        double value = bytes / 1_000.0;
        int unit = 0;
        while (unit < units.length - 1 && Math.abs(value) >= 999.995) { // so that 999,999 B is 1.00 MB, not 1,000.00 KB
            value /= 1_000;
            unit++;
        }
        return String.format(Locale.ROOT, "%,.2f %s", value, units[unit]);
    }
}
