package io.devlaunch.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/** This run's dashboard token: 32 random bytes, base64url; compared in constant time. */
final class Token {
    private final String value;
    private final byte[] bytes;

    Token(String value) {
        this.value = value;
        this.bytes = value.getBytes(StandardCharsets.UTF_8);
    }

    static Token random() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return new Token(Base64.getUrlEncoder().withoutPadding().encodeToString(b));
    }

    String value() {
        return value;
    }

    /** Whether {@code candidate} is this token; how long it takes does not depend on where they differ. */
    boolean matches(String candidate) {
        return candidate != null && MessageDigest.isEqual(bytes, candidate.getBytes(StandardCharsets.UTF_8));
    }
}
