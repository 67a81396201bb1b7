package mp4drop.nemo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.UUID;

/**
 * Which bearer token to send. NEMO_TOKEN wins and is never written down. Otherwise an anonymous token is
 * asked for with a stable client id and kept on disk with its expiry, because the service hands out only
 * one token per client id and ten per IP address per 7 days.
 */
public final class CredentialStore {
    static final String CLIENT_ID_FILE = "client-id";
    static final String TOKEN_FILE = "token.json";
    static final Duration ANONYMOUS_LIFETIME = Duration.ofDays(7);
    /** Renew ahead of expiry so a token does not run out in the middle of a long job. */
    static final Duration RENEW_MARGIN = Duration.ofHours(1);

    private final NemoOptions settings;
    private final HttpClient http;
    private final Clock clock;
    private final SecretStore secrets;
    private String clientId;
    private Credentials anonymous;

    public CredentialStore(NemoOptions settings) {
        this(settings, NemoHttp.apiClient(settings), Clock.systemUTC());
    }

    public CredentialStore(NemoOptions settings, HttpClient http, Clock clock) {
        this(settings, http, clock, new StateFolderSecrets(settings.stateDir()));
    }

    CredentialStore(NemoOptions settings, HttpClient http, Clock clock, SecretStore secrets) {
        this.settings = settings;
        this.http = http;
        this.clock = clock;
        this.secrets = secrets;
    }

    /** The token to send now: NEMO_TOKEN, else a stored anonymous token still valid, else a new one. */
    public synchronized Credentials current() {
        if (settings.userToken() != null) {
            return new Credentials(settings.userToken(), false, null, null);
        }
        if (anonymous == null || !fresh(anonymous)) {
            anonymous = loadStored().filter(this::fresh).orElseGet(this::issue);
        }
        return anonymous;
    }

    /**
     * The server rejected {@code rejected}: get a new anonymous token with the same client id. When another
     * caller already replaced it, that replacement is returned instead of asking again.
     *
     * @throws IllegalStateException for NEMO_TOKEN, which cannot be renewed here
     */
    public synchronized Credentials renew(Credentials rejected) {
        if (!rejected.anonymous()) {
            throw new IllegalStateException("a user-supplied token cannot be renewed");
        }
        if (anonymous != null && !anonymous.token().equals(rejected.token()) && fresh(anonymous)) {
            return anonymous;
        }
        // another instance of a cluster may have renewed it already
        Optional<Credentials> stored = loadStored().filter(c -> !c.token().equals(rejected.token()) && fresh(c));
        if (stored.isPresent()) {
            anonymous = stored.get();
            return anonymous;
        }
        anonymous = issue();
        return anonymous;
    }

    /** The anonymous user's id, for the registration link, when known. */
    public synchronized Optional<String> userId() {
        return anonymous == null ? Optional.empty() : Optional.ofNullable(anonymous.userId());
    }

    /** The configured client id, else the one kept in the state directory (made on first use). */
    public synchronized String clientId() {
        if (clientId == null) {
            clientId = settings.clientId() != null ? settings.clientId() : loadOrMakeClientId();
        }
        return clientId;
    }

    /** Secrets this store knows, so callers can scrub them from any text they pass on. */
    synchronized String[] secrets() {
        return new String[] {settings.userToken(), clientId, anonymous == null ? null : anonymous.token()};
    }

    private boolean fresh(Credentials c) {
        return c.expiresAt() == null || clock.instant().plus(RENEW_MARGIN).isBefore(c.expiresAt());
    }

    private Credentials issue() {
        String id = clientId();
        HttpRequest request = NemoHttp.attributed(HttpRequest.newBuilder(UrlParts.api(settings.apiBase(),
                "/api/auth/anonymous-token")), settings)
                .header("X-Client-Id", id)
                .header("Accept", "application/json")
                .timeout(settings.requestTimeout())
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw ErrorMapper.network("auth", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ErrorMapper.interrupted("auth", e);
        }
        int status = response.statusCode();
        Envelope envelope = Envelope.read(status, response.body());
        if (!envelope.ok()) {
            if (envelope.unusable() != null) {
                throw ErrorMapper.badResponse("auth", status, envelope.unusable());
            }
            if (status == 400 && envelope.apiCode() == null) {
                throw new NemoApiException("auth", "http-400",
                        "NemoVideo refused the anonymous-token request as malformed (HTTP 400): it answers this when "
                                + "the X-Client-Id header is missing, so this is a bug in mp4drop",
                        "Report this error file to the mp4drop maintainers; meanwhile set NEMO_TOKEN or use the "
                                + "local engine.",
                        null, 400, null);
            }
            throw ErrorMapper.fromAnswer("auth", status, envelope.apiCode(),
                    ErrorMapper.redact(envelope.message(), id), response.headers().firstValue("Retry-After").orElse(null),
                    settings.registerUrl(null), clock);
        }
        JsonNode data = envelope.data();
        String token = Json.text(data, "token", "access_token");
        if (token == null || token.isBlank()) {
            throw ErrorMapper.badResponse("auth", status, "the token answer has no token");
        }
        Instant issued = clock.instant();
        Instant expires = expiry(data.get("expires_at")).orElse(issued.plus(ANONYMOUS_LIFETIME));
        Credentials fresh = new Credentials(token, true, Json.text(data, "user_id"), expires);
        store(id, fresh);
        return fresh;
    }

    /** Accepts epoch seconds or milliseconds, and ISO dates with or without an offset (then UTC). */
    static Optional<Instant> expiry(JsonNode node) {
        if (!Json.present(node)) {
            return Optional.empty();
        }
        if (node.isNumber()) {
            long value = node.asLong();
            return Optional.of(value > 100_000_000_000L ? Instant.ofEpochMilli(value) : Instant.ofEpochSecond(value));
        }
        String text = node.asText().trim();
        if (text.matches("\\d+")) {
            return expiry(Json.MAPPER.getNodeFactory().numberNode(Long.parseLong(text)));
        }
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException notOffset) {
            try {
                return Optional.of(LocalDateTime.parse(text).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException notLocal) {
                return Optional.empty();
            }
        }
    }

    private Optional<Credentials> loadStored() {
        JsonNode stored;
        try {
            stored = secrets.read(TOKEN_FILE).map(Json::parseOrNull).orElse(null);
        } catch (UncheckedIOException e) {
            return Optional.empty();
        }
        if (stored == null) {
            return Optional.empty();
        }
        String token = Json.text(stored, "token");
        Optional<Instant> expires = expiry(stored == null ? null : stored.get("expires_at"));
        // A token issued for another client id must not be reused: the service ties them together.
        if (token == null || expires.isEmpty() || !clientId().equals(Json.text(stored, "client_id"))) {
            return Optional.empty();
        }
        return Optional.of(new Credentials(token, true, Json.text(stored, "user_id"), expires.get()));
    }

    private void store(String id, Credentials c) {
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("token", c.token());
        json.put("expires_at", c.expiresAt().toString());
        json.put("client_id", id);
        if (c.userId() != null) {
            json.put("user_id", c.userId());
        }
        writeSecret(TOKEN_FILE, json.toString());
    }

    private String loadOrMakeClientId() {
        try {
            return secrets.readOrKeep(CLIENT_ID_FILE, UUID.randomUUID().toString());
        } catch (UncheckedIOException e) {
            throw stateFailure(e);
        }
    }

    private void writeSecret(String name, String content) {
        try {
            secrets.write(name, content);
        } catch (UncheckedIOException e) {
            throw stateFailure(e);
        }
    }

    private NemoApiException stateFailure(Exception e) {
        return new NemoApiException("auth", "state-dir",
                "Could not read or write the NemoVideo credentials in " + settings.stateDir() + " ("
                        + e.getClass().getSimpleName() + ")",
                "Check that the state directory exists and is writable by the user running mp4drop.", null, 0, e);
    }
}
