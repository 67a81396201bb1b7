package mp4drop.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import mp4drop.failure.ConversionFailure;
import org.junit.jupiter.api.Test;

/** Fed with stderr captured from the bundled FFmpeg 4.4.1 (trimmed to the lines that matter). */
class ProbeOutputParserTest {

    @Test
    void dvInAviIsInterlacedWithNonSquarePixels() {
        MediaInfo info = ProbeOutputParser.parse("dv.avi", """
                Guessed Channel Layout for Input Stream #0.1 : stereo
                Input #0, avi, from 'dv.avi':
                  Metadata:
                    software        : Lavf58.76.100
                  Duration: 00:00:03.00, start: 0.000000, bitrate: 30347 kb/s
                  Stream #0:0: Video: dvvideo (dvsd / 0x64737664), yuv411p, 720x480 [SAR 8:9 DAR 4:3], 29094 kb/s, \
                29.97 fps, 29.97 tbr, 29.97 tbn, 29.97 tbc
                  Stream #0:1: Audio: pcm_s16le ([1][0][0][0] / 0x0001), 48000 Hz, stereo, s16, 1536 kb/s
                At least one output file must be specified
                """);
        assertThat(info.container()).isEqualTo("avi");
        assertThat(info.durationSeconds()).isEqualTo(3.0);
        assertThat(info.videoCodec()).isEqualTo("dvvideo");
        assertThat(info.videoProfile()).isNull();
        assertThat(info.pixelFormat()).isEqualTo("yuv411p");
        assertThat(info.width()).isEqualTo(720);
        assertThat(info.height()).isEqualTo(480);
        assertThat(info.sampleAspectRatio()).isEqualTo(new Ratio(8, 9));
        assertThat(info.displayAspectRatio()).isEqualTo(new Ratio(4, 3));
        assertThat(info.frameRate()).isEqualTo(29.97);
        assertThat(info.fieldOrder()).isEqualTo(FieldOrder.UNKNOWN);
        assertThat(info.interlaced()).isTrue();
        assertThat(info.audioCodec()).isEqualTo("pcm_s16le");
    }

    @Test
    void matroskaWithTopFieldFirstAndCommaSeparatedAspect() {
        MediaInfo info = ProbeOutputParser.parse("i.mkv", """
                Input #0, matroska,webm, from 'i.mkv':
                  Duration: 01:02:03.50, start: 0.000000, bitrate: 1137 kb/s
                  Stream #0:0(eng): Video: mpeg2video (Main), yuv420p(tv, top first), 720x576, SAR 64:45 DAR 16:9, \
                25 fps, 25 tbr, 1k tbn, 50 tbc (default)
                """);
        assertThat(info.container()).isEqualTo("matroska,webm");
        assertThat(info.durationSeconds()).isEqualTo(3723.5);
        assertThat(info.videoProfile()).isEqualTo("Main");
        assertThat(info.fieldOrder()).isEqualTo(FieldOrder.TOP_FIRST);
        assertThat(info.fieldOrder().parity()).isEqualTo("tff");
        assertThat(info.sampleAspectRatio()).isEqualTo(new Ratio(64, 45));
        assertThat(info.displayAspectRatio()).isEqualTo(new Ratio(16, 9));
        assertThat(info.hasAudio()).isFalse();
    }

    @Test
    void fieldOrderSpellings() {
        assertThat(fieldOrderOf("yuv420p(tv, bottom first)")).isEqualTo(FieldOrder.BOTTOM_FIRST);
        assertThat(fieldOrderOf("yuv420p(tv, bt709, top coded first (swapped))"))
                .isEqualTo(FieldOrder.TOP_CODED_BOTTOM_SHOWN);
        assertThat(fieldOrderOf("yuv420p(bottom coded first (swapped))")).isEqualTo(FieldOrder.BOTTOM_CODED_TOP_SHOWN);
        assertThat(fieldOrderOf("yuv420p(tb)")).isEqualTo(FieldOrder.TOP_CODED_BOTTOM_SHOWN);
        assertThat(fieldOrderOf("yuv420p(bt)")).isEqualTo(FieldOrder.BOTTOM_CODED_TOP_SHOWN);
        assertThat(fieldOrderOf("yuv420p(tv, bt709/bt709/bt709, progressive)")).isEqualTo(FieldOrder.PROGRESSIVE);
        assertThat(fieldOrderOf("yuvj420p(pc, bt470bg/unknown/unknown)")).isEqualTo(FieldOrder.UNKNOWN);
        assertThat(FieldOrder.TOP_CODED_BOTTOM_SHOWN.parity()).isEqualTo("bff");
    }

    @Test
    void h264ProfileAndCodecTagAreToldApart() {
        MediaInfo info = ProbeOutputParser.parse("out.mp4", """
                Input #0, mov,mp4,m4a,3gp,3g2,mj2, from 'out.mp4':
                  Duration: 00:00:03.00, start: 0.000000, bitrate: 3974 kb/s
                  Stream #0:0(und): Video: h264 (High) (avc1 / 0x31637661), yuv420p, 1440x1080 [SAR 1:1 DAR 4:3], \
                3861 kb/s, 29.97 fps, 29.97 tbr, 30k tbn, 59.94 tbc (default)
                  Stream #0:1(und): Audio: aac (LC) (mp4a / 0x6134706D), 48000 Hz, stereo, fltp, 101 kb/s (default)
                """);
        assertThat(info.videoCodec()).isEqualTo("h264");
        assertThat(info.videoProfile()).isEqualTo("High");
        assertThat(info.width()).isEqualTo(1440);
        assertThat(info.interlaced()).isFalse();
        assertThat(info.audioCodec()).isEqualTo("aac");
    }

    @Test
    void webmWithoutBracketsAndMpegPsStreamIds() {
        MediaInfo webm = ProbeOutputParser.parse("vp9.webm", """
                Input #0, matroska,webm, from 'vp9.webm':
                  Duration: 00:00:03.01, start: -0.007000, bitrate: 569 kb/s
                  Stream #0:0: Video: vp9 (Profile 0), yuv420p(tv, progressive), 640x360, SAR 1:1 DAR 16:9, 30 fps, \
                30 tbr, 1k tbn, 1k tbc (default)
                    Metadata:
                      DURATION        : 00:00:03.007000000
                  Stream #0:1: Audio: opus, 48000 Hz, mono, fltp (default)
                """);
        assertThat(webm.videoProfile()).isEqualTo("Profile 0");
        assertThat(webm.durationSeconds()).isEqualTo(3.01);
        assertThat(webm.audioCodec()).isEqualTo("opus");

        MediaInfo mpg = ProbeOutputParser.parse("i.mpg", """
                Input #0, mpeg, from 'i.mpg':
                  Duration: 00:00:02.00, start: 0.540000, bitrate: 1146 kb/s
                  Stream #0:0[0x1e0]: Video: mpeg2video (Main), yuv420p(tv, bottom first), 720x576 [SAR 64:45 DAR \
                16:9], 25 fps, 25 tbr, 90k tbn, 50 tbc
                """);
        assertThat(mpg.fieldOrder()).isEqualTo(FieldOrder.BOTTOM_FIRST);
        assertThat(mpg.frameRate()).isEqualTo(25);
    }

    @Test
    void garbageIsNotAVideo() {
        assertThatThrownBy(() -> ProbeOutputParser.parse("not-really.avi", """
                [avi @ 0x1c2abb80] Format avi detected only with low score of 1, misdetection possible!
                not-really.avi: Invalid data found when processing input
                """))
                .isInstanceOfSatisfying(ConversionFailure.class, failure -> {
                    assertThat(failure.stage()).isEqualTo("local");
                    assertThat(failure.code()).isEqualTo("not-a-video");
                    assertThat(failure.getMessage()).contains("not-really.avi")
                            .contains("Invalid data found when processing input");
                    assertThat(failure.details()).hasSize(2);
                });
    }

    @Test
    void audioWithCoverArtIsNotAVideo() {
        assertThatThrownBy(() -> ProbeOutputParser.parse("song.mp3", """
                Input #0, mp3, from 'song.mp3':
                  Duration: 00:03:00.00, start: 0.025057, bitrate: 128 kb/s
                  Stream #0:0: Audio: mp3, 44100 Hz, stereo, fltp, 128 kb/s
                  Stream #0:1: Video: mjpeg (Baseline), yuvj420p(pc, bt470bg/unknown/unknown), 500x500 [SAR 1:1 DAR \
                1:1], 90k tbr, 90k tbn, 90k tbc (attached pic)
                """))
                .isInstanceOfSatisfying(ConversionFailure.class, failure -> {
                    assertThat(failure.code()).isEqualTo("not-a-video");
                    assertThat(failure.getMessage()).contains("no video stream").contains("only audio");
                });
    }

    @Test
    void unknownDurationIsReported() {
        assertThatThrownBy(() -> ProbeOutputParser.parse("broken.avi", """
                Input #0, avi, from 'broken.avi':
                  Duration: N/A, start: 0.000000, bitrate: N/A
                  Stream #0:0: Video: mjpeg (MJPG / 0x47504A4D), yuvj422p(pc, bt470bg/unknown/unknown), 640x480, 25 \
                fps, 25 tbr, 25 tbn, 25 tbc
                """))
                .isInstanceOfSatisfying(ConversionFailure.class,
                        failure -> assertThat(failure.code()).isEqualTo("unknown-duration"));
    }

    @Test
    void topLevelFieldsKeepParenthesesWhole() {
        assertThat(ProbeOutputParser.topLevelFields("h264 (High), yuv420p(tv, bt709), 1920x1080 [SAR 1:1 DAR 16:9]"))
                .containsExactly("h264 (High)", "yuv420p(tv, bt709)", "1920x1080 [SAR 1:1 DAR 16:9]");
    }

    private static FieldOrder fieldOrderOf(String pixelFormat) {
        return ProbeOutputParser.parse("x.mkv", "Input #0, matroska,webm, from 'x.mkv':\n  Duration: 00:00:01.00, "
                + "start: 0.000000, bitrate: 1 kb/s\n  Stream #0:0: Video: h264 (High), " + pixelFormat
                + ", 720x480 [SAR 1:1 DAR 3:2], 25 fps, 25 tbr, 1k tbn\n").fieldOrder();
    }

    @Test
    void aPhoneClipIsTurnedByItsDisplayMatrixAndDatedByItsContainer() {
        MediaInfo info = ProbeOutputParser.parse("phone.mov", """
                Input #0, mov,mp4,m4a,3gp,3g2,mj2, from 'phone.mov':
                  Metadata:
                    major_brand     : qt
                    creation_time   : 2011-08-20T14:30:00.000000Z
                    com.apple.quicktime.creationdate: 2011-08-20T16:30:00+0200
                  Duration: 00:00:01.00, start: 0.000000, bitrate: 810 kb/s
                  Stream #0:0(und): Video: h264 (High) (avc1 / 0x31637661), yuv420p, 1920x1080 [SAR 1:1 DAR 16:9], \
                721 kb/s, 30 fps, 30 tbr, 15360 tbn, 60 tbc (default)
                    Metadata:
                      rotate          : 90
                      creation_time   : 2015-01-01T00:00:00.000000Z
                    Side data:
                      displaymatrix: rotation of -90.00 degrees
                  Stream #0:1(und): Audio: aac (LC) (mp4a / 0x6134706D), 44100 Hz, mono, fltp, 71 kb/s (default)
                    Metadata:
                      rotate          : 180
                """);
        assertThat(info.rotation()).isEqualTo(90);
        assertThat(info.turned()).isTrue();
        assertThat(info.shownAspectRatio()).isEqualTo(new Ratio(9, 16));
        assertThat(info.orientation()).isEqualTo(Orientation.PORTRAIT);
        assertThat(info.recorded()).isEqualTo(new RecordingDate(java.time.Instant.parse("2011-08-20T14:30:00Z"),
                "the QuickTime creation date"));
    }

    @Test
    void anAviIsDatedByItsRecordingDateAndAContainersOwnAspectWins() {
        MediaInfo info = ProbeOutputParser.parse("old-phone.3gp", """
                Input #0, avi, from 'a.avi':
                  Metadata:
                    date            : 2009-05-03
                  Duration: 00:00:01.00, start: 0.000000, bitrate: 535 kb/s
                  Stream #0:0(und): Video: h263 (s263 / 0x33363273), yuv420p(progressive), 176x144 [SAR 12:11 \
                DAR 4:3], 510 kb/s, SAR 16:11 DAR 16:9, 25 fps, 25 tbr, 12800 tbn, 29.97 tbc (default)
                """);
        assertThat(info.displayAspectRatio()).isEqualTo(new Ratio(16, 9));
        assertThat(info.rotation()).isZero();
        assertThat(info.recorded().source()).isEqualTo("the container's date (an AVI's ICRD/IDIT)");
        assertThat(info.recorded().instant()).isEqualTo(java.time.LocalDate.of(2009, 5, 3)
                .atStartOfDay(java.time.ZoneId.systemDefault()).toInstant());
    }

    @Test
    void datesAreReadAsCamerasWriteThemAndAnUnsetClockIsNoDate() {
        java.time.ZoneId utc = java.time.ZoneOffset.UTC;
        assertThat(RecordingDate.parse("Sat May 03 14:30:00 2009", utc))
                .contains(java.time.Instant.parse("2009-05-03T14:30:00Z"));
        assertThat(RecordingDate.parse("2009-05-03 14:30:00", utc))
                .contains(java.time.Instant.parse("2009-05-03T14:30:00Z"));
        assertThat(RecordingDate.parse("2011-08-20T14:30:00.000000Z", utc))
                .contains(java.time.Instant.parse("2011-08-20T14:30:00Z"));
        assertThat(RecordingDate.parse("1970-01-01T00:00:00.000000Z", utc)).isEmpty();
        assertThat(RecordingDate.parse("1904-01-01T00:00:00.000000Z", utc)).isEmpty();
        assertThat(RecordingDate.parse("yesterday", utc)).isEmpty();
    }
}
