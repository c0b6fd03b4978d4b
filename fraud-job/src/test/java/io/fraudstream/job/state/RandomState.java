package io.fraudstream.job.state;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.SplittableRandom;

/**
 * Fills every instance field of a state object with random values, reflectively, recursing into
 * nested state objects: a serializer that forgets a field, now or after a field is added, fails its
 * round trip.
 */
final class RandomState {

    private RandomState() {}

    /** Whether two objects hold equal values in every field, recursively. */
    static boolean sameFields(Object a, Object b) {
        try {
            org.assertj.core.api.Assertions.assertThat(a).usingRecursiveComparison().isEqualTo(b);
            return true;
        } catch (AssertionError e) {
            return false;
        }
    }

    static <T> T fill(T target, SplittableRandom random) {
        try {
            for (Class<?> c = target.getClass(); c != Object.class; c = c.getSuperclass()) {
                for (Field field : c.getDeclaredFields()) {
                    if (Modifier.isStatic(field.getModifiers())) {
                        continue;
                    }
                    field.setAccessible(true);
                    field.set(target, value(field.getType(), random, field.get(target)));
                }
            }
            return target;
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private static Object value(Class<?> type, SplittableRandom random, Object current)
            throws ReflectiveOperationException {
        if (type == long.class) {
            return random.nextLong();
        } else if (type == int.class) {
            return random.nextInt();
        } else if (type == double.class) {
            return random.nextDouble() * 1e6 - 5e5;
        } else if (type == float.class) {
            return (float) random.nextDouble();
        } else if (type == short.class) {
            return (short) random.nextInt();
        } else if (type == byte.class) {
            return (byte) random.nextInt();
        } else if (type == boolean.class) {
            return random.nextBoolean();
        } else if (type.isArray()) {
            if (random.nextInt(8) == 0) {
                return null;
            }
            int n = random.nextInt(40);
            Object array = java.lang.reflect.Array.newInstance(type.getComponentType(), n);
            for (int i = 0; i < n; i++) {
                Object element =
                        type.getComponentType() == String.class
                                ? (random.nextInt(5) == 0 ? null : "t-" + random.nextLong())
                                : value(type.getComponentType(), random, null);
                java.lang.reflect.Array.set(array, i, element);
            }
            return array;
        } else if (type == String.class) {
            return "s-" + random.nextLong();
        }
        // a nested state object
        Object nested = current != null ? current : type.getDeclaredConstructor().newInstance();
        return fill(nested, random);
    }
}
