package io.github.dl4jrecipes.core.data.internal;

import java.util.Arrays;

/** A growable list of {@code int}s, without a boxed {@code Integer} per element. */
public final class IntList {

    /** Capacity of a new list. */
    private static final int INITIAL_CAPACITY = 16;

    private int[] values = new int[INITIAL_CAPACITY];
    private int size;

    /** Appends {@code value}. */
    public void add(int value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = value;
    }

    /** The element at {@code index}. */
    public int get(int index) {
        return values[index];
    }

    /** Replaces the element at {@code index}. */
    public void set(int index, int value) {
        values[index] = value;
    }

    /** Number of elements. */
    public int size() {
        return size;
    }

    /** The elements, in a new array of exactly {@link #size()}. */
    public int[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
