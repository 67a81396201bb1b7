package mp4drop.outbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import mp4drop.failure.ConversionFailure;
import mp4drop.job.Job;
import mp4drop.job.JobStore;
import mp4drop.report.HumanReadable;
import mp4drop.run.RunState;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox holds only finished, checked MP4s: engines write to a hidden temporary name there, and only
 * a file that passes the checks is renamed to {@code <input base name>.mp4}. Then, and only then, the
 * original leaves the inbox for the archive.
 */
public final class Outbox {
    private static final Logger LOG = LoggerFactory.getLogger("mp4drop");

    private static final String TEMP_SUFFIX = ".mp4.part";
    private static final Duration ROOM_RECHECK = Duration.ofSeconds(10);

    private final Path outboxDir;
    private final Path archiveDir;
    private final JobStore jobs;
    private final RunState run;
    private final OutboxSpace space;
    private final Originals originals;

    public Outbox(Path outboxDir, Path archiveDir, JobStore jobs, RunState run, Originals originals) {
        this.outboxDir = outboxDir;
        this.archiveDir = archiveDir;
        this.jobs = jobs;
        this.run = run;
        this.space = new OutboxSpace(outboxDir, jobs, ROOM_RECHECK);
        this.originals = originals;
    }

    /** Room on the outbox's disk, looked at before an engine starts writing there. */
    public OutboxSpace space() {
        return space;
    }

    /**
     * The hidden name an engine writes to: a person browsing the outbox does not take it for finished.
     * It holds the job id only, so that even a 250-character input name leaves room for it.
     */
    public Path tempFor(Job job) throws IOException {
        Files.createDirectories(outboxDir);
        return outboxDir.resolve("." + job.getId() + TEMP_SUFFIX);
    }

    /** Removes temporary files that no unfinished job will use again (left by a kill or a power cut). */
    public void removeOrphans() throws IOException {
        Set<String> inUse = jobs.unfinished().stream()
                .map(job -> job.getTempOutput())
                .filter(Objects::nonNull)
                .collect(Collectors.toSet());
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(outboxDir, ".*" + TEMP_SUFFIX)) {
            for (Path temp : temps) {
                if (!inUse.contains(temp.toString())) {
                    Files.deleteIfExists(temp);
                }
            }
        }
    }

    /**
     * Renames the checked temporary file to its final name. The name is written into the job record before
     * it is taken on disk, so that a kill at any point leaves either the temporary file to publish again or
     * the MP4 under the recorded name, never a second copy.
     */
    public void publish(@ExchangeProperty("job") Job job) throws IOException {
        Path temp = job.getTempOutput() == null ? null : Path.of(job.getTempOutput());
        boolean publishedBefore = job.getOutput() != null && Files.exists(Path.of(job.getOutput()));
        if (!publishedBefore) {
            checkMp4(job, temp);
        }
        Path named = job.getDvdTitle() != null ? Path.of(job.getDvdTitle())
                : Path.of(job.getFolder(), baseName(job.getName()));
        FreeName.moveRecorded(temp, outboxDir.resolve(named).getParent(), named.getFileName() + ".mp4", job.getOutput(),
                target -> {
                    job.publishingAs(target);
                    jobs.save(job);
                });
        job.tempOutputGone();
        jobs.save(job);
    }

    public void archiveOriginal(@ExchangeProperty("job") Job job) throws IOException {
        originals.move(job, archiveDir.resolve(job.getFolder()));
        job.published();
        jobs.save(job);
        run.converted(job);
        Path output = Path.of(job.getOutput());
        LOG.info("{}: done -> {} ({}, engine {})", job.getName(), outboxDir.relativize(output),
                HumanReadable.size(Files.size(output)), job.getEngineUsed());
    }

    /** Content converted before: the original goes to the archive with a note pointing at the earlier MP4. */
    public void archiveDuplicate(@ExchangeProperty("job") Job job) throws IOException {
        Path archived = originals.move(job, archiveDir.resolve(job.getFolder()));
        Path note = archived.resolveSibling(FreeName.fit(archived.getFileName().toString(), ".duplicate.txt"));
        Files.writeString(note, job.getName() + " has the same content as a video converted before: "
                + job.getDuplicateOf()
                + System.lineSeparator() + "Set mp4drop.reconvert-duplicates=true to convert it again."
                + System.lineSeparator());
        job.archivedAsDuplicate();
        jobs.save(job);
        run.duplicate(job);
        LOG.info("{}: archived without converting again (see {})", job.getName(), note.getFileName());
    }

    private static void checkMp4(Job job, Path temp) throws IOException {
        if (temp == null || !Files.exists(temp) || Files.size(temp) < 12) {
            throw new ConversionFailure("publish", "output-missing",
                    "The converted file for " + job.getName() + " is missing or empty.",
                    "Put the original back in the inbox to try again.");
        }
        byte[] head = new byte[12];
        try (InputStream in = Files.newInputStream(temp)) {
            in.readNBytes(head, 0, head.length);
        }
        boolean hasFtyp = head[4] == 'f' && head[5] == 't' && head[6] == 'y' && head[7] == 'p';
        if (!hasFtyp) {
            Files.delete(temp);
            throw new ConversionFailure("publish", "not-mp4",
                    "The converted file for " + job.getName() + " is not an MP4 (no 'ftyp' box at its start).",
                    "The engine returned something other than a video; put the original back in the inbox to "
                            + "try again.");
        }
    }

    /** clip.avi -> clip; names come only from the input file, never from what a server says. */
    public static String baseName(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
