/**
 * The catalogue of Keras classes: for every class Keras has, how kinspect handles it (DL4J's
 * mapper, kinspect's own, a configuration rewrite, refused), what recurrence it runs, which weights
 * it keeps, and the README's layer coverage table. The other packages ask {@link
 * org.kinspect.catalog.KerasClasses} instead of keeping their own lists of class names.
 *
 * <pre>{@code
 * KerasClasses.find("GRU").orElseThrow().handling(); // KINSPECT_MAPPER: DL4J has no GRU
 * }</pre>
 *
 * <p><b>Internal</b>: not part of the API users call ({@link org.kinspect.PublicApi}).
 */
package org.kinspect.catalog;
