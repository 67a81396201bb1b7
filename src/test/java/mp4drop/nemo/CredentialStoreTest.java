package mp4drop.nemo;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CredentialStoreTest extends WireMockSupport {

    private CredentialStore store(NemoOptions settings, Clock clock) {
        return new CredentialStore(settings, HttpClient.newHttpClient(), clock);
    }

    @Test
    void clientIdIsMadeOncePersistedAndReused() throws IOException {
        stubToken();
        CredentialStore first = new CredentialStore(settings());
        String id = first.clientId();
        assertThat(id).matches("[0-9a-f-]{36}");
        assertThat(Files.readString(stateDir().resolve("client-id")).trim()).isEqualTo(id);
        assertThat(new CredentialStore(settings()).clientId()).isEqualTo(id);
    }

    @Test
    void configuredClientIdWinsAndIsNotWritten() {
        stubToken();
        CredentialStore store = new CredentialStore(settings().withClientId("configured-id"));
        store.current();
        assertThat(store.clientId()).isEqualTo("configured-id");
        assertThat(stateDir().resolve("client-id")).doesNotExist();
        wm.verify(postRequestedFor(urlEqualTo(TOKEN_PATH)).withHeader("X-Client-Id", equalTo("configured-id")));
    }

    @Test
    void tokenIsPersistedOwnerOnlyAndReusedByTheNextRun() throws IOException {
        stubToken();
        Credentials first = new CredentialStore(settings()).current();
        Credentials second = new CredentialStore(settings()).current();

        assertThat(first.token()).isEqualTo(TOKEN);
        assertThat(first.anonymous()).isTrue();
        assertThat(first.userId()).isEqualTo(USER_ID);
        assertThat(second).isEqualTo(first);
        wm.verify(1, postRequestedFor(urlEqualTo(TOKEN_PATH)));
        assertThat(Files.readString(stateDir().resolve("token.json"))).contains(TOKEN).contains("expires_at");
        if (stateDir().getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(stateDir().resolve("token.json"))))
                    .isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(stateDir().resolve("client-id"))))
                    .isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(stateDir())))
                    .isEqualTo("rwx------");
        }
        try (var leftovers = Files.list(stateDir())) {
            assertThat(leftovers.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("token.json",
                    "client-id");
        }
    }

    @Test
    void tokenCallCarriesClientIdAndAttributionButNoBearer() {
        stubToken();
        CredentialStore store = new CredentialStore(settings());
        store.current();
        wm.verify(postRequestedFor(urlEqualTo(TOKEN_PATH))
                .withHeader("X-Client-Id", equalTo(store.clientId()))
                .withHeader("X-Skill-Source", equalTo("video-converter-best"))
                .withHeader("X-Skill-Version", matching(".+"))
                .withHeader("X-Skill-Platform", equalTo("mp4drop"))
                .withHeader("Authorization", absent()));
    }

    @Test
    void aTokenNearItsExpiryIsReplacedWithTheSameClientId() {
        wm.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(okJson(
                "{\"success\":true,\"data\":{\"token\":\"t-1\",\"expires_at\":\"2026-11-22T00:00:00Z\"}}")));
        Clock early = Clock.fixed(Instant.parse("2026-11-21T00:00:00Z"), ZoneOffset.UTC);
        CredentialStore store = store(settings(), early);
        assertThat(store.current().expiresAt()).isEqualTo(Instant.parse("2026-11-22T00:00:00Z"));
        assertThat(store(settings(), early).current().token()).isEqualTo("t-1");
        wm.verify(1, postRequestedFor(urlEqualTo(TOKEN_PATH)));

        Clock late = Clock.fixed(Instant.parse("2026-11-21T23:30:00Z"), ZoneOffset.UTC);
        store(settings(), late).current();
        wm.verify(2, postRequestedFor(urlEqualTo(TOKEN_PATH)).withHeader("X-Client-Id", equalTo(store.clientId())));
    }

    @Test
    void withoutExpiresAtTheTokenLastsSevenDays() {
        wm.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(okJson("{\"token\":\"bare-token\"}")));
        Instant now = Instant.parse("2026-11-21T00:00:00Z");
        Credentials c = store(settings(), Clock.fixed(now, ZoneOffset.UTC)).current();
        assertThat(c.token()).isEqualTo("bare-token");
        assertThat(c.expiresAt()).isEqualTo(now.plus(Duration.ofDays(7)));
    }

    @Test
    void renewAsksAgainWithTheSameClientIdUnlessAlreadyRenewed() {
        stubToken("first");
        CredentialStore store = new CredentialStore(settings());
        Credentials first = store.current();
        stubToken("second");
        Credentials second = store.renew(first);
        assertThat(second.token()).isEqualTo("second");
        assertThat(store.renew(first)).isEqualTo(second);
        wm.verify(2, postRequestedFor(urlEqualTo(TOKEN_PATH)).withHeader("X-Client-Id", equalTo(store.clientId())));
        assertThat(new CredentialStore(settings()).current().token()).isEqualTo("second");
    }

    @Test
    void userTokenWinsAndIsNeverPersisted() {
        stubToken();
        CredentialStore store = new CredentialStore(settings("user-token-xyz"));
        Credentials c = store.current();
        assertThat(c.token()).isEqualTo("user-token-xyz");
        assertThat(c.anonymous()).isFalse();
        assertThat(stateDir()).doesNotExist();
        wm.verify(0, postRequestedFor(urlEqualTo(TOKEN_PATH)));
        assertThatThrownBy(() -> store.renew(c)).isInstanceOf(IllegalStateException.class);
        assertThat(c.toString()).doesNotContain("user-token-xyz");
        assertThat(settings("user-token-xyz").toString()).doesNotContain("user-token-xyz");
    }

    @Test
    void http400OnTheTokenCallIsReportedAsAMissingClientIdBug() {
        wm.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(json(400, "{\"detail\":\"X-Client-Id header required\"}")));
        CredentialStore store = new CredentialStore(settings());
        assertThatThrownBy(store::current).isExactlyInstanceOf(NemoApiException.class)
                .hasMessageContaining("X-Client-Id").hasMessageContaining("bug")
                .satisfies(e -> {
                    NemoApiException n = (NemoApiException) e;
                    assertThat(n.stage()).isEqualTo("auth");
                    assertThat(n.code()).isEqualTo("http-400");
                    assertThat(n.getMessage()).doesNotContain(store.clientId());
                });
    }

    @Test
    void tokenAnswersThatCannotBeUsed() {
        wm.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(okJson("{\"code\":0,\"data\":{\"credits\":100}}")));
        assertThatThrownBy(() -> new CredentialStore(settings()).current()).isInstanceOf(TransientApiException.class)
                .hasMessageContaining("no token");
        wm.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(json(429, "{\"message\":\"too many tokens for this IP\"}")
                .withHeader("Retry-After", "60")));
        assertThatThrownBy(() -> new CredentialStore(settings()).current()).isInstanceOf(RateLimitedException.class)
                .hasFieldOrPropertyWithValue("stage", "auth");
    }

    @Test
    void expiryFormats() {
        assertThat(CredentialStore.expiry(LongNode.valueOf(1_800_000_000L))).contains(Instant.ofEpochSecond(1_800_000_000L));
        assertThat(CredentialStore.expiry(LongNode.valueOf(1_800_000_000_000L))).contains(Instant.ofEpochMilli(1_800_000_000_000L));
        assertThat(CredentialStore.expiry(IntNode.valueOf(5))).contains(Instant.ofEpochSecond(5));
        assertThat(CredentialStore.expiry(TextNode.valueOf("2026-11-28T10:00:00+02:00")))
                .contains(Instant.parse("2026-11-28T08:00:00Z"));
        assertThat(CredentialStore.expiry(TextNode.valueOf("2026-11-28T10:00:00"))).contains(Instant.parse("2026-11-28T10:00:00Z"));
        assertThat(CredentialStore.expiry(TextNode.valueOf("1800000000"))).contains(Instant.ofEpochSecond(1_800_000_000L));
        assertThat(CredentialStore.expiry(TextNode.valueOf("next week"))).isEmpty();
    }
}
