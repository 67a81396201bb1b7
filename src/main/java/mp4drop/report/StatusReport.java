package mp4drop.report;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import mp4drop.job.Job;

/**
 * What {@code ./run.sh status} prints: how many files stand where, the renders with their progress, and
 * the latest failures. A pure function of the job records and the inbox listing, so it can be tested
 * without a running mp4drop (and run while one is running: it only reads).
 */
public final class StatusReport {
    public static final List<String> DEFAULT_VIDEO_EXTENSIONS = List.of("mp4", "mov", "avi", "webm", "mkv");
    private static final int LAST_FAILURES = 5;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    private final Set<String> videoExtensions;

    public StatusReport(Collection<String> videoExtensions) {
        this.videoExtensions = videoExtensions.stream()
                .map(ext -> ext.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * @param jobs         every job on record, finished or not
     * @param inboxListing the files in the inbox (absolute paths, as {@link StatusSources#inboxFiles} lists
     *                     them); only visible videos count, and only those no unfinished job has taken
     * @param clock        the time and zone the report is printed in
     */
    public String render(Collection<Job> jobs, Collection<Path> inboxListing, Clock clock) {
        List<Job> sorted = jobs.stream().sorted(Comparator.comparing(job -> job.getId())).toList();
        Set<String> taken = sorted.stream()
                .filter(job -> !job.finished() && job.getSource() != null)
                .map(job -> job.getSource())
                .collect(Collectors.toSet());
        long notTaken = inboxListing.stream()
                .filter(file -> VideoNames.isVisibleVideo(file, videoExtensions))
                .filter(file -> !taken.contains(file.toAbsolutePath().toString()))
                .count();

        Map<Phase, Long> counts = new EnumMap<>(Phase.class);
        for (Phase phase : Phase.values()) {
            counts.put(phase, 0L);
        }
        counts.merge(Phase.WAITING, notTaken, Long::sum);
        sorted.forEach(job -> counts.merge(Phase.of(job), 1L, Long::sum));

        StringBuilder out = new StringBuilder();
        out.append("mp4drop status at ").append(WHEN.format(clock.instant().atZone(clock.getZone()))).append("\n\n");
        int labelWidth = 0;
        for (Phase phase : Phase.values()) {
            labelWidth = Math.max(labelWidth, phase.words().length());
        }
        int countWidth = String.valueOf(counts.values().stream().mapToLong(Long::longValue).max().orElse(0)).length();
        for (Phase phase : Phase.values()) {
            out.append(pad(phase.words(), labelWidth)).append("  ")
                    .append(padLeft(String.valueOf(counts.get(phase)), countWidth)).append('\n');
            if (phase == Phase.RENDERING) {
                appendRenders(out, sorted);
            }
        }
        appendFallbacks(out, sorted);
        appendFailures(out, sorted, clock);
        return out.toString();
    }

    /** Files the local engine took over from the cloud, by reason ("NemoVideo is out of credits"). */
    private static void appendFallbacks(StringBuilder out, List<Job> jobs) {
        Map<String, Long> byReason = jobs.stream()
                .filter(job -> job.getFallbackReason() != null)
                .collect(Collectors.groupingBy(job -> job.getFallbackReason(), TreeMap::new,
                        Collectors.counting()));
        if (byReason.isEmpty()) {
            return;
        }
        out.append("\nTaken over by the local engine because the cloud could not take them:\n");
        int width = byReason.keySet().stream().mapToInt(String::length).max().orElse(0);
        byReason.forEach((reason, count) -> out.append("  ").append(pad(reason, width)).append("  ").append(count)
                .append('\n'));
    }

    private static void appendRenders(StringBuilder out, List<Job> jobs) {
        List<Job> rendering = jobs.stream().filter(job -> Phase.of(job) == Phase.RENDERING).toList();
        int nameWidth = rendering.stream().mapToInt(job -> job.getName().length()).max().orElse(0);
        for (Job job : rendering) {
            out.append("  ").append(pad(job.getName(), nameWidth)).append("  ")
                    .append(padLeft(job.getProgress() + "%", 4)).append('\n');
        }
    }

    private static void appendFailures(StringBuilder out, List<Job> jobs, Clock clock) {
        List<Job> failures = jobs.stream()
                .filter(job -> Phase.of(job) == Phase.FAILED)
                .sorted(Comparator.comparing(StatusReport::failedAt, Comparator.nullsLast(Comparator.reverseOrder()))
                        .thenComparing(job -> job.getId(), Comparator.reverseOrder()))
                .limit(LAST_FAILURES)
                .toList();
        if (failures.isEmpty()) {
            return;
        }
        out.append("\nLast failures, newest first:\n");
        List<String[]> rows = new ArrayList<>();
        for (Job job : failures) {
            Instant when = failedAt(job);
            rows.add(new String[] {
                when == null ? "" : WHEN.format(when.atZone(clock.getZone())),
                job.getName(),
                Objects.requireNonNullElse(job.getFailureCode(), "?"),
                Objects.requireNonNullElse(job.getFailureMessage(), "").strip().replaceAll("\\s+", " ")});
        }
        int[] widths = new int[3];
        for (String[] row : rows) {
            for (int column = 0; column < widths.length; column++) {
                widths[column] = Math.max(widths[column], row[column].length());
            }
        }
        for (String[] row : rows) {
            out.append("  ");
            for (int column = 0; column < widths.length; column++) {
                out.append(pad(row[column], widths[column])).append("  ");
            }
            out.append(row[3]).append('\n');
        }
    }

    // the record is saved last when the job fails, so its update time is the failure time
    private static Instant failedAt(Job job) {
        return job.getUpdatedAt() != null ? job.getUpdatedAt() : job.getCreatedAt();
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }

    private static String padLeft(String text, int width) {
        return " ".repeat(Math.max(0, width - text.length())) + text;
    }
}
