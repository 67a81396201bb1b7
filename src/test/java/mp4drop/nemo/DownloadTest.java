package mp4drop.nemo;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.temporaryRedirect;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.http.Fault;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DownloadTest extends WireMockSupport {
    private static final byte[] MP4 = "....ftypisom fake mp4 payload".getBytes();

    private NemoClient client() {
        return new NemoClient(settings("user-token-never-sent"), watchdogs);
    }

    private Path target() {
        return tmp.resolve("out.mp4");
    }

    @Test
    void downloadsWithoutAnyCredentialOrAttributionHeader() throws IOException {
        wm.stubFor(get(urlEqualTo("/cdn/o.mp4")).willReturn(aResponse().withBody(MP4)));
        Files.writeString(target(), "an older, longer file that must be replaced entirely");

        long bytes = client().download(wm.baseUrl() + "/cdn/o.mp4", target());

        assertThat(bytes).isEqualTo(MP4.length);
        assertThat(Files.readAllBytes(target())).isEqualTo(MP4);
        wm.verify(getRequestedFor(urlEqualTo("/cdn/o.mp4"))
                .withoutHeader("Authorization")
                .withoutHeader("X-Skill-Source")
                .withoutHeader("X-Skill-Version")
                .withoutHeader("X-Skill-Platform"));
    }

    @Test
    void followsRedirects() throws IOException {
        wm.stubFor(get(urlEqualTo("/r/o.mp4")).willReturn(temporaryRedirect("/cdn/final.mp4")));
        wm.stubFor(get(urlEqualTo("/cdn/final.mp4")).willReturn(aResponse().withBody(MP4)));
        assertThat(client().download(wm.baseUrl() + "/r/o.mp4", target())).isEqualTo(MP4.length);
        wm.verify(getRequestedFor(urlEqualTo("/cdn/final.mp4")).withoutHeader("Authorization"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"file:///etc/passwd", "ftp://cdn.example/o.mp4", "jar:file:/x.jar!/a", "not a url",
            "//cdn.example/o.mp4"})
    void onlyHttpUrlsAreOpened(String url) {
        NemoApiException e = catchThrowableOfType(NemoApiException.class, () -> client().download(url, target()));
        assertThat(e.code()).isEqualTo("bad-output-url");
        assertThat(e.stage()).isEqualTo("download");
        assertThat(target()).doesNotExist();
    }

    @Test
    void aMissingUrlIsNoOutputUrl() {
        assertThat(catchThrowableOfType(NemoApiException.class, () -> client().download(" ", target())).code())
                .isEqualTo("no-output-url");
    }

    @Test
    void aBodyShorterThanItsContentLengthIsTruncated() throws Exception {
        try (RawHttpServer server = new RawHttpServer((socket, out) -> {
            RawHttpServer.write(out, "HTTP/1.1 200 OK\r\nContent-Type: video/mp4\r\nContent-Length: 5000\r\n\r\n"
                    + "x".repeat(1000));
            // a reset that overtakes the headers is a plain network error: let the client read them first
            Thread.sleep(300);
            RawHttpServer.reset(socket);
        })) {
            NemoApiException e = catchThrowableOfType(NemoApiException.class,
                    () -> client().download(server.url("/o.mp4"), target()));
            assertThat(e).isInstanceOf(TransientApiException.class);
            assertThat(e.code()).isEqualTo("truncated");
            assertThat(e.getMessage()).contains("cut off");
            assertThat(target()).doesNotExist();
        }
    }

    @Test
    void anOrderlyCloseBeforeTheContentLengthIsTruncatedToo() throws Exception {
        try (RawHttpServer server = new RawHttpServer((socket, out) -> RawHttpServer.write(out,
                "HTTP/1.1 200 OK\r\nContent-Length: 5000\r\nConnection: close\r\n\r\n" + "x".repeat(1000)))) {
            NemoApiException e = catchThrowableOfType(NemoApiException.class,
                    () -> client().download(server.url("/o.mp4"), target()));
            assertThat(e).isInstanceOf(TransientApiException.class).hasFieldOrPropertyWithValue("code", "truncated");
        }
    }

    @Test
    void garbageInsteadOfAnAnswerIsTransient() {
        wm.stubFor(get(urlEqualTo("/cdn/bad.mp4")).willReturn(aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE)));
        NemoApiException e = catchThrowableOfType(NemoApiException.class,
                () -> client().download(wm.baseUrl() + "/cdn/bad.mp4", target()));
        assertThat(e).isInstanceOf(TransientApiException.class);
        assertThat(e.stage()).isEqualTo("download");
    }

    @Test
    void aStalledDownloadIsAbandoned() throws Exception {
        try (RawHttpServer server = new RawHttpServer((socket, out) -> {
            RawHttpServer.write(out, "HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n" + "x".repeat(100));
            // a stalled CDN: it holds the connection and sends nothing more
            Thread.sleep(10_000);
        })) {
            long started = System.nanoTime();
            NemoApiException e = catchThrowableOfType(NemoApiException.class,
                    () -> client().download(server.url("/o.mp4"), target()));
            assertThat(e).isInstanceOf(TransientApiException.class).hasFieldOrPropertyWithValue("code", "stalled");
            assertThat(System.nanoTime() - started).isLessThan(3_000_000_000L);
            assertThat(target()).doesNotExist();
        }
    }

    @Test
    void aDeclaredSizeAboveTheCapIsRefusedUpFront() {
        wm.stubFor(get(urlEqualTo("/cdn/big.mp4")).willReturn(aResponse().withBody(new byte[20_000])));
        NemoApiException e = catchThrowableOfType(NemoApiException.class,
                () -> client().download(wm.baseUrl() + "/cdn/big.mp4", target()));
        assertThat(e.code()).isEqualTo("too-large");
        assertThat(e.retryable()).isFalse();
        assertThat(target()).doesNotExist();
    }

    @Test
    void anUndeclaredBodyIsCutAtTheCap() {
        wm.stubFor(get(urlEqualTo("/cdn/chunked.mp4")).willReturn(aResponse().withBody(new byte[20_000])
                .withChunkedDribbleDelay(4, 100)));
        NemoApiException e = catchThrowableOfType(NemoApiException.class,
                () -> client().download(wm.baseUrl() + "/cdn/chunked.mp4", target()));
        assertThat(e.code()).isEqualTo("too-large");
        assertThat(target()).doesNotExist();
    }

    @Test
    void errorStatusesFromTheCdn() {
        wm.stubFor(get(urlEqualTo("/cdn/gone.mp4")).willReturn(aResponse().withStatus(403)));
        NemoApiException gone = catchThrowableOfType(NemoApiException.class,
                () -> client().download(wm.baseUrl() + "/cdn/gone.mp4", target()));
        assertThat(gone.code()).isEqualTo("http-403");
        assertThat(gone.retryable()).isFalse();
        wm.stubFor(get(urlEqualTo("/cdn/busy.mp4")).willReturn(aResponse().withStatus(503)));
        assertThat(catchThrowableOfType(NemoApiException.class,
                () -> client().download(wm.baseUrl() + "/cdn/busy.mp4", target()))).isInstanceOf(TransientApiException.class);
    }
}
