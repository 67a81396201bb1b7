package mp4drop.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import mp4drop.failure.InvalidSetting;
import mp4drop.job.PrivateFolder;

/** The folders mp4drop works in: created when missing, and refused at start-up when not writable. */
public record WorkFolders(Path inbox, Path outbox, Path failed, Path archive, Path state, Path batch) {
    // the inbox and the batch folder are read with all their subfolders: a folder mp4drop writes into
    // must lie outside them, or every MP4 and every failed original would be taken again, without end
    private static final List<String> APART_FROM_INBOX =
            List.of("mp4drop.outbox", "mp4drop.failed", "mp4drop.archive", "mp4drop.state", "mp4drop.batch");
    private static final List<String> APART_FROM_BATCH =
            List.of("mp4drop.outbox", "mp4drop.failed", "mp4drop.archive", "mp4drop.state");

    public static WorkFolders prepare(TypedProperties settings) {
        return new WorkFolders(
                ready(settings, "mp4drop.inbox"),
                ready(settings, "mp4drop.outbox"),
                ready(settings, "mp4drop.failed"),
                ready(settings, "mp4drop.archive"),
                owned(ready(settings, "mp4drop.state"), "mp4drop.state"),
                ready(settings, "mp4drop.batch"));
    }

    /** Refuses, without creating anything, a folder that this user could neither write nor create. */
    static void checkWritable(TypedProperties settings, String key) {
        Path existing = nearestExisting(settings.folder(key));
        if (!Files.isDirectory(existing)) {
            throw new InvalidSetting(key, settings.text(key), "a folder, but " + existing + " is a file");
        }
        if (!Files.isWritable(existing)) {
            throw new InvalidSetting(key, settings.text(key),
                    "a folder this user can write, but " + existing + " is not writable");
        }
    }

    /** Refuses a folder mp4drop writes into that is the inbox or the batch folder, lies inside it or holds it. */
    static void checkApart(TypedProperties settings) {
        apart(settings, "mp4drop.inbox", APART_FROM_INBOX);
        apart(settings, "mp4drop.batch", APART_FROM_BATCH);
    }

    private static void apart(TypedProperties settings, String read, List<String> written) {
        Path readFolder = real(settings.folder(read));
        for (String key : written) {
            Path folder = real(settings.folder(key));
            if (folder.startsWith(readFolder) || readFolder.startsWith(folder)) {
                throw new InvalidSetting(key, settings.text(key), "a folder apart from " + read + " (" + readFolder
                        + "), neither the same, nor inside it, nor holding it: " + read
                        + " is read with all its subfolders");
            }
        }
    }

    // a symbolic link must not hide that two folders are one
    private static Path real(Path folder) {
        Path existing = nearestExisting(folder);
        try {
            return existing.toRealPath().resolve(existing.relativize(folder));
        } catch (IOException e) {
            return folder;
        }
    }

    private static Path nearestExisting(Path folder) {
        Path existing = folder;
        while (!Files.exists(existing)) {
            existing = existing.getParent();
        }
        return existing;
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
