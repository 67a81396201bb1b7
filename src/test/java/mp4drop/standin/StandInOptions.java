package mp4drop.standin;

import java.util.HashMap;
import java.util.Map;

/**
 * The stand-in's knobs. Each is a system property {@code standin.<name>}, or an argument
 * {@code <name>=<value>} after the port (arguments win). Sizes are plain byte counts, delays milliseconds.
 */
final class StandInOptions {
    /** Bytes of every rendered MP4 served from /cdn/. */
    final long outputBytes;
    /** Bytes written per chunk of a /cdn/ download. */
    final int chunkBytes;
    /** Pause after every chunk of a /cdn/ download (makes downloads slow enough to be interrupted). */
    final long chunkDelayMs;
    /** Pause before each event of a /run_sse stream. */
    final long sseDelayMs;
    /** Render status calls per render id until it reports completed (pending, processing..., completed). */
    final int renderPolls;
    /** The account's credits; each instruction costs turn-cost, and one that finds too few is refused (2001).
     *  Negative: never runs out (the balance then reads 100). */
    final long credits;
    final long turnCost;
    /** Above 0: every render is a real H.264 MP4 this many seconds long, made with FFmpeg's lavfi at start,
     *  followed by zeros up to output-bytes when that is larger; 0: an ftyp box and filler of output-bytes.
     *  "source": every render is a real MP4 as long as the video uploaded to its session. */
    final double renderSeconds;
    final boolean renderLikeSource;
    /** NemoVideo's size limit: a larger upload is refused with 4002 (the contract's 500 MB by default). */
    final long maxUploadBytes;
    /** The FFmpeg that makes that render; empty: the one the tests use (bundled, unpacked into target/). */
    final String ffmpeg;

    private StandInOptions(Map<String, String> values) {
        outputBytes = Long.parseLong(values.getOrDefault("output-bytes", "4096"));
        chunkBytes = Integer.parseInt(values.getOrDefault("chunk-bytes", "65536"));
        chunkDelayMs = Long.parseLong(values.getOrDefault("chunk-delay-ms", "0"));
        sseDelayMs = Long.parseLong(values.getOrDefault("sse-delay-ms", "0"));
        renderPolls = Integer.parseInt(values.getOrDefault("render-polls", "3"));
        credits = Long.parseLong(values.getOrDefault("credits", "-1"));
        turnCost = Long.parseLong(values.getOrDefault("turn-cost", "50"));
        String renderLength = values.getOrDefault("render-seconds", "0");
        renderLikeSource = renderLength.equals("source");
        renderSeconds = renderLikeSource ? 0 : Double.parseDouble(renderLength);
        ffmpeg = values.getOrDefault("ffmpeg", "");
        maxUploadBytes = Long.parseLong(values.getOrDefault("max-upload-bytes", String.valueOf(500L * 1024 * 1024)));
        if (outputBytes < 32) {
            throw new IllegalArgumentException("output-bytes must be at least 32 (room for the ftyp box)");
        }
    }

    static StandInOptions from(String[] args) {
        Map<String, String> values = new HashMap<>();
        for (String name : new String[] {"output-bytes", "chunk-bytes", "chunk-delay-ms", "sse-delay-ms", "render-polls",
                "credits", "turn-cost", "render-seconds", "ffmpeg", "max-upload-bytes"}) {
            String value = System.getProperty("standin." + name);
            if (value != null) {
                values.put(name, value);
            }
        }
        for (int i = 1; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("expected name=value, got " + args[i]);
            }
            values.put(args[i].substring(0, eq).replaceFirst("^(--)?(standin\\.)?", ""), args[i].substring(eq + 1));
        }
        return new StandInOptions(values);
    }

    @Override
    public String toString() {
        return "output-bytes=" + outputBytes + " chunk-bytes=" + chunkBytes + " chunk-delay-ms=" + chunkDelayMs
                + " sse-delay-ms=" + sseDelayMs + " render-polls=" + renderPolls + " credits=" + credits
                + " turn-cost=" + turnCost + " render-seconds=" + (renderLikeSource ? "source" : renderSeconds)
                + " max-upload-bytes=" + maxUploadBytes;
    }
}
