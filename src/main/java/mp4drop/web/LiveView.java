package mp4drop.web;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import mp4drop.job.Job;
import mp4drop.job.JobStore;
import mp4drop.report.InboxListing;
import mp4drop.report.Phase;
import org.apache.camel.Exchange;

/**
 * What the page shows live, read from the job store and the folders: every file in flight with its
 * engine, stage and percent, the counts, the engine, the cloud's credit balance and the next nightly
 * batch. Only names relative to mp4drop's folders reach the browser: no absolute path, no CDN link, no
 * session or render id.
 */
public final class LiveView {
    private final JobStore jobs;
    private final Path inbox;
    private final List<String> extensions;
    private final String engine;
    private final Optional<CreditBalance> credits;
    private final Supplier<Optional<Instant>> nextBatch;
    private final DoneVideos done;
    private final FailedFiles failed;
    private final InboxUpload uploads;
    private final long maxFileSize;

    public LiveView(JobStore jobs, Path inbox, List<String> extensions, long maxFileSize, String engine,
            Optional<CreditBalance> credits, Supplier<Optional<Instant>> nextBatch, DoneVideos done,
            FailedFiles failed, InboxUpload uploads) {
        this.jobs = jobs;
        this.inbox = inbox.toAbsolutePath().normalize();
        this.extensions = extensions;
        this.maxFileSize = maxFileSize;
        this.engine = engine;
        this.credits = credits;
        this.nextBatch = nextBatch;
        this.done = done;
        this.failed = failed;
        this.uploads = uploads;
    }

    /** One file on its way: a job, or a video in the inbox no job has taken yet (no id then). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record FileInFlight(String id, String file, String name, String engine, String phase, int progress,
            Instant since) {
    }

    /** GET /api/status */
    public void status(Exchange exchange) throws IOException {
        List<FileInFlight> inFlight = inFlight();
        long waiting = inFlight.stream().filter(file -> file.phase().equals(Phase.WAITING.words())).count();
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("waiting", waiting);
        counts.put("working", inFlight.size() - waiting);
        counts.put("done", done.list().size());
        counts.put("failed", failed.list().size());
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("engine", engine);
        status.put("credits", credits.flatMap(CreditBalance::read).orElse(null));
        status.put("next_batch", nextBatch.get().orElse(null));
        status.put("counts", counts);
        status.put("extensions", extensions);
        status.put("max_file_size", maxFileSize == Long.MAX_VALUE ? null : maxFileSize);
        status.put("folders", uploads.folders());
        WebAnswer.json(exchange.getMessage(), 200, status);
    }

    /** GET /api/jobs: the files in flight, the finished videos and the failed files. */
    public void jobs(Exchange exchange) throws IOException {
        Map<String, Object> lists = new LinkedHashMap<>();
        lists.put("in_flight", inFlight());
        lists.put("done", done.list());
        lists.put("failed", failed.list());
        WebAnswer.json(exchange.getMessage(), 200, lists);
    }

    /** GET /api/jobs/{id}: one job on record, finished or not. */
    public void job(Exchange exchange) throws IOException {
        String id = exchange.getIn().getHeader("id", "", String.class);
        Optional<Job> job = jobs.unfinished().stream().filter(j -> j.getId().equals(id)).findFirst();
        if (job.isEmpty() && id.matches("[0-9A-Za-z-]{1,64}")) {
            job = jobs.readAll().stream().filter(j -> id.equals(j.getId())).findFirst();
        }
        Job found = job.orElseThrow(() -> new WebRefusal(404, "There is no job with that id."));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", found.getId());
        answer.put("file", file(found));
        answer.put("name", found.getName());
        answer.put("engine", found.getEngine());
        answer.put("phase", Phase.of(found).words());
        answer.put("progress", found.getProgress());
        answer.put("instruction", found.getInstruction());
        answer.put("created_at", found.getCreatedAt());
        answer.put("updated_at", found.getUpdatedAt());
        answer.put("failure_code", found.getFailureCode());
        if (found.getFailureMessage() != null) {
            answer.put("failure_message",
                    found.getFailureMessage().replaceAll("(?i)\\b(https?|s3|gs)://\\S+", "(link)"));
        }
        answer.put("video", found.getOutput() == null ? null : done.urlFor(Path.of(found.getOutput())).orElse(null));
        WebAnswer.json(exchange.getMessage(), 200, answer);
    }

    private List<FileInFlight> inFlight() throws IOException {
        List<Job> unfinished = jobs.unfinished().stream().sorted(Comparator.comparing(job -> job.getId())).toList();
        Set<String> taken = unfinished.stream().map(job -> job.getSource()).collect(Collectors.toSet());
        List<FileInFlight> files = new ArrayList<>();
        for (Job job : unfinished) {
            files.add(new FileInFlight(job.getId(), file(job), job.getName(), job.getEngine(), Phase.of(job).words(),
                    job.getProgress(), job.getCreatedAt()));
        }
        for (Path video : InboxListing.videos(inbox, extensions)) {
            if (!taken.contains(video.toAbsolutePath().toString())) {
                files.add(new FileInFlight(null, SafeNames.relative(inbox, video), video.getFileName().toString(),
                        null, Phase.WAITING.words(), 0, null));
            }
        }
        return files;
    }

    private static String file(Job job) {
        String folder = job.getFolder();
        return folder == null || folder.isEmpty() ? job.getName() : folder + "/" + job.getName();
    }
}
