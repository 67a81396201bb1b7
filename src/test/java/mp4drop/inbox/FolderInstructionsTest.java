package mp4drop.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import mp4drop.job.FileInstructions;
import mp4drop.job.Sidecar;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderInstructionsTest {
    private static final String DEFAULT = "Convert this video to MP4 at 1080p without losing quality";
    private static final List<String> VIDEOS = List.of("mp4", "mov", "avi", "webm", "mkv");

    @TempDir
    Path inbox;
    private FolderInstructions settings;

    @BeforeEach
    void setUp() {
        settings = new FolderInstructions(inbox, "nemo", DEFAULT);
    }

    private Path write(String relative, String text) throws IOException {
        Path file = inbox.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    @Test
    void aFileWithNoSettingsAnywhereGetsTheDefaults() throws IOException {
        FileInstructions chosen = settings.forFile(write("clip.avi", "video"));

        assertThat(chosen).isEqualTo(new FileInstructions("nemo", DEFAULT, "default", Path.of("")));
    }

    @Test
    void theFolderSettingsFileDecidesAndTheOutputMirrorsTheFolder() throws IOException {
        write("holidays/mp4drop.properties", "instruction = Make it brighter\nengine = local\n");

        FileInstructions chosen = settings.forFile(write("holidays/clip.avi", "video"));

        assertThat(chosen.engine()).isEqualTo("local");
        assertThat(chosen.instruction()).isEqualTo("Make it brighter");
        assertThat(chosen.reason()).isEqualTo("folder settings holidays/mp4drop.properties");
        assertThat(chosen.outputSubPath()).isEqualTo(Path.of("holidays"));
    }

    @Test
    void theNearestFolderWinsAndUnsetKeysAreInheritedFromParents() throws IOException {
        write("mp4drop.properties", "engine = local\ninstruction = Root words\n");
        write("holidays/mp4drop.properties", "instruction = Holiday words\nresolution = 720p\n");
        write("holidays/2019/mp4drop.properties", "instruction = Summer 2019 words\n");

        FileInstructions chosen = settings.forFile(write("holidays/2019/beach.mov", "video"));

        assertThat(chosen.engine()).isEqualTo("local");
        assertThat(chosen.instruction()).isEqualTo("Summer 2019 words at 720p");
        assertThat(chosen.reason()).isEqualTo("folder settings holidays/2019/mp4drop.properties, "
                + "folder settings holidays/mp4drop.properties, folder settings mp4drop.properties");
        assertThat(chosen.outputSubPath()).isEqualTo(Path.of("holidays/2019"));
    }

    @Test
    void aResolutionReplacesTheOneTheInstructionAlreadyNames() throws IOException {
        write("old/mp4drop.properties", "resolution = 720P\n");

        FileInstructions chosen = settings.forFile(write("old/tape.avi", "video"));

        assertThat(chosen.instruction()).isEqualTo("Convert this video to MP4 at 720p without losing quality");
        assertThat(chosen.engine()).isEqualTo("nemo");
    }

    @Test
    void aResolutionIsAppendedWhenTheInstructionNamesNone() {
        assertThat(FolderInstructions.withResolution("Make it black and white.", "480p"))
                .isEqualTo("Make it black and white at 480p");
        assertThat(FolderInstructions.withResolution("Upscale it to 1080p please", "2160p"))
                .isEqualTo("Upscale it to 2160p please");
        assertThat(FolderInstructions.withResolution("Keep as is", null)).isEqualTo("Keep as is");
    }

    @Test
    void engineAutoMeansTheStartUpChoiceAndEmptyValuesInherit() throws IOException {
        write("a/mp4drop.properties", "engine = local\ninstruction = From a\n");
        write("a/b/mp4drop.properties", "engine = auto\ninstruction =\n");

        FileInstructions chosen = settings.forFile(write("a/b/c.mkv", "video"));

        assertThat(chosen.engine()).isEqualTo("nemo");
        assertThat(chosen.instruction()).isEqualTo("From a");
        assertThat(chosen.reason()).isEqualTo("folder settings a/b/mp4drop.properties, folder settings a/mp4drop.properties");
    }

    @Test
    void aSidecarWinsForItsFileAloneAndBecomesOneLine() throws IOException {
        write("holidays/mp4drop.properties", "instruction = Holiday words\nresolution = 720p\nengine = local\n");
        Path clip = write("holidays/clip.avi", "video");
        write("holidays/clip.avi.txt", "\n  Cut the first ten seconds,\n\tthen convert   to MP4.  \n\n");
        Path other = write("holidays/other.avi", "video");

        FileInstructions chosen = settings.forFile(clip);

        assertThat(chosen.instruction()).isEqualTo("Cut the first ten seconds, then convert to MP4.");
        assertThat(chosen.engine()).isEqualTo("local");
        assertThat(chosen.reason()).isEqualTo("sidecar clip.avi.txt, folder settings holidays/mp4drop.properties");
        assertThat(settings.forFile(other).instruction()).isEqualTo("Holiday words at 720p");
    }

    @Test
    void anEmptySidecarIsIgnored() throws IOException {
        Path clip = write("clip.avi", "video");
        write("clip.avi.txt", " \n ");

        assertThat(settings.forFile(clip).reason()).isEqualTo("default");
    }

    @Test
    void anUnknownKeyNamesTheFileAndTheKey() throws IOException {
        Path bad = write("holidays/mp4drop.properties", "resolutoin = 720p\n");
        Path clip = write("holidays/clip.avi", "video");

        assertThatThrownBy(() -> settings.forFile(clip))
                .isInstanceOfSatisfying(BadFolderInstructions.class, e -> {
                    assertThat(e.file()).isEqualTo(bad);
                    assertThat(e.key()).isEqualTo("resolutoin");
                })
                .hasMessageContaining(bad.toString())
                .hasMessageContaining("unknown key 'resolutoin'");
    }

    @Test
    void aBadEngineOrResolutionNamesTheFileAndTheKey() throws IOException {
        write("a/mp4drop.properties", "engine = cloud\n");
        write("b/mp4drop.properties", "resolution = big\n");

        assertThatThrownBy(() -> settings.forFile(write("a/x.avi", "video")))
                .isInstanceOf(BadFolderInstructions.class)
                .hasMessageContaining("a/mp4drop.properties")
                .hasMessageContaining("engine = 'cloud'")
                .hasMessageContaining("auto, nemo or local");
        assertThatThrownBy(() -> settings.forFile(write("b/x.avi", "video")))
                .isInstanceOfSatisfying(BadFolderInstructions.class, e -> assertThat(e.key()).isEqualTo("resolution"));
    }

    @Test
    void settingsAboveTheRootAreNotRead() throws IOException {
        Path root = Files.createDirectories(inbox.resolve("inbox"));
        write("mp4drop.properties", "engine = local\n");

        FileInstructions chosen = new FolderInstructions(root, "nemo", DEFAULT).forFile(write("inbox/clip.avi", "video"));

        assertThat(chosen.engine()).isEqualTo("nemo");
        assertThatThrownBy(() -> new FolderInstructions(root, "nemo", DEFAULT).forFile(inbox.resolve("elsewhere.avi")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not below");
    }

    @Test
    void settingsFilesAndSidecarsAreRecognised() {
        assertThat(FolderInstructions.isSettingsOrSidecar(Path.of("x/mp4drop.properties"), VIDEOS)).isTrue();
        assertThat(FolderInstructions.isSettingsOrSidecar(Path.of("x/clip.avi.txt"), VIDEOS)).isTrue();
        assertThat(FolderInstructions.isSettingsOrSidecar(Path.of("x/CLIP.MOV.TXT"), VIDEOS)).isTrue();
        assertThat(FolderInstructions.isSettingsOrSidecar(Path.of("x/notes.txt"), VIDEOS)).isFalse();
        assertThat(FolderInstructions.isSettingsOrSidecar(Path.of("x/clip.avi"), VIDEOS)).isFalse();
        assertThat(Sidecar.of(Path.of("x/clip.avi"))).isEqualTo(Path.of("x/clip.avi.txt"));
    }
}
