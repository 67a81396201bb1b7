package mp4drop.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import mp4drop.job.SourceMedia;
import org.junit.jupiter.api.Test;

/** Which files go to the cloud as they are, under their real container's name, repackaged, or not at all. */
class CloudFitTest {
    private static final long MB = 1024 * 1024;
    private static final long LIMIT = 500 * MB;

    @Test
    void anAcceptedContainerUnderItsOwnNameGoesAsItIs() {
        assertThat(decide("clip.MOV", "mov,mp4,m4a,3gp,3g2,mj2", "h264", "aac", 10 * MB).way())
                .isEqualTo(CloudFit.Way.AS_IS);
        assertThat(decide("tape.avi", "avi", "dvvideo", "pcm_s16le", 400 * MB).way()).isEqualTo(CloudFit.Way.AS_IS);
        assertThat(decide("film.webm", "matroska,webm", "vp9", "opus", MB).way()).isEqualTo(CloudFit.Way.AS_IS);
    }

    @Test
    void theProbedContainerDecidesNotTheName() {
        CloudFit phone = decide("old phone.3gp", "mov,mp4,m4a,3gp,3g2,mj2", "h263", "amr_nb", MB);
        assertThat(phone.way()).isEqualTo(CloudFit.Way.RENAMED);
        assertThat(phone.uploadExtension()).isEqualTo("mp4");
        assertThat(decide("mislabelled.mkv", "avi", "mpeg4", "mp3", MB).uploadExtension()).isEqualTo("avi");
        CloudFit dvd = decide("disc.avi", "mpeg", "mpeg2video", "ac3", MB);
        assertThat(dvd.way()).isEqualTo(CloudFit.Way.REPACKAGED);
        assertThat(dvd.uploadExtension()).isEqualTo("mkv");
    }

    @Test
    void h264WithAacOrMp3GoesIntoMp4AndAnythingElseIntoMkv() {
        assertThat(decide("a.flv", "flv", "h264", "aac", MB).uploadExtension()).isEqualTo("mp4");
        assertThat(decide("a.m2ts", "mpegts", "h264", "ac3", MB).uploadExtension()).isEqualTo("mkv");
        assertThat(decide("a.wmv", "asf", "wmv2", "wmav2", MB).uploadExtension()).isEqualTo("mkv");
        assertThat(decide("a.dv", "dv", "dvvideo", "pcm_s16le", MB).uploadExtension()).isEqualTo("mkv");
        assertThat(decide("a.mpg", "mpeg", "mpeg4", null, MB).uploadExtension()).isEqualTo("mp4");
    }

    @Test
    void overTheLimitOnlyAContainerWithOverheadToLoseIsTriedAndALinkNever() {
        CloudFit tape = decide("tape.avi", "avi", "dvvideo", "pcm_s16le", 650 * MB);
        assertThat(tape.way()).isEqualTo(CloudFit.Way.NOT_FOR_CLOUD);
        assertThat(tape.code()).isEqualTo(CloudFit.TOO_LARGE);
        assertThat(tape.reason()).contains("650.0 MB", "500.0 MB", "nemo.max-upload-size");
        assertThat(decide("a.mts", "mpegts", "h264", "ac3", 520 * MB).way()).isEqualTo(CloudFit.Way.REPACKAGED);
        assertThat(decide("a.mts", "mpegts", "h264", "ac3", 700 * MB).code()).isEqualTo(CloudFit.TOO_LARGE);
        assertThat(CloudFit.decide("a.url", media("mov,mp4,m4a,3gp,3g2,mj2", "h264", "aac"), 600 * MB, LIMIT, true)
                .code()).isEqualTo(CloudFit.TOO_LARGE);
    }

    @Test
    void aLinkGoesByItsAddressOnlyToAContainerTheCloudTakes() {
        assertThat(CloudFit.decide("a.url", media("mov,mp4,m4a,3gp,3g2,mj2", "h264", "aac"), 0, LIMIT, true).way())
                .isEqualTo(CloudFit.Way.AS_IS);
        CloudFit mpeg = CloudFit.decide("a.webloc", media("mpeg", "mpeg2video", "mp2"), MB, LIMIT, true);
        assertThat(mpeg.way()).isEqualTo(CloudFit.Way.NOT_FOR_CLOUD);
        assertThat(mpeg.code()).isEqualTo(CloudFit.WRONG_FORMAT);
    }

    private static CloudFit decide(String name, String container, String video, String audio, long size) {
        return CloudFit.decide(name, media(container, video, audio), size, LIMIT, false);
    }

    private static SourceMedia media(String container, String video, String audio) {
        SourceMedia media = new SourceMedia(2, 320, 240, 25, false, audio, video);
        media.container = container;
        return media;
    }
}
