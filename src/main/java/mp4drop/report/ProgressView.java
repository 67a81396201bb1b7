package mp4drop.report;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import mp4drop.job.Job;

/**
 * The live block a {@code --once} run shows on a terminal: one line per file in flight and an overall
 * line, redrawn in place. Rendering is pure; the caller prints {@link #redraw} from a timer. Nothing else
 * may write to the terminal between two redraws (the cursor moves up over exactly the lines drawn last),
 * so a caller that logs to the same terminal calls {@link #erase} first and redraws afterwards.
 */
public final class ProgressView {
    private static final String CSI = "\u001b[";
    private static final String ELLIPSIS = "...";
    private static final int INDENT = 2;
    private static final int PERCENT_WIDTH = 4;
    private static final int SHORTEST_NAME = 8;

    private final int width;
    private int drawnLines;

    /** @param width the terminal's columns: no line is longer, so none wraps and upsets the redraw */
    public ProgressView(int width) {
        this.width = width;
    }

    /**
     * True when a live view makes sense: a terminal (not a pipe or a file) that understands cursor
     * movement, and the caller has not switched it off.
     */
    public static boolean shouldUse(boolean forcedOff) {
        return decide(System.console() != null, System.getenv("TERM"), forcedOff);
    }

    public static boolean shouldUse() {
        return shouldUse(false);
    }

    static boolean decide(boolean console, String term, boolean forcedOff) {
        return !forcedOff && console && !"dumb".equals(term);
    }

    /** The block for these unfinished jobs, oldest first, and the overall line. */
    public List<String> lines(Collection<Job> inFlight, int done, int failed, int total) {
        List<Job> jobs = inFlight.stream().sorted(Comparator.comparing(job -> job.getId())).toList();
        int wordWidth = jobs.stream().mapToInt(job -> Phase.of(job).words().length()).max().orElse(0);
        int longestName = jobs.stream().mapToInt(job -> job.getName().length()).max().orElse(0);
        int room = width - INDENT - 2 - wordWidth - 1 - PERCENT_WIDTH;
        int nameWidth = Math.min(longestName, Math.max(SHORTEST_NAME, room));

        List<String> lines = new ArrayList<>();
        for (Job job : jobs) {
            Phase phase = Phase.of(job);
            boolean measured = phase == Phase.RENDERING || phase == Phase.CONVERTING_LOCALLY;
            String percent = measured ? job.getProgress() + "%" : "";
            String line = " ".repeat(INDENT) + pad(shorten(job.getName(), nameWidth), nameWidth) + "  "
                    + pad(phase.words(), wordWidth) + " " + " ".repeat(PERCENT_WIDTH - percent.length()) + percent;
            lines.add(fit(line.stripTrailing()));
        }
        String overall = done + " of " + total + " done" + (failed > 0 ? ", " + failed + " failed" : "");
        lines.add(fit(overall));
        return lines;
    }

    /** Moves the cursor up over the last block, clears to the end of the screen and draws this one. */
    public synchronized String redraw(List<String> lines) {
        StringBuilder out = new StringBuilder(erase());
        for (String line : lines) {
            out.append(line).append('\n');
        }
        drawnLines = lines.size();
        return out.toString();
    }

    /** Removes the last block, leaving the cursor where its first line was. */
    public synchronized String erase() {
        String up = drawnLines > 0 ? CSI + drawnLines + "A" : "";
        drawnLines = 0;
        return up + "\r" + CSI + "J";
    }

    /** Cuts the middle, where names differ least: the extension and a trailing part number survive. */
    static String shorten(String name, int max) {
        if (name.length() <= max) {
            return name;
        }
        if (max <= ELLIPSIS.length()) {
            return name.substring(0, max);
        }
        int kept = max - ELLIPSIS.length();
        int tail = kept / 2;
        return name.substring(0, kept - tail) + ELLIPSIS + name.substring(name.length() - tail);
    }

    private String fit(String line) {
        return line.length() <= width ? line : line.substring(0, Math.max(0, width));
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }
}
