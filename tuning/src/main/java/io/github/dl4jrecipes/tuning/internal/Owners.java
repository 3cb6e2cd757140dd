package io.github.dl4jrecipes.tuning.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Names of the workers that own running trials: {@code pid@host#random}. The process id and host
 * let a study directory judge whether the owner still runs; the random part keeps two machines
 * whose process ids and host names agree (containers) apart in a shared database.
 */
final class Owners {
    /** This process's name. */
    static final String SELF = ProcessHandle.current().pid() + "@" + host() + "#"
            + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());

    private Owners() {
    }

    /** {@code [pid, host]} of an owner's name (with or without the random part), or null. */
    static String[] processAndHost(String owner) {
        if (owner == null) {
            return null;
        }
        String[] parts = owner.split("#", 2)[0].split("@", 2);
        return parts.length == 2 ? parts : null;
    }

    static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
