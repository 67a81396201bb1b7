package mp4drop.nemo;

import java.time.Instant;

/**
 * The bearer token in use.
 *
 * @param token     the bearer token
 * @param anonymous true for a token from the anonymous-token call (renewable), false for NEMO_TOKEN
 * @param userId    the anonymous user's id when the token answer had one, for the registration link
 * @param expiresAt when an anonymous token stops working; null for NEMO_TOKEN
 */
public record Credentials(String token, boolean anonymous, String userId, Instant expiresAt) {

    @Override
    public String toString() {
        return "Credentials[token=***, anonymous=" + anonymous + ", expiresAt=" + expiresAt + "]";
    }
}
