package dev.framewire.analyzers.kernels;

import java.math.BigInteger;

/**
 * An exact unsigned 128-bit running sum of non-negative longs: the sum of squared Laplacians of a large photo
 * overflows 64 bits (a 12 MP frame can reach 1.2e19), and the native kernels sum in {@code unsigned __int128}.
 * Not thread-safe.
 */
final class Int128Sum {
    private long high;
    private long low;

    /** Adds {@code value}, which must be {@code >= 0}. */
    void add(long value) {
        long sum = low + value;
        if (Long.compareUnsigned(sum, low) < 0) {
            high++;
        }
        low = sum;
    }

    BigInteger toBigInteger() {
        BigInteger lowPart = new BigInteger(Long.toUnsignedString(low));
        return BigInteger.valueOf(high).shiftLeft(64).add(lowPart);
    }
}
