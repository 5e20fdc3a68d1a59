package org.kinspect;

import org.kinspect.custom.CustomObjects;


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
 * @param describeOnly true to import a Lambda layer that has no Java replacement as a stand-in,
 *     so that the model can be summarised and its memory planned; running it then fails naming
 *     the Lambda
 */
public record ImportOptions(CustomObjects customObjects, boolean strict, boolean describeOnly) {

    public ImportOptions {
        java.util.Objects.requireNonNull(customObjects, "customObjects");
    }

    /**
     * @param customObjects Java implementations of the model's custom Keras objects
     * @param strict true to refuse unknown objects
     */
    public ImportOptions(CustomObjects customObjects, boolean strict) {
        this(customObjects, strict, false);
    }

    /** @return no custom objects, not strict, for running */
    public static ImportOptions defaults() {
        return new ImportOptions(CustomObjects.none(), false);
    }

    /**
     * <pre>{@code
     * ModelSummary summary = InspectedModel.open(file, ImportOptions.defaults().withDescribeOnly(true)).summary();
     * }</pre>
     *
     * @param onlyToDescribe true when the model is opened to be described, not run: Lambda layers
     *     without a Java replacement are then accepted
     * @return these options with that
     */
    public ImportOptions withDescribeOnly(boolean onlyToDescribe) {
        return new ImportOptions(customObjects, strict, onlyToDescribe);
    }

    /**
     * @param objects the custom objects
     * @return these options with them
     */
    public ImportOptions withCustomObjects(CustomObjects objects) {
        return new ImportOptions(objects, strict, describeOnly);
    }

    /**
     * @param refuseUnknown true to refuse a model with objects kinspect does not know
     * @return these options with that
     */
    public ImportOptions withStrict(boolean refuseUnknown) {
        return new ImportOptions(customObjects, refuseUnknown, describeOnly);
    }
}
