package mp4drop.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import mp4drop.failure.InvalidSetting;
import mp4drop.job.PrivateFolder;

/** The folders mp4drop works in: created when missing, and refused at start-up when not writable. */
public record WorkFolders(Path inbox, Path outbox, Path failed, Path archive, Path state, Path batch) {

    public static WorkFolders prepare(TypedProperties settings) {
        return new WorkFolders(
                ready(settings, "mp4drop.inbox"),
                ready(settings, "mp4drop.outbox"),
                ready(settings, "mp4drop.failed"),
                ready(settings, "mp4drop.archive"),
                owned(ready(settings, "mp4drop.state"), "mp4drop.state"),
                ready(settings, "mp4drop.batch"));
    }

    private static Path owned(Path folder, String key) {
        try {
            return PrivateFolder.create(folder);
        } catch (IOException e) {
            throw new InvalidSetting(key + ": cannot make the folder " + folder + " owner-only ("
                    + e.getMessage() + ")");
        }
    }

    private static Path ready(TypedProperties settings, String key) {
        Path folder = settings.folder(key);
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new InvalidSetting(key + ": cannot create the folder " + folder + " (" + e.getMessage() + ")");
        }
        if (!Files.isWritable(folder)) {
            throw new InvalidSetting(key + ": the folder " + folder + " is not writable by this user");
        }
        return folder;
    }
}
