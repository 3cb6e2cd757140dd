package io.github.dl4jrecipes.core.data;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes tiny IDX files for tests: image i has every pixel equal to {@code 10 * i}. */
final class IdxTestFiles {

    static final int SIDE = 4;
    static final int IMAGE_MAGIC = 0x00000803;
    static final int LABEL_MAGIC = 0x00000801;

    private IdxTestFiles() {
    }

    static byte[] images(int n) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(IMAGE_MAGIC);
        out.writeInt(n);
        out.writeInt(SIDE);
        out.writeInt(SIDE);
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < SIDE * SIDE; p++) {
                out.writeByte(10 * i);
            }
        }
        return bytes.toByteArray();
    }

    static byte[] labels(int... values) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(LABEL_MAGIC);
        out.writeInt(values.length);
        for (int v : values) {
            out.writeByte(v);
        }
        return bytes.toByteArray();
    }

    static byte[] gzip(byte[] plain) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(plain);
        }
        return bytes.toByteArray();
    }

    /** A complete set in {@code dir}: 5 train images (labels 0..4 mod 10), 3 test images. */
    static Path writeSet(Path dir, boolean gzip) throws IOException {
        Files.createDirectories(dir);
        write(dir, IdxSpec.TRAIN_IMAGES, images(5), gzip);
        write(dir, IdxSpec.TRAIN_LABELS, labels(0, 1, 2, 3, 9), gzip);
        write(dir, IdxSpec.TEST_IMAGES, images(3), gzip);
        write(dir, IdxSpec.TEST_LABELS, labels(7, 8, 9), gzip);
        return dir;
    }

    static Path write(Path dir, String name, byte[] plain, boolean gzip) throws IOException {
        Path file = dir.resolve(gzip ? name + IdxSpec.GZIP_SUFFIX : name);
        Files.write(file, gzip ? gzip(plain) : plain);
        return file;
    }
}
