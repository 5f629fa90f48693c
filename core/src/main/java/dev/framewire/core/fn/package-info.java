/**
 * Functional interfaces for node functions. Each extends its {@code java.util.function} counterpart (where one
 * exists) and {@link java.io.Serializable}, so a lambda or method reference a user writes against them is
 * serializable: the process engine ships node functions to child JVMs the way Flink ships user functions.
 * A lambda is only as serializable as what it captures; the process engine refuses, by node name, a function
 * that cannot be serialized before anything starts.
 */
package dev.framewire.core.fn;
