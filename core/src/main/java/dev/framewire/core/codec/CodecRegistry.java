package dev.framewire.core.codec;

import dev.framewire.core.frame.Frame;

import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The codecs one run uses, each under a short tag written before every value ({@link #writeTagged}).
 *
 * <p>Built in: the boxed primitives, {@link String}, {@code byte[]}, {@code double[]}, {@link Frame} and
 * {@link List}. Users {@linkplain #register register} codecs for their own types; records and enums that were not
 * registered are encoded anyway, by a derived codec under their class name (a few dozen bytes more per message).
 * Java serialization is never used for messages.
 *
 * <p>Tags are given in registration order, so the coordinator ships its registry to every child (Java
 * serialization, with every child's spec) and both ends agree. What is serialized is the list of registered codecs
 * alone; the receiver rebuilds the built-in ones: a warm engine ships the registry to every child at every run, and
 * serializing all of it (some 150 objects, most of them the built-ins and their maps) made
 * {@code ObjectOutputStream} code hot enough for the coordinator's C2 compiler to spend seconds on it.
 *
 * <p><b>Thread safety.</b> Register everything before sharing the registry; afterwards every method may be called
 * from any thread (derived codecs are cached in a concurrent map).
 */
public final class CodecRegistry implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Tag of a null element inside a list or record; never a top-level message. */
    static final short NULL = 0;
    /** Tag of a record or enum encoded by a codec derived from its class name. */
    static final short NAMED = 1;
    private static final int FIRST_USER_TAG = 64;

    private final List<Codec<?>> byTag = new ArrayList<>();
    private final Map<Class<?>, Short> tagOfType = new ConcurrentHashMap<>();
    private transient volatile Map<String, Codec<?>> derivedByName;
    private transient volatile Map<Class<?>, Codec<?>> derivedByType;

    /** A registry holding the built-in codecs. */
    public static CodecRegistry withDefaults() {
        CodecRegistry r = new CodecRegistry();
        r.byTag.add(null);
        r.byTag.add(null);
        Primitives.boxed().forEach(r::add);
        r.add(new Primitives.StringCodec());
        r.add(new Primitives.ByteArrayCodec());
        r.add(new Primitives.DoubleArrayCodec());
        r.add(new FrameCodec());
        r.add(new ListCodec());
        while (r.byTag.size() < FIRST_USER_TAG) {
            r.byTag.add(null);
        }
        return r;
    }

    private CodecRegistry() {
    }

    /**
     * Adds a codec for a user type. @return this
     *
     * @throws IllegalArgumentException if a codec for that type is already registered
     */
    public synchronized CodecRegistry register(Codec<?> codec) {
        Objects.requireNonNull(codec, "codec");
        if (tagOfType.containsKey(codec.type())) {
            throw new IllegalArgumentException("a codec for " + codec.type().getName() + " is already registered");
        }
        if (byTag.size() > Short.MAX_VALUE) {
            throw new IllegalStateException("too many codecs");
        }
        add(codec);
        return this;
    }

    /** Registers a {@link RecordCodec} for {@code type}, the compact alternative to the name-tagged default. */
    public <R extends Record> CodecRegistry registerRecord(Class<R> type) {
        return register(RecordCodec.of(type));
    }

    private void add(Codec<?> codec) {
        tagOfType.put(codec.type(), (short) byTag.size());
        byTag.add(codec);
    }

    /**
     * Why values of {@code type} cannot cross a process boundary, or {@code null} if they can. Interfaces and
     * abstract types are judged by the concrete values at run time and pass here.
     */
    public String whyNotEncodable(Class<?> type) {
        if (type.isPrimitive() || type.isInterface() || java.lang.reflect.Modifier.isAbstract(type.getModifiers())
                || type == Object.class || codecFor(type) != null) {
            return null;
        }
        return "no codec for " + type.getName() + ": register one with CodecRegistry.register(...) (or make it a record)";
    }

    /**
     * Where {@link #writeTagged} puts the first pixel of a {@link Frame}, counted from the start of what it writes (the
     * frame codec is built in, so its tag is a short one): memory there can hold a frame made in place.
     */
    public long framePixelOffset() {
        return 2 + FrameCodec.HEADER;
    }

    /** Upper bound of the bytes {@link #writeTagged} writes for {@code value} (which may be null). */
    public long maxTaggedSize(Object value) {
        if (value == null) {
            return 2;
        }
        short tag = tagFor(value.getClass());
        @SuppressWarnings("unchecked")
        Codec<Object> codec = (Codec<Object>) codecOf(tag, value.getClass());
        long size = 2 + codec.maxEncodedSize(value, this);
        return tag == NAMED ? size + BinaryOut.maxStringSize(value.getClass().getName()) : size;
    }

    /**
     * Writes the tag of {@code value}'s type, then the value.
     *
     * @throws IllegalArgumentException naming the type if no codec can encode it
     */
    public void writeTagged(Object value, BinaryOut out) {
        if (value == null) {
            out.putShort(NULL);
            return;
        }
        Class<?> type = value.getClass();
        short tag = tagFor(type);
        out.putShort(tag);
        if (tag == NAMED) {
            out.putString(type.getName());
        }
        @SuppressWarnings("unchecked")
        Codec<Object> codec = (Codec<Object>) codecOf(tag, type);
        codec.encode(value, out, this);
    }

    /** Reads what {@link #writeTagged} wrote. */
    public Object readTagged(BinaryIn in) {
        short tag = in.getShort();
        if (tag == NULL) {
            return null;
        }
        Codec<?> codec;
        if (tag == NAMED) {
            codec = derivedByName(in.getString());
        } else {
            codec = tag > 0 && tag < byTag.size() ? byTag.get(tag) : null;
            if (codec == null) {
                throw new IllegalStateException("unknown codec tag " + tag);
            }
        }
        return codec.decode(in, this);
    }

    /** The codec {@link #writeTagged} would use for {@code type}, or null if there is none. */
    public Codec<?> codecFor(Class<?> type) {
        Short tag = tagOfType.get(type);
        if (tag != null) {
            return byTag.get(tag);
        }
        if (List.class.isAssignableFrom(type)) {
            return byTag.get(tagOfType.get(List.class));
        }
        return derived(type);
    }

    private short tagFor(Class<?> type) {
        Short tag = tagOfType.get(type);
        if (tag != null) {
            return tag;
        }
        if (List.class.isAssignableFrom(type)) {
            return tagOfType.get(List.class);
        }
        if (derived(type) != null) {
            return NAMED;
        }
        throw new IllegalArgumentException("cannot encode a " + type.getName()
                + ": register a codec with CodecRegistry.register(...) (or make it a record)");
    }

    private Codec<?> codecOf(short tag, Class<?> type) {
        return tag == NAMED ? derived(type) : byTag.get(tag);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Codec<?> derived(Class<?> type) {
        if (!type.isRecord() && !type.isEnum()) {
            return null;
        }
        Map<Class<?>, Codec<?>> cache = derivedByType;
        if (cache == null) {
            synchronized (this) {
                if (derivedByType == null) {
                    derivedByType = new ConcurrentHashMap<>();
                }
                cache = derivedByType;
            }
        }
        return cache.computeIfAbsent(type, t -> t.isRecord() ? RecordCodec.of((Class) t) : EnumCodec.of((Class) t));
    }

    /** What is serialized instead of this registry: the codecs registered beyond the built-in ones, in order. */
    private synchronized Object writeReplace() {
        return new SerialForm(new ArrayList<>(byTag.subList(FIRST_USER_TAG, byTag.size())));
    }

    private void readObject(ObjectInputStream in) throws InvalidObjectException {
        throw new InvalidObjectException("a CodecRegistry is serialized as its list of registered codecs");
    }

    /** The serialized form of a registry: its registered codecs; the built-in ones are made again on arrival. */
    private record SerialForm(ArrayList<Codec<?>> registered) implements Serializable {
        private Object readResolve() {
            CodecRegistry registry = withDefaults();
            registered.forEach(registry::register);
            return registry;
        }
    }

    private Codec<?> derivedByName(String className) {
        Map<String, Codec<?>> cache = derivedByName;
        if (cache == null) {
            synchronized (this) {
                if (derivedByName == null) {
                    derivedByName = new ConcurrentHashMap<>();
                }
                cache = derivedByName;
            }
        }
        return cache.computeIfAbsent(className, name -> {
            Class<?> type;
            try {
                ClassLoader loader = Thread.currentThread().getContextClassLoader();
                type = Class.forName(name, false, loader != null ? loader : CodecRegistry.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("message of unknown class " + name + " (class path differs?)", e);
            }
            Codec<?> codec = derived(type);
            if (codec == null) {
                throw new IllegalStateException("message of class " + name + " is neither a record nor an enum");
            }
            return codec;
        });
    }
}
