package mp4drop.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import mp4drop.job.Job;
import mp4drop.job.JobStore;
import mp4drop.outbox.Outbox;
import mp4drop.report.HumanReadable;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The local engine's step of routes/30-local.camel.yaml: FFmpeg into the outbox's temporary name. */
public final class LocalSteps {
    private static final Logger LOG = LoggerFactory.getLogger("mp4drop");

    private final Supplier<LocalConverter> converter;
    private final JobStore jobs;
    private final Outbox outbox;
    private final Semaphore encoders;
    private final RemoteVideo links;

    /** @param links downloads the video behind a link file */
    public LocalSteps(Supplier<LocalConverter> converter, JobStore jobs, Outbox outbox, int concurrency,
            RemoteVideo links) {
        this.converter = converter;
        this.links = links;
        this.jobs = jobs;
        this.outbox = outbox;
        this.encoders = new Semaphore(Math.max(1, concurrency), true);
    }

    public void convert(@ExchangeProperty("job") Job job) throws Exception {
        Path temp = outbox.tempFor(job);
        if (outbox.space().mustWait(job, job.getSize())) {
            return;
        }
        job.encoding(temp);
        jobs.save(job);
        Path download = job.getLink() == null ? null : download(job);
        encoders.acquire();
        try {
            LOG.info("{}: converting locally with FFmpeg", job.getName());
            AtomicInteger lastLogged = new AtomicInteger(-1);
            Path input = download == null ? job.sourcePath() : download;
            converter.get().convert(input, temp, job.getInstruction(), percent -> {
                // read by the web page's live view from the job store's unfinished jobs
                job.progressed(percent);
                int step = percent / 25 * 25;
                if (step > lastLogged.getAndAccumulate(step, Math::max) && step > 0 && step < 100) {
                    LOG.info("{}: local {}%", job.getName(), step);
                }
            });
            job.encoded();
            jobs.save(job);
        } catch (Exception e) {
            Files.deleteIfExists(temp);
            job.tempOutputGone();
            throw e;
        } finally {
            encoders.release();
            if (download != null) {
                Files.deleteIfExists(download);
            }
        }
    }

    /** The video behind a link, whole, before an encoder slot is taken: a download holds no encoder. */
    private Path download(Job job) throws IOException {
        long started = System.nanoTime();
        try {
            Path file = links.download(job.linkAddress(), job.getName(), job.getId());
            LOG.info("{}: downloaded from {} ({} in {})", job.getName(), job.linkAddress().shown(),
                    HumanReadable.size(Files.size(file)), HumanReadable.since(started));
            return file;
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(Path.of(job.getTempOutput()));
            job.tempOutputGone();
            throw e;
        }
    }
}
