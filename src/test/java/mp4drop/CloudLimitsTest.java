package mp4drop;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import mp4drop.cli.PlanCommand;
import mp4drop.cli.StatusCommand;
import mp4drop.config.CommandProperties;
import mp4drop.job.Link;
import mp4drop.local.TestSources;
import mp4drop.nemo.NemoApiException;
import mp4drop.nemo.NemoClient;
import mp4drop.nemo.NemoOptions;
import mp4drop.standin.NemoStandInServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cloud's own limits (its containers, its size, shrunk here) against the streaming stand-in, which refuses
 * what the real API refuses: nothing it would refuse is ever uploaded. Such a file is repackaged by stream copy
 * into a container the cloud takes, or converted locally with the reason, or (fallback none) fails before upload.
 */
class CloudLimitsTest {
    private static final Duration LIMIT = Duration.ofSeconds(90);

    @TempDir
    Path root;

    private NemoStandInServer standIn;

    @AfterEach
    void stop() {
        if (standIn != null) {
            standIn.stop();
        }
    }

    @Test
    void theStandInRefusesOtherContainersAndFilesOverItsLimitAsTheApiDoes() throws Exception {
        standIn = NemoStandInServer.withOptions("max-upload-bytes=" + (Files.size(programStream()) - 1)).start(0);
        NemoOptions options = NemoOptions.defaults(URI.create(standIn.url()), URI.create(standIn.url()), null,
                root.resolve("state"));

        NemoClient.standalone(options, client -> {
            String session = client.createSession("limits").sessionId();
            assertThat(catchThrowableOfType(NemoApiException.class, () -> client.upload(session, programStream()))
                    .code()).isEqualTo("4001");
            assertThat(catchThrowableOfType(NemoApiException.class,
                    () -> client.upload(session, programStream(), "tape.mp4")).code()).isEqualTo("4001");
            assertThat(catchThrowableOfType(NemoApiException.class, () -> client.upload(session,
                    TestVideos.made("big.mkv", List.of("-f", "lavfi", "-i", "testsrc2=size=320x240:duration=2",
                            "-c:v", "mpeg2video", "-q:v", "2")), "big.mkv")).code()).isEqualTo("4002");
            return null;
        });

        JsonNode seen = standIn.stats();
        assertThat(seen.path("uploads_refused_type").asInt()).isEqualTo(2);
        assertThat(seen.path("uploads_refused_size").asInt()).isEqualTo(1);
    }

    @Test
    void theWireMockStandInRefusesANameOfAnotherTypeTooAndAnAnswerQuotingALinkLosesItsSecret() {
        NemoStandIn wiremock = new NemoStandIn().start();
        try {
            NemoOptions options = NemoOptions.defaults(URI.create(wiremock.url()), URI.create(wiremock.url()), null,
                    root.resolve("state"));
            NemoClient.standalone(options, client -> {
                assertThat(catchThrowableOfType(NemoApiException.class,
                        () -> client.upload(NemoStandIn.SESSION, programStream(), "tape.v2.mpg")).code())
                        .isEqualTo("4001");
                assertThat(client.upload(NemoStandIn.SESSION, programStream(), "tape.mpg.mkv").cdnUrl()).isNotBlank();
                return null;
            });
            wiremock.server.stubFor(post(urlPathMatching("/api/upload-video/nemo_agent/me/.*")).atPriority(1)
                    .withRequestBody(containing("source_type")).willReturn(NemoStandIn.json("{\"code\":4001,"
                            + "\"message\":\"Cannot fetch https://drive.example/v.mpg?sig=S3CRET: unsupported\"}")));
            NemoApiException refused = NemoClient.standalone(options, client -> catchThrowableOfType(
                    NemoApiException.class, () -> client.uploadUrl(NemoStandIn.SESSION,
                            Link.of("https://drive.example/v.mpg?sig=S3CRET"))));
            assertThat(refused.getMessage()).contains("https://drive.example/v.mpg?[hidden]").doesNotContain("S3CRET");
        } finally {
            wiremock.stop();
        }
    }

    @Test
    void filesInContainersTheCloudRefusesAreRepackagedByStreamCopyAndUploadedAsMkvOrMp4() throws Exception {
        standIn = NemoStandInServer.withOptions("render-seconds=2", "render-polls=1").start(0);
        Pipeline pipeline = cloud().set("mp4drop.extensions", "avi,mpg,flv");
        pipeline.drop("tape.MPG", Files.readAllBytes(programStream()));
        pipeline.drop("stream.flv", Files.readAllBytes(flashVideo()));

        assertThat(plan(pipeline)).contains("tape.MPG", "to the cloud repackaged into mkv (stream copy",
                "stream.flv", "to the cloud repackaged into mp4 (stream copy");
        assertThat(pipeline.runOnce(LIMIT)).isEqualTo(0);

        assertThat(Pipeline.names(pipeline.outbox)).containsExactly("stream.mp4", "tape.mp4");
        assertThat(Pipeline.names(pipeline.archive)).containsExactly("stream.flv", "tape.MPG");
        JsonNode seen = standIn.stats();
        assertThat(seen.path("uploads_refused_type").asInt()).isZero();
        assertThat(seen.path("containers_uploaded").toString()).isEqualTo("{\"matroska\":1,\"mp4\":1}");
        assertThat(seen.path("file_by_session").toString()).contains("\"tape.mkv\"", "\"stream.mp4\"");
        assertThat(Pipeline.names(pipeline.state.resolve("repackaged"))).isEmpty();
        assertThat(log()).contains("tape.MPG: repackaged into mkv for the cloud by stream copy");
    }

    @Test
    void aDvdTitleGoesToTheCloudAsAllItsPartsRepackagedIntoOneFile() throws Exception {
        standIn = NemoStandInServer.withOptions("render-seconds=2", "render-polls=1").start(0);
        Pipeline pipeline = cloud();
        Path videoTs = TestSources.dvdFolder(pipeline.inbox, "Holiday 2004").resolve("VIDEO_TS");
        long title = Files.size(videoTs.resolve("VTS_01_1.VOB")) + Files.size(videoTs.resolve("VTS_01_2.VOB"));

        assertThat(plan(pipeline)).contains("a DVD title of 2 parts, one MP4: Holiday 2004.mp4",
                "to the cloud repackaged into mkv (stream copy");
        assertThat(pipeline.runOnce(LIMIT)).isEqualTo(0);

        assertThat(Pipeline.names(pipeline.outbox)).containsExactly("Holiday 2004.mp4");
        assertThat(Pipeline.names(pipeline.archive.resolve("Holiday 2004/VIDEO_TS")))
                .containsExactly("VTS_01_1.VOB", "VTS_01_2.VOB");
        JsonNode seen = standIn.stats();
        assertThat(seen.path("uploads").asInt()).isEqualTo(1);
        assertThat(seen.path("containers_uploaded").toString()).isEqualTo("{\"matroska\":1}");
        // the copy holds both parts: more than the first part alone, and about the title's size
        assertThat(seen.path("upload_file_bytes").asLong()).isGreaterThan(Files.size(
                pipeline.archive.resolve("Holiday 2004/VIDEO_TS/VTS_01_1.VOB"))).isLessThan(title * 2);
    }

    @Test
    void aFileOverTheCloudsLimitIsConvertedLocallyWithTheReasonAndNeverUploaded() throws Exception {
        standIn = NemoStandInServer.withOptions("render-seconds=2", "render-polls=1").start(0);
        NemoStandIn hooks = new NemoStandIn().start();
        try {
            hooks.server.stubFor(post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(204)));
            byte[] tape = TestVideos.video(7);
            Pipeline pipeline = cloud().set("nemo.max-upload-size", (tape.length - 1) + "B")
                    .set("mp4drop.webhook.url", hooks.url() + "/hook");
            pipeline.drop("tape.avi", tape);

            assertThat(plan(pipeline)).contains("tape.avi", "converted locally instead (too-large-for-cloud)",
                    "over NemoVideo's limit");
            assertThat(pipeline.runOnce(LIMIT)).isEqualTo(0);

            assertThat(Pipeline.names(pipeline.outbox)).containsExactly("tape.mp4");
            JsonNode seen = standIn.stats();
            assertThat(seen.path("sessions").asInt()).isZero();
            assertThat(seen.path("uploads").asInt()).isZero();
            assertThat(log()).contains("tape.avi: converting locally instead: the file is larger than NemoVideo takes");
            assertThat(jobRecords(pipeline)).contains("\"fallback\" : \"too-large-for-cloud\"");
            hooks.server.verify(1, postRequestedFor(urlEqualTo("/hook")).withRequestBody(matchingJsonPath("$.engine",
                    equalTo("local: the file is larger than NemoVideo takes"))));
            ByteArrayOutputStream status = new ByteArrayOutputStream();
            StatusCommand.run(CommandProperties.load(Map.copyOf(pipeline.settings())),
                    new PrintStream(status, true, StandardCharsets.UTF_8));
            assertThat(status.toString(StandardCharsets.UTF_8)).containsPattern("the file is larger than NemoVideo takes\\s+1");
        } finally {
            hooks.stop();
        }
    }

    @Test
    void withFallbackNoneAFileTheCloudCannotTakeFailsWithTheReasonBeforeAnyUpload() throws Exception {
        standIn = NemoStandInServer.withOptions().start(0);
        Pipeline pipeline = cloud().set("mp4drop.extensions", "mpg").set("mp4drop.engine.fallback", "none")
                .set("nemo.max-upload-size", "1KB");
        pipeline.drop("tape.mpg", Files.readAllBytes(programStream()));

        assertThat(plan(pipeline)).contains("tape.mpg", "would fail: too-large-for-cloud");
        assertThat(pipeline.runOnce(LIMIT)).isEqualTo(1);

        assertThat(Pipeline.names(pipeline.failed)).containsExactly("tape.mpg", "tape.mpg.error.json");
        assertThat(Files.readString(pipeline.failed.resolve("tape.mpg.error.json")))
                .contains("\"code\" : \"too-large-for-cloud\"", "over NemoVideo's limit of 1.0 KB",
                        "mp4drop.engine.fallback=local");
        JsonNode seen = standIn.stats();
        assertThat(seen.path("sessions").asInt()).isZero();
        assertThat(seen.path("uploads").asInt()).isZero();
    }

    private Pipeline cloud() {
        return new Pipeline(root).cloudAt(standIn.url()).set("mp4drop.instruction", "Convert this video to MP4 at 480p");
    }

    /** What a DVD recorder or an old capture card writes: MPEG-2 video and MP2 sound in an MPEG program stream. */
    static Path programStream() {
        return TestVideos.made("program-stream.mpg", List.of("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:duration=2",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=2", "-c:v", "mpeg2video",
                "-q:v", "8", "-c:a", "mp2", "-f", "mpeg"));
    }

    /** A Flash video with H.264 and AAC, which fit an MP4 as they are. */
    static Path flashVideo() {
        return TestVideos.made("flash-video.flv", List.of("-f", "lavfi", "-i",
                "testsrc2=size=320x240:rate=25:duration=2", "-f", "lavfi", "-i",
                "sine=frequency=440:sample_rate=48000:duration=2", "-c:v", "libx264", "-preset", "ultrafast",
                "-pix_fmt", "yuv420p", "-c:a", "aac", "-f", "flv"));
    }

    private static String plan(Pipeline pipeline) throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PlanCommand.run(CommandProperties.load(Map.copyOf(pipeline.settings())),
                new PrintStream(printed, true, StandardCharsets.UTF_8));
        return printed.toString(StandardCharsets.UTF_8);
    }

    private static String log() throws Exception {
        return Files.readString(Path.of("target/test-logs/mp4drop.log"));
    }

    private static String jobRecords(Pipeline pipeline) throws Exception {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(pipeline.state.resolve("jobs"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                all.append(Files.readString(file));
            }
        }
        return all.toString();
    }
}
