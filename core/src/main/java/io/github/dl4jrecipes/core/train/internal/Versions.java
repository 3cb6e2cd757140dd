package io.github.dl4jrecipes.core.train.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Versions of this library and of DL4J, read from the Maven metadata inside their jars. */
public final class Versions {

    /** Shown when the metadata is missing, e.g. when running from a build folder. */
    public static final String UNKNOWN = "unknown (not run from a released jar)";

    private Versions() {
    }

    /** This library's version. */
    public static String library() {
        return read("io.github.dl4jrecipes", "dl4j-recipes-core");
    }

    /** DL4J's version. */
    public static String dl4j() {
        return read("org.deeplearning4j", "deeplearning4j-nn");
    }

    private static String read(String group, String artifact) {
        String resource = "/META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (InputStream in = Versions.class.getResourceAsStream(resource)) {
            if (in == null) {
                return UNKNOWN;
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", UNKNOWN);
        } catch (IOException e) {
            return UNKNOWN;
        }
    }
}
