package io.github.dl4jrecipes.tuning.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * A PostgreSQL database to keep studies in, and the credentials to reach it. The URL is
 * {@code postgresql://host[:port]/database} (or the JDBC form {@code jdbc:postgresql://…}); the user
 * comes from the URL, {@value #USER_ENV} or {@code PGUSER}; the password from a file,
 * {@value #PASSWORD_ENV} or {@code PGPASSWORD}, never from the command line, and never printed
 * ({@link #redacted()} is what messages show).
 *
 * @param jdbcUrl  the JDBC URL, without credentials
 * @param user     the database user
 * @param password the password, or null for none
 */
public record JdbcTarget(String jdbcUrl, String user, String password) {
    /** The environment variable with the database user. */
    public static final String USER_ENV = "DL4J_RECIPES_DB_USER";
    /** The environment variable with the database password. */
    public static final String PASSWORD_ENV = "DL4J_RECIPES_DB_PASSWORD";
    private static final int DEFAULT_PORT = 5432;

    public JdbcTarget {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(user, "user");
    }

    /**
     * Parses {@code url}, taking the credentials from the URL's user part, {@code passwordFile} (may be
     * null) and {@code env}.
     *
     * @param parameter the name of the setting that gave the URL, for error messages (e.g. {@code --storage})
     * @throws IllegalArgumentException for a URL that is not a PostgreSQL URL, or one with a password in it
     */
    public static JdbcTarget parse(String url, Path passwordFile, Map<String, String> env, String parameter) {
        String plain = url.startsWith("jdbc:") ? url.substring("jdbc:".length()) : url;
        URI uri;
        try {
            uri = new URI(plain);
        } catch (URISyntaxException e) {
            throw usage(parameter, url, e.getMessage());
        }
        if (!"postgresql".equals(uri.getScheme()) || uri.getHost() == null || uri.getPath() == null
                || uri.getPath().length() < 2) {
            throw usage(parameter, url, "expected postgresql://host[:port]/database");
        }
        String userInfo = uri.getUserInfo();
        if (userInfo != null && userInfo.contains(":")) {
            throw new IllegalArgumentException(parameter + ": the URL holds a password; it would show in process lists"
                    + " and logs. Fix: remove it from the URL and set " + PASSWORD_ENV + " or use a password file");
        }
        String user = userInfo != null ? userInfo
                : firstOf(env.get(USER_ENV), env.get("PGUSER"), System.getProperty("user.name"));
        String password = passwordFile != null ? readPassword(passwordFile, parameter)
                : firstOf(env.get(PASSWORD_ENV), env.get("PGPASSWORD"), null);
        int port = uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return new JdbcTarget("jdbc:postgresql://" + uri.getHost() + ":" + port + uri.getPath() + query, user,
                password);
    }

    /** The URL as messages show it: user, host, port and database, never the password. */
    public String redacted() {
        return "postgresql://" + user + "@" + jdbcUrl.substring("jdbc:postgresql://".length()).replaceFirst("\\?.*", "");
    }

    @Override
    public String toString() {
        return redacted();
    }

    private static String readPassword(Path file, String parameter) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            return text.lines().findFirst().orElse("");
        } catch (IOException e) {
            throw new UncheckedIOException(parameter + ": cannot read the password file " + file + " ("
                    + e.getMessage() + "); fix: give a readable file whose first line is the password", e);
        }
    }

    private static IllegalArgumentException usage(String parameter, String url, String why) {
        return new IllegalArgumentException(parameter + " " + url.replaceAll(":[^:@/]*@", ":***@")
                + " is not a PostgreSQL URL (" + why + "); fix: give postgresql://host[:port]/database");
    }

    private static String firstOf(String a, String b, String c) {
        return a != null && !a.isEmpty() ? a : b != null && !b.isEmpty() ? b : c;
    }
}
