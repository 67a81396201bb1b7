package mp4drop.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import mp4drop.failure.ConversionFailure;
import mp4drop.job.Link;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Link files as Windows and macOS write them, and the address shown without its secrets. */
class LinkFileTest {
    @TempDir
    Path dir;

    @Test
    void readsAWindowsShortcutWithItsBomAndOtherKeys() throws Exception {
        Path file = write("clip.URL", "\uFEFF[{000214A0-0000-0000-C000-000000000046}]\r\nProp3=19,11\r\n"
                + "[InternetShortcut]\r\nIDList=\r\nURL=https://drive.example/v/clip.mp4?key=abc\r\nIconIndex=0\r\n");

        assertThat(LinkFile.isLink(file)).isTrue();
        assertThat(LinkFile.read(file).uri().toString()).isEqualTo("https://drive.example/v/clip.mp4?key=abc");
    }

    @Test
    void readsAnXmlWeblocAndItsEntities() throws Exception {
        Path file = write("clip.webloc", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE plist PUBLIC "
                + "\"-//Apple//DTD PLIST 1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n"
                + "<plist version=\"1.0\"><dict><key>URL</key><string>http://cam.example/a.mov?x=1&amp;y=&#50;"
                + "</string></dict></plist>");

        assertThat(LinkFile.read(file).uri().toString()).isEqualTo("http://cam.example/a.mov?x=1&y=2");
    }

    @Test
    void refusesWhatIsNotAnHttpLink() throws Exception {
        assertThatThrownBy(() -> LinkFile.read(write("a.url", "[InternetShortcut]\nURL=file:///etc/passwd\n")))
                .isInstanceOf(ConversionFailure.class).hasMessageContaining("only http and https");
        assertThatThrownBy(() -> LinkFile.read(write("b.url", "[InternetShortcut]\n")))
                .hasMessageContaining("no URL= line");
        assertThatThrownBy(() -> LinkFile.read(write("c.url", "[InternetShortcut]\nURL=https:///nohost\n")))
                .hasMessageContaining("no host");
        assertThatThrownBy(() -> LinkFile.read(write("d.webloc", "bplist00\u00d1\u0001")))
                .hasMessageContaining("binary property list");
    }

    @Test
    void theShownAddressAndRedactedTextHoldNoQueryNorPassword() {
        Link link = Link.of("https://user:pa55@share.example:8443/v/clip.mp4?sig=T0K%2BEN&exp=9#frag");

        assertThat(link.shown()).isEqualTo("https://share.example:8443/v/clip.mp4?[hidden]");
        String ffmpeg = "[https @ 0x1] " + link.uri() + ": Server returned 403; sig=T0K+EN&exp=9 pa55";
        assertThat(link.redact(ffmpeg)).doesNotContain("T0K", "pa55", "frag").contains("share.example:8443/v/clip.mp4");
    }

    private Path write(String name, String text) throws Exception {
        return Files.write(dir.resolve(name), text.getBytes(StandardCharsets.UTF_8));
    }
}
