package org.kinspect;

/**
 * How {@link InspectedModel#open(java.nio.file.Path, ImportOptions)} imports a model.
 *
 * <pre>{@code
 * ImportOptions options = ImportOptions.defaults().withCustomObjects(custom).withStrict(true);
 * }</pre>
 *
 * @param customObjects Java implementations of the model's custom Keras objects
 * @param strict true to refuse a model that names objects kinspect does not know (an unknown
 *     initializer), which otherwise imports with a warning since the file's weights make it
 *     irrelevant to what the model computes
 */
public record ImportOptions(CustomObjects customObjects, boolean strict) {

    public ImportOptions {
        java.util.Objects.requireNonNull(customObjects, "customObjects");
    }

    /** @return no custom objects, not strict */
    public static ImportOptions defaults() {
        return new ImportOptions(CustomObjects.none(), false);
    }

    /**
     * @param objects the custom objects
     * @return these options with them
     */
    public ImportOptions withCustomObjects(CustomObjects objects) {
        return new ImportOptions(objects, strict);
    }

    /**
     * @param refuseUnknown true to refuse a model with objects kinspect does not know
     * @return these options with that
     */
    public ImportOptions withStrict(boolean refuseUnknown) {
        return new ImportOptions(customObjects, refuseUnknown);
    }
}
