package io.github.dl4jrecipes.core.train.internal;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 over the shapes and values (as float32) of the features and labels of every minibatch,
 * in order: two runs on the same data in the same order get the same fingerprint.
 */
public final class DataFingerprint {

    private final MessageDigest digest;
    private long examples;

    /** Starts an empty fingerprint. */
    public DataFingerprint() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** Adds a minibatch. */
    public void add(DataSet batch) {
        add(batch.getFeatures());
        add(batch.getLabels());
        examples += batch.numExamples();
    }

    private void add(INDArray array) {
        if (array == null) {
            return;
        }
        ByteBuffer shape = ByteBuffer.allocate(Long.BYTES * array.rank()).order(ByteOrder.LITTLE_ENDIAN);
        for (long size : array.shape()) {
            shape.putLong(size);
        }
        digest.update(shape.array());
        float[] values = array.castTo(DataType.FLOAT).dup('c').data().asFloat();
        ByteBuffer bytes = ByteBuffer.allocate(Float.BYTES * values.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        digest.update(bytes.array());
    }

    /** "sha256:&lt;hex&gt;, &lt;n&gt; examples". */
    public String value() {
        try {
            MessageDigest copy = (MessageDigest) digest.clone();
            return "sha256:" + HexFormat.of().formatHex(copy.digest()) + ", " + examples + " examples";
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 digests are cloneable on every JDK", e);
        }
    }
}
