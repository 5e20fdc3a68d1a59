package org.kinspect.graph;

/**
 * Whether a class takes a public method as one class declares it (does not override it), asked
 * once per class: the import asks it of every layer it copies weights into, and
 * {@code Class.getMethod} walks the class's methods and copies them on every call.
 *
 * <pre>{@code
 * InheritedMethod plainCopy = new InheritedMethod(KerasLayer.class, "copyWeightsToLayer", Layer.class);
 * plainCopy.isInheritedBy(kerasDense.getClass()); // true: KerasDense does not override it
 * }</pre>
 */
final class InheritedMethod {
    private final ClassValue<Boolean> inherited;

    /**
     * @param declaring the class whose declaration is asked for
     * @param method the public method's name
     * @param parameterTypes its parameter types
     */
    InheritedMethod(Class<?> declaring, String method, Class<?>... parameterTypes) {
        Class<?>[] parameters = parameterTypes.clone();
        inherited = new ClassValue<>() {
            @Override
            protected Boolean computeValue(Class<?> type) {
                try {
                    return declaring.equals(type.getMethod(method, parameters).getDeclaringClass());
                } catch (NoSuchMethodException e) {
                    return false; // a class without the method does not take it from anyone
                }
            }
        };
    }

    /**
     * @param type a class
     * @return whether its public method is the one {@code declaring} declares; false when it has none
     */
    boolean isInheritedBy(Class<?> type) {
        return inherited.get(type);
    }
}
