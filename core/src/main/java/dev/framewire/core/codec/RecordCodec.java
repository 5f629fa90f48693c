package dev.framewire.core.codec;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;

/**
 * Encodes a record as its components in declaration order, each tagged with its runtime type, through the
 * accessors and the canonical constructor (method handles, resolved once per record class and process).
 *
 * <p>Why per class and not per codec: a child process receives its codecs by deserialization at the start of every
 * run, so handles held by the codec instance were resolved again in every run (reflection, method-handle adaptation)
 * and their adapted forms started cold each time.
 *
 * @param <R> the record type
 */
public final class RecordCodec<R extends Record> implements Codec<R> {
    private static final ClassValue<Access> ACCESS = new ClassValue<>() {
        @Override
        protected Access computeValue(Class<?> type) {
            return new Access(type);
        }
    };

    private final Class<R> type;

    private RecordCodec(Class<R> type) {
        this.type = type;
    }

    /**
     * A codec for {@code type}.
     *
     * @throws IllegalArgumentException if {@code type} is not a record, or its components or canonical constructor
     *                                  cannot be reached (a record nested in a private class)
     */
    public static <R extends Record> RecordCodec<R> of(Class<R> type) {
        if (!type.isRecord()) {
            throw new IllegalArgumentException(type.getName() + " is not a record");
        }
        RecordCodec<R> codec = new RecordCodec<>(type);
        codec.access();
        return codec;
    }

    @Override
    public Class<R> type() {
        return type;
    }

    @Override
    public long maxEncodedSize(R value, CodecRegistry registry) {
        long size = 0;
        for (MethodHandle getter : access().getters) {
            size += registry.maxTaggedSize(get(getter, value));
        }
        return size;
    }

    @Override
    public void encode(R value, BinaryOut out, CodecRegistry registry) {
        for (MethodHandle getter : access().getters) {
            registry.writeTagged(get(getter, value), out);
        }
    }

    @Override
    public R decode(BinaryIn in, CodecRegistry registry) {
        Access a = access();
        Object[] args = new Object[a.getters.length];
        for (int i = 0; i < args.length; i++) {
            args[i] = registry.readTagged(in);
        }
        try {
            return type.cast((Object) a.constructor.invokeExact(args));
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("cannot construct " + type.getName() + ": " + e, e);
        }
    }

    private static Object get(MethodHandle getter, Object value) {
        try {
            return (Object) getter.invokeExact(value);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private Access access() {
        return ACCESS.get(type);
    }

    /**
     * The method handles of one record type: getters typed {@code (Object)Object}, the canonical constructor typed
     * {@code (Object[])Object} (its arguments spread from an array), so that every call is an exact invocation.
     */
    private static final class Access {
        final MethodHandle[] getters;
        final MethodHandle constructor;

        Access(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            getters = new MethodHandle[components.length];
            Class<?>[] types = new Class<?>[components.length];
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            try {
                for (int i = 0; i < components.length; i++) {
                    var accessor = components[i].getAccessor();
                    accessor.setAccessible(true);
                    getters[i] = lookup.unreflect(accessor)
                            .asType(MethodType.methodType(Object.class, Object.class));
                    types[i] = components[i].getType();
                }
                var ctor = type.getDeclaredConstructor(types);
                ctor.setAccessible(true);
                constructor = lookup.unreflectConstructor(ctor)
                        .asType(MethodType.genericMethodType(types.length))
                        .asSpreader(Object[].class, types.length);
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new IllegalArgumentException("record " + type.getName() + " cannot be encoded: " + e, e);
            }
        }
    }
}
