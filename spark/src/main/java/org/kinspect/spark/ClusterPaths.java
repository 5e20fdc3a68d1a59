package org.kinspect.spark;

import java.util.regex.Pattern;

/**
 * Locations given on the command line that name a cluster file system ({@code hdfs://nn/data},
 * {@code s3a://bucket/data}): the command line parses them as paths, which folds {@code //} to
 * {@code /}; this gives Spark the URI back.
 *
 * <pre>{@code
 * ClusterPaths.uri("hdfs:/namenode/data.parquet");   // "hdfs://namenode/data.parquet"
 * }</pre>
 */
final class ClusterPaths {
    private static final Pattern FOLDED = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]+):/([^/].*)$");
    private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]+:/.*$");

    private ClusterPaths() {}

    /** @return true for a URI of a file system other than the local one */
    static boolean isRemote(String location) {
        return SCHEME.matcher(location).matches() && !location.startsWith("file:");
    }

    /** @return the location with a folded {@code scheme:/} put back to {@code scheme://} */
    static String uri(String location) {
        var match = FOLDED.matcher(location);
        return match.matches() && !location.startsWith("file:") ? match.group(1) + "://" + match.group(2) : location;
    }
}
