package mp4drop.inbox;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import mp4drop.failure.ConversionFailure;
import mp4drop.job.DvdTitle;
import mp4drop.job.FileInstructions;
import mp4drop.job.Job;
import mp4drop.job.JobStore;
import mp4drop.job.Link;
import mp4drop.job.SourceMedia;
import mp4drop.local.LocalConverter;
import mp4drop.local.MediaInfo;
import mp4drop.local.RecordingDate;
import mp4drop.local.RemoteVideo;
import mp4drop.report.HumanReadable;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a file becomes a job: checks that need no network (readable, not empty, not too large, a whole video
 * FFmpeg can read), then the job record that the rest of the flow carries as the exchange property {@code job}.
 * Whether the cloud may still be paid for it is the cloud route's first question.
 */
public final class Intake {
    private static final Logger LOG = LoggerFactory.getLogger("mp4drop");

    private final JobStore jobs;
    private final Supplier<LocalConverter> ffmpeg;
    private final FolderInstructions inboxSettings;
    private final FolderInstructions batchSettings;
    private final long maxFileSize;
    private final boolean reconvertDuplicates;
    private final RemoteVideo links;

    /** @param links looks at the video behind a link file */
    public Intake(JobStore jobs, Supplier<LocalConverter> ffmpeg, FolderInstructions inboxSettings,
            FolderInstructions batchSettings, long maxFileSize, boolean reconvertDuplicates, RemoteVideo links) {
        this.jobs = jobs;
        this.links = links;
        this.ffmpeg = ffmpeg;
        this.inboxSettings = inboxSettings;
        this.batchSettings = batchSettings;
        this.maxFileSize = maxFileSize;
        this.reconvertDuplicates = reconvertDuplicates;
    }

    /**
     * A file the inbox consumer just took; the exchange is where the job travels on from here. When the same
     * content is already being converted no job is made, and the exchange carries none.
     */
    public void accept(@Body File file, Exchange exchange) throws IOException {
        Path source = file.toPath().toAbsolutePath();
        String name = source.getFileName().toString();
        checkReadable(source, name);
        long size = source.toFile().length();
        if (size == 0) {
            throw new ConversionFailure("inbox", "empty-file", name + " is empty (0 bytes).",
                    "The copy into the inbox probably failed: copy the video again.");
        }
        Link link = LinkFile.isLink(source) ? LinkFile.read(source) : null;
        if (link == null && size > maxFileSize) {
            throw new ConversionFailure("inbox", "too-large",
                    name + " is " + HumanReadable.size(size) + ", over the limit of "
                            + HumanReadable.size(maxFileSize) + ".",
                    "Trim or compress the video below the limit, or raise mp4drop.max-file-size.");
        }
        SourceMedia media;
        String sha256;
        if (link == null) {
            media = sourceMedia(atInbox(() -> ffmpeg.get().inspectSource(source)), source);
            sha256 = ContentHash.of(source);
        } else {
            RemoteVideo.Found found = atInbox(() -> links.probe(link, name));
            media = sourceMedia(found.media(), source);
            size = found.estimatedBytes();
            sha256 = ContentHash.of(link);
        }
        Optional<Job> earlier = jobs.convertedBefore(sha256)
                .filter(done -> !reconvertDuplicates && Files.exists(Path.of(done.getOutput())));
        FileInstructions settings = settingsFor(source);
        Optional<Job> created = jobs.create(source, size, sha256, settings);
        if (created.isEmpty()) {
            LOG.info("{}: the same content is already being converted; left alone", name);
            return;
        }
        Job job = created.get();
        job.probed(media, link);
        DvdTitle.startingAt(source).ifPresent(title -> nameAfterDisc(job, title));
        jobs.save(job);
        carry(exchange, job);
        if (earlier.isPresent()) {
            job.sameContentAs(earlier.get().getOutput());
            LOG.info("{}: same content as {}, already converted to {}", name, earlier.get().getName(),
                    job.getDuplicateOf());
        } else {
            LOG.info("{}: taken from the inbox ({}, {}, engine {}, instruction from {})", name,
                    link == null ? HumanReadable.size(job.getSize()) : "a link to " + link.shown(), media.summary(),
                    job.getEngine(), job.getSettingsReason());
        }
    }

    /** A DVD title is all its parts: their size for the room it needs, the disc's folder for its name. */
    private static void nameAfterDisc(Job job, DvdTitle title) {
        job.takenAsDvdTitle(title.outputPath(Path.of(job.getFolder())), title.size());
        LOG.info("{}: a DVD title of {} parts, converted as one video to {}.mp4", job.getName(), title.parts().size(),
                job.getDvdTitle());
    }

    /** A job the job tick brought back: a wait is over, or the app was restarted. */
    public void resume(@Body Job job, Exchange exchange) {
        carry(exchange, job);
    }

    /**
     * The look before paying: FFmpeg on this machine reads the original (or the address a link names), whichever
     * engine converts it; what it refuses fails at the inbox.
     */
    private static <T> T atInbox(Supplier<T> look) {
        try {
            return look.get();
        } catch (ConversionFailure failure) {
            throw new ConversionFailure("inbox", failure.code(), failure.getMessage(), failure.hint(),
                    failure.details(), failure);
        }
    }

    /** The probe's findings about {@code source} as the job records them. */
    public static SourceMedia sourceMedia(MediaInfo info, Path source) {
        SourceMedia media = new SourceMedia(info.durationSeconds(), info.width(), info.height(), info.frameRate(),
                info.interlaced(), info.audioCodec(), info.videoCodec());
        media.rotation = info.rotation();
        media.shownAspect = info.shownAspectRatio().value();
        RecordingDate recorded = info.recordingDate(source);
        media.recordedAt = recorded.instant();
        media.recordedFrom = recorded.source();
        media.container = info.container();
        return media;
    }

    /** The job goes on as the exchange property {@code job}; its claim is released when the exchange is done. */
    private void carry(Exchange exchange, Job job) {
        exchange.setProperty("job", job);
        exchange.getExchangeExtension().addOnCompletion(new ReleaseClaim(jobs, job));
    }

    private FileInstructions settingsFor(Path source) {
        try {
            return (source.startsWith(batchSettings.root()) ? batchSettings : inboxSettings).forFile(source);
        } catch (BadFolderInstructions e) {
            throw new ConversionFailure("inbox", "bad-settings", e.getMessage(),
                    "Fix the settings file (keys: instruction, engine, resolution), then put the video back.");
        }
    }

    private static void checkReadable(Path source, String name) {
        if (!Files.isReadable(source)) {
            throw new ConversionFailure("inbox", "cannot-read", "mp4drop may not read " + name + ".",
                    "Give the user running mp4drop read permission on the file, then put it back in the inbox.");
        }
    }
}
