package io.github.dl4jrecipes.core.data.internal;

import io.github.dl4jrecipes.core.data.DataLoadException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * One IDX file (the MNIST format: big-endian magic {@code 0x0000 0x08 ndims}, {@code ndims}
 * 32-bit sizes, then unsigned bytes), gzip-compressed or plain, read in bulk.
 *
 * @param path where it was read from (for messages)
 * @param dims the sizes, outermost first
 * @param bytes the unsigned byte payload, row-major
 */
public record IdxFile(Path path, int[] dims, byte[] bytes) {

    /** IDX type code of unsigned bytes, the only type MNIST-style sets use. */
    private static final int UNSIGNED_BYTE = 0x08;
    /** Bytes of the magic number and of each dimension size. */
    private static final int INT_BYTES = Integer.BYTES;
    /** First two bytes of a gzip stream (RFC 1952). */
    private static final int GZIP_MAGIC_0 = 0x1f;
    private static final int GZIP_MAGIC_1 = 0x8b;
    private static final int GZIP_MAGIC_LENGTH = 2;
    private static final int BYTE_MASK = 0xFF;
    private static final int BUFFER_BYTES = 1 << 16;

    /** Reads and validates {@code path}, which must have {@code expectedDims} dimensions. */
    public static IdxFile read(Path path, int expectedDims) {
        byte[] raw = readAll(path);
        ByteBuffer buffer = ByteBuffer.wrap(raw);
        if (raw.length < INT_BYTES) {
            throw bad(path, "is truncated: " + raw.length + " bytes, shorter than the 4-byte magic number");
        }
        int magic = buffer.getInt();
        int type = (magic >>> Byte.SIZE) & BYTE_MASK;
        int ndims = magic & BYTE_MASK;
        if ((magic >>> Short.SIZE) != 0 || type != UNSIGNED_BYTE || ndims != expectedDims) {
            throw bad(path, String.format("has the wrong magic number 0x%08X (expected 0x%08X: unsigned bytes, %d dimensions)",
                    magic, (UNSIGNED_BYTE << Byte.SIZE) | expectedDims, expectedDims));
        }
        int header = INT_BYTES * (1 + ndims);
        if (raw.length < header) {
            throw bad(path, "is truncated inside its header: " + raw.length + " bytes, the header needs " + header);
        }
        int[] dims = new int[ndims];
        long expected = 1;
        for (int d = 0; d < ndims; d++) {
            dims[d] = buffer.getInt();
            if (dims[d] < 0) {
                throw bad(path, "declares a negative size " + dims[d] + " for dimension " + d);
            }
            expected *= dims[d];
        }
        long actual = raw.length - (long) header;
        if (actual != expected) {
            throw bad(path, (actual < expected ? "is truncated" : "has trailing bytes") + ": header "
                    + Arrays.toString(dims) + " needs " + expected + " data bytes, found " + actual);
        }
        return new IdxFile(path, dims, Arrays.copyOfRange(raw, header, raw.length));
    }

    /** Number of items (the outermost dimension). */
    public int count() {
        return dims[0];
    }

    /** The payload as floats in [0, 1] ({@code byte / maxValue}). */
    public float[] scaled(float maxValue) {
        float[] out = new float[bytes.length];
        float scale = 1f / maxValue;
        for (int i = 0; i < bytes.length; i++) {
            out[i] = (bytes[i] & BYTE_MASK) * scale;
        }
        return out;
    }

    /** The payload as unsigned ints (labels). */
    public int[] unsigned() {
        int[] out = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = bytes[i] & BYTE_MASK;
        }
        return out;
    }

    private static byte[] readAll(Path path) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(path), BUFFER_BYTES)) {
            in.mark(GZIP_MAGIC_LENGTH);
            int b0 = in.read();
            int b1 = in.read();
            in.reset();
            if (b0 == GZIP_MAGIC_0 && b1 == GZIP_MAGIC_1) {
                try (InputStream gz = new GZIPInputStream(in, BUFFER_BYTES)) {
                    return gz.readAllBytes();
                }
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new DataLoadException("IDX file " + path + " cannot be read (" + e + "); fix: check the file is "
                    + "complete and readable, or delete it so it is found elsewhere or downloaded again", e);
        }
    }

    private static DataLoadException bad(Path path, String what) {
        return new DataLoadException("IDX file " + path + " " + what + "; fix: replace it with an intact copy "
                + "of the original file (delete it and load again to download it)");
    }
}
