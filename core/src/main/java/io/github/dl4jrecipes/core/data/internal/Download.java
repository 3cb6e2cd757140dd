package io.github.dl4jrecipes.core.data.internal;

import io.github.dl4jrecipes.core.data.DataLoadException;
import io.github.dl4jrecipes.core.train.internal.AtomicFiles;
import io.github.dl4jrecipes.core.train.internal.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads one file over HTTP(S) into place only when its SHA-256 matches: the body streams into
 * a temporary file beside the target ({@link AtomicFiles}), is hashed on the way, and is renamed
 * into place only on success.
 */
public final class Download {

    private static final Logger LOG = LoggerFactory.getLogger(Download.class);
    private static final int HTTP_OK = 200;

    private Download() {
    }

    /**
     * Fetches {@code url} into {@code target} when the body's SHA-256 equals {@code sha256}.
     *
     * @throws IOException when the server cannot be reached or answers with an error status
     * @throws DataLoadException when the checksum differs (nothing is left at {@code target})
     */
    public static void verified(URI url, Path target, String sha256, Duration timeout) throws IOException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout).GET().build();
        AtomicFiles.write(target, temp -> {
            LOG.info("Downloading {} to {}", url, target);
            HttpResponse<InputStream> response = send(client, request, url);
            MessageDigest digest = Sha256.newDigest();
            try (InputStream body = response.body()) {
                if (response.statusCode() != HTTP_OK) {
                    throw new IOException("HTTP " + response.statusCode() + " from " + url);
                }
                try (InputStream in = new DigestInputStream(body, digest); OutputStream out = Files.newOutputStream(temp)) {
                    in.transferTo(out);
                }
            }
            String actual = HexFormat.of().formatHex(digest.digest());
            if (!actual.equalsIgnoreCase(sha256)) {
                throw new DataLoadException("download " + url + " has SHA-256 " + actual + " but " + sha256
                        + " was expected; the file was discarded. Fix: retry (the transfer may have been "
                        + "corrupted), or fetch the file yourself from a trusted mirror into " + target.getParent());
            }
        });
    }

    private static HttpResponse<InputStream> send(HttpClient client, HttpRequest request, URI url) throws IOException {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while downloading " + url, e);
        }
    }
}
