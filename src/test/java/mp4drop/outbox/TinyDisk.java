package mp4drop.outbox;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real disk of a few hundred kilobytes: a tmpfs mounted on a folder, so that "no space left on device"
 * comes from the kernel as it would from a full USB stick. Mounting needs root; a test using it is skipped
 * with one line where that is not possible.
 */
public final class TinyDisk implements AutoCloseable {
    private final Path folder;

    private TinyDisk(Path folder) {
        this.folder = folder;
    }

    /** Mounts a tmpfs of {@code kilobytes} on {@code folder} (created), or skips the calling test. */
    public static TinyDisk mount(Path folder, int kilobytes) throws Exception {
        Files.createDirectories(folder);
        int exit = run("mount", "-t", "tmpfs", "-o", "size=" + kilobytes + "k,mode=0700", "tmpfs", folder.toString());
        assumeTrue(exit == 0, "skipped: this user cannot mount a tmpfs to play a full disk (needs root)");
        return new TinyDisk(folder);
    }

    public Path folder() {
        return folder;
    }

    /** Fills the disk up to {@code leftBytes} free. */
    public void fillLeaving(long leftBytes) throws IOException {
        long free = Files.getFileStore(folder).getUsableSpace();
        Files.write(folder.resolve(".filler"), new byte[(int) Math.max(0, free - leftBytes)]);
    }

    @Override
    public void close() throws Exception {
        run("umount", "-l", folder.toString());
    }

    private static int run(String... command) throws Exception {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return -1;
            }
            return process.exitValue();
        } catch (IOException noMountCommand) {
            return -1;
        }
    }
}
