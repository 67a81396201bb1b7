package mp4drop.web;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The login cookie: when it was issued and a MAC of that time keyed with the web token, so it holds nothing
 * of the token, ends by itself after {@link #MAX_AGE} (the server checks the time too, not only the browser)
 * and stops working when the token changes. It is issued again while it is used.
 */
final class SessionCookie {
    static final String NAME = "mp4drop_session";
    static final Duration MAX_AGE = Duration.ofDays(7);
    // a cookie in use is issued again at most this often, not on every poll of the page
    private static final Duration RENEW_AFTER = Duration.ofMinutes(1);

    private final byte[] key;
    private final Clock clock;

    SessionCookie(String token, Clock clock) {
        this.key = token.getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
    }

    /** A fresh value. */
    String issue() {
        long now = clock.instant().getEpochSecond();
        return now + "." + mac(now);
    }

    boolean valid(String value) {
        Instant issued = issuedAt(value);
        return issued != null && !issued.plus(MAX_AGE).isBefore(clock.instant());
    }

    boolean dueForRenewal(String value) {
        Instant issued = issuedAt(value);
        return issued != null && issued.plus(RENEW_AFTER).isBefore(clock.instant());
    }

    /** The Set-Cookie header; {@code secure} when the browser reached mp4drop over HTTPS. */
    static String header(String value, Duration maxAge, boolean secure) {
        return NAME + "=" + value + "; Path=/; Max-Age=" + maxAge.toSeconds() + "; HttpOnly; SameSite=Strict"
                + (secure ? "; Secure" : "");
    }

    private Instant issuedAt(String value) {
        int dot = value == null ? -1 : value.indexOf('.');
        if (dot <= 0 || !value.substring(0, dot).matches("\\d{1,12}")) {
            return null;
        }
        long issued = Long.parseLong(value.substring(0, dot));
        byte[] given = value.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(given, mac(issued).getBytes(StandardCharsets.US_ASCII))
                ? Instant.ofEpochSecond(issued) : null;
    }

    private String mac(long issued) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(
                    mac.doFinal(("mp4drop web session " + issued).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
