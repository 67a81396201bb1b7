package mp4drop.nemo;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The session's latest state.
 *
 * @param state       the whole state object, as sent
 * @param draft       the timeline, verbatim for the export call; null when the agent has made none yet
 * @param fingerprint SHA-256 of the state with sorted keys: equal fingerprints mean nothing changed
 */
public record SessionState(JsonNode state, JsonNode draft, String fingerprint) {

    static SessionState of(JsonNode state) {
        JsonNode draft = state.get("draft");
        return new SessionState(state, Json.present(draft) ? draft : null, sha256(Json.canonical(state)));
    }

    /** Ready to export: the draft has tracks ({@code t}) and at least one of them has segments ({@code sg}). */
    public boolean draftReady() {
        if (draft == null || !Json.present(draft.get("t"))) {
            return false;
        }
        for (JsonNode track : draft.get("t")) {
            JsonNode segments = track.get("sg");
            if (segments != null && (segments.isArray() || segments.isObject()) && segments.size() > 0) {
                return true;
            }
        }
        return false;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
