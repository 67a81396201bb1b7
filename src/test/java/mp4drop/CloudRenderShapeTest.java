package mp4drop;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import mp4drop.local.FfmpegProcesses;
import mp4drop.local.FfmpegRun;
import mp4drop.local.MediaInfo;
import mp4drop.local.MediaProbe;
import mp4drop.local.TestSources;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A phone's upright, dated clip through the cloud: the render must stand as the clip stands (bars around it are
 * the cloud's choice), and the published MP4 carries the recording date the render knew nothing of.
 */
class CloudRenderShapeTest extends AgainstStandIn {
    private static final Duration LIMIT = Duration.ofSeconds(90);
    private static final Instant RECORDED = Instant.parse("2011-08-20T14:30:00Z");

    private final MediaProbe probe = new MediaProbe(new FfmpegRun(TestSources.ffmpeg(), new FfmpegProcesses()));
    private Pipeline pipeline;

    @BeforeEach
    void pipeline() throws Exception {
        pipeline = cloudPipeline().set("mp4drop.instruction", "Convert this video to MP4 at 480p");
        Path sources = Files.createDirectories(root.resolve("sources"));
        Files.createDirectories(pipeline.inbox);
        Files.move(TestSources.uprightPhoneClip(sources, RECORDED.toString()), pipeline.inbox.resolve("upright.mov"));
    }

    @Test
    void anUprightRenderIsPublishedWithTheRecordingDate() throws Exception {
        serve(TestVideos.uprightRender(false));

        assertThat(pipeline.runOnce(LIMIT)).isZero();

        nemo.server.verify(1, getRequestedFor(urlEqualTo("/cdn/out.mp4")));
        Path mp4 = pipeline.outbox.resolve("upright.mp4");
        MediaInfo published = probe.probe(mp4);
        assertThat(published.width() + "x" + published.height()).isEqualTo("180x320");
        assertDated(mp4, published);
    }

    @Test
    void anUprightPictureInsideBarsIsTheCloudsChoice() throws Exception {
        serve(TestVideos.uprightRender(true));

        assertThat(pipeline.runOnce(LIMIT)).isZero();

        nemo.server.verify(1, getRequestedFor(urlEqualTo("/cdn/out.mp4")));
        MediaInfo published = probe.probe(pipeline.outbox.resolve("upright.mp4"));
        assertThat(published.width() + "x" + published.height()).isEqualTo("568x320");
    }

    @Test
    void aRenderLyingDownIsExportedOnceMoreThenConvertedLocallyUpright() throws Exception {
        serve(TestVideos.render(TestVideos.SECONDS));

        assertThat(pipeline.runOnce(LIMIT)).isZero();

        nemo.server.verify(2, postRequestedFor(urlEqualTo("/api/render/proxy/lambda")));
        assertThat(Files.readString(Path.of("target/test-logs/mp4drop.log")))
                .contains("upright.mov: The render from the cloud is not right: orientation: the original is "
                        + "portrait, the render landscape");
        Path mp4 = pipeline.outbox.resolve("upright.mp4");
        MediaInfo local = probe.probe(mp4);
        assertThat(local.width() + "x" + local.height()).isEqualTo("480x854");
        assertDated(mp4, local);
    }

    private void serve(byte[] render) {
        nemo.server.stubFor(get(urlEqualTo("/cdn/out.mp4")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "video/mp4").withBody(render)));
    }

    private static void assertDated(Path mp4, MediaInfo info) throws Exception {
        assertThat(info.recorded()).isNotNull();
        assertThat(info.recorded().instant()).isEqualTo(RECORDED);
        assertThat(Files.getLastModifiedTime(mp4).toInstant()).isEqualTo(RECORDED);
    }
}
