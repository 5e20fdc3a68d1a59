package org.kinspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.kinspect.custom.CustomObjects;
import org.kinspect.errors.KinspectException;

/**
 * {@link PublicApi} is the one list of what is exported, and every package says the same in its
 * {@code package-info.java}: <b>Exported</b> for a listed package, <b>Internal</b> for the others,
 * naming the listed types it exports.
 */
class PublicApiTest {

    private static final Path SOURCES = Path.of("src/main/java");

    @Test
    void everyPackageSaysWhetherItIsExported() throws IOException {
        List<String> wrong = new ArrayList<>();
        List<String> packages = packages();
        assertTrue(packages.size() > 30, packages.toString());
        for (String name : packages) {
            Path info = SOURCES.resolve(name.replace('.', '/')).resolve("package-info.java");
            if (!Files.exists(info)) {
                wrong.add(name + ": no package-info.java");
                continue;
            }
            String text = Files.readString(info);
            boolean exported = PublicApi.isExportedPackage(name);
            if (exported != text.contains("<b>Exported</b>") || exported == text.contains("<b>Internal</b>")) {
                wrong.add(name + ": PublicApi says " + (exported ? "exported" : "internal"));
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void everyListedPackageAndTypeExists() throws IOException {
        List<String> packages = packages();
        for (String name : PublicApi.PACKAGES) {
            assertTrue(packages.contains(name), name + " is no package of the library");
        }
        for (String type : PublicApi.TYPES) {
            String packageName = type.substring(0, type.lastIndexOf('.'));
            assertTrue(Files.exists(SOURCES.resolve(type.replace('.', '/') + ".java")), type + " does not exist");
            assertFalse(PublicApi.isExportedPackage(packageName), type + ": its whole package is exported already");
            String info = Files.readString(SOURCES.resolve(packageName.replace('.', '/')).resolve("package-info.java"));
            assertTrue(info.contains(type.substring(packageName.length() + 1)), packageName + "'s package-info does not name "
                    + type + " as exported");
        }
        for (String type : PublicApi.LIBRARY_ONLY) {
            String packageName = type.substring(0, type.lastIndexOf('.'));
            assertTrue(Files.exists(SOURCES.resolve(type.replace('.', '/') + ".java")), type + " does not exist");
            assertTrue(PublicApi.isExportedPackage(packageName), type + ": its package is internal already");
            String info = Files.readString(SOURCES.resolve(packageName.replace('.', '/')).resolve("package-info.java"));
            assertTrue(info.contains(type.substring(packageName.length() + 1)) && info.contains("LIBRARY_ONLY"),
                    packageName + "'s package-info does not name " + type + " as kept to the library");
        }
    }

    @Test
    void typesAreExportedByPackageOrByName() {
        assertTrue(PublicApi.isExported("org.kinspect.InspectedModel"));
        assertTrue(PublicApi.isExported("org.kinspect.errors.KinspectException.Problem"));
        assertTrue(PublicApi.isExported("org.kinspect.inspect.memory.MemoryPlan"));
        assertTrue(PublicApi.isExported("org.kinspect.shape.KerasShape"));
        assertTrue(PublicApi.isExported("org.kinspect.config.InitialStateSource.Origin"));
        assertFalse(PublicApi.isExported("org.kinspect.shape.ShapeModel"));
        assertFalse(PublicApi.isExported("org.kinspect.config.LayerSpec"));
        assertFalse(PublicApi.isExported("org.kinspect.file.ModelArchive"));
        assertFalse(PublicApi.isExported("org.kinspect.ModelInternals"));
        assertFalse(PublicApi.isExported("org.kinspect.inspect.ActivationProbe"));
        assertFalse(PublicApi.isExported("org.kinspect.gradients.WeightNumbering.Element"));
        assertTrue(PublicApi.isExported("org.kinspect.convert.Conversion"));
        assertFalse(PublicApi.isExported("org.kinspect.convert.ConvertedModelWriter"));
        assertFalse(PublicApi.isExported("org.kinspect.graph.layers.KinspectKerasLayers"));
        assertFalse(PublicApi.isExported("org.kinspect.inspect"), "a package is no type");
    }

    @Test
    void exportedSignaturesNameNoOtherInternalType() throws IOException, ClassNotFoundException {
        Set<String> leaks = new TreeSet<>();
        for (Class<?> type : exportedTypes()) {
            List<Type> named = new ArrayList<>();
            // What a user's class sees of it: supertypes (a user calls their public methods too)...
            if (type.getGenericSuperclass() != null) {
                named.add(type.getGenericSuperclass());
            }
            named.addAll(List.of(type.getGenericInterfaces()));
            // ...and its public members, with what they throw.
            for (Method method : type.getDeclaredMethods()) {
                if (Modifier.isPublic(method.getModifiers()) && !method.isSynthetic()) {
                    named.add(method.getGenericReturnType());
                    named.addAll(List.of(method.getGenericParameterTypes()));
                    named.addAll(List.of(method.getGenericExceptionTypes()));
                }
            }
            for (Constructor<?> constructor : type.getDeclaredConstructors()) {
                if (Modifier.isPublic(constructor.getModifiers())) {
                    named.addAll(List.of(constructor.getGenericParameterTypes()));
                    named.addAll(List.of(constructor.getGenericExceptionTypes()));
                }
            }
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isPublic(field.getModifiers())) {
                    named.add(field.getGenericType());
                }
            }
            Set<Class<?>> classes = new HashSet<>();
            named.forEach(each -> classesIn(each, classes));
            for (Class<?> used : classes) {
                if (used.getName().startsWith("org.kinspect.") && !PublicApi.isExported(used.getName().replace('$', '.'))) {
                    leaks.add(type.getName() + " -> " + used.getName());
                }
            }
        }
        assertEquals(Set.of(), leaks, "public signatures of exported types name internal types: make the member "
                + "package-private, move the class to an internal package (or, for a class the library works with, "
                + "keep it to the library in PublicApi.LIBRARY_ONLY), or give users a read-only exported view");
    }

    /** @return the public types (nested ones included) of the exported set */
    private static List<Class<?>> exportedTypes() throws IOException, ClassNotFoundException {
        List<Class<?>> types = new ArrayList<>();
        List<Path> sources;
        try (Stream<Path> files = Files.walk(SOURCES)) {
            sources = files.filter(file -> file.toString().endsWith(".java")
                    && !file.getFileName().toString().equals("package-info.java")).sorted().toList();
        }
        for (Path source : sources) {
            String name = SOURCES.relativize(source).toString().replace('/', '.').replaceAll("\\.java$", "");
            List<Class<?>> pending = new ArrayList<>(List.of(Class.forName(name, false, PublicApiTest.class.getClassLoader())));
            while (!pending.isEmpty()) {
                Class<?> type = pending.remove(0);
                if (Modifier.isPublic(type.getModifiers()) && PublicApi.isExported(type.getName().replace('$', '.'))) {
                    types.add(type);
                    pending.addAll(List.of(type.getDeclaredClasses()));
                }
            }
        }
        return types;
    }

    private static void classesIn(Type type, Set<Class<?>> classes) {
        classesIn(type, classes, new HashSet<>());
    }

    private static void classesIn(Type type, Set<Class<?>> classes, Set<TypeVariable<?>> variables) {
        if (type instanceof Class<?> plain) {
            while (plain.isArray()) {
                plain = plain.getComponentType();
            }
            classes.add(plain);
        } else if (type instanceof ParameterizedType parameterized) {
            classesIn(parameterized.getRawType(), classes, variables);
            for (Type argument : parameterized.getActualTypeArguments()) {
                classesIn(argument, classes, variables);
            }
        } else if (type instanceof GenericArrayType array) {
            classesIn(array.getGenericComponentType(), classes, variables);
        } else if (type instanceof WildcardType wildcard) {
            List.of(wildcard.getUpperBounds()).forEach(bound -> classesIn(bound, classes, variables));
            List.of(wildcard.getLowerBounds()).forEach(bound -> classesIn(bound, classes, variables));
        } else if (type instanceof TypeVariable<?> variable && variables.add(variable)) {
            // <T extends Bound>: the bound is named; a bound naming T again is read once
            List.of(variable.getBounds()).forEach(bound -> classesIn(bound, classes, variables));
        }
    }

    /** @return every package of the library with a Java source */
    private static List<String> packages() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(file -> file.toString().endsWith(".java"))
                    .map(file -> SOURCES.relativize(file.getParent()).toString().replace('/', '.'))
                    .distinct().sorted().toList();
        }
    }
}
