package mp4drop.local;

/** How the frames of a video are scanned, as FFmpeg reports it next to the pixel format. */
public enum FieldOrder {
    PROGRESSIVE("progressive", "auto"),
    TOP_FIRST("top first", "tff"),
    BOTTOM_FIRST("bottom first", "bff"),
    /** FFmpeg "top coded first (swapped)", ffprobe "tb": the bottom field is shown first. */
    TOP_CODED_BOTTOM_SHOWN("top coded first (swapped)", "bff"),
    /** FFmpeg "bottom coded first (swapped)", ffprobe "bt": the top field is shown first. */
    BOTTOM_CODED_TOP_SHOWN("bottom coded first (swapped)", "tff"),
    /** Nothing printed: most containers do not say, so only the codec (DV) can tell. */
    UNKNOWN("unknown", "auto");

    private final String label;
    private final String parity;

    FieldOrder(String label, String parity) {
        this.label = label;
        this.parity = parity;
    }

    public boolean interlaced() {
        return this != PROGRESSIVE && this != UNKNOWN;
    }

    /** The bwdif/yadif parity value that matches this order; "auto" trusts the decoder's frame flags. */
    public String parity() {
        return parity;
    }

    /** Reads the field order out of the words inside FFmpeg's pixel-format parentheses. */
    static FieldOrder fromPixelFormatDetails(String details) {
        String text = details.toLowerCase();
        if (text.contains("top coded first") || hasWord(text, "tb")) {
            return TOP_CODED_BOTTOM_SHOWN;
        }
        if (text.contains("bottom coded first") || hasWord(text, "bt")) {
            return BOTTOM_CODED_TOP_SHOWN;
        }
        if (text.contains("top first") || hasWord(text, "tt")) {
            return TOP_FIRST;
        }
        if (text.contains("bottom first") || hasWord(text, "bb")) {
            return BOTTOM_FIRST;
        }
        if (text.contains("progressive")) {
            return PROGRESSIVE;
        }
        return UNKNOWN;
    }

    private static boolean hasWord(String text, String word) {
        for (String part : text.split("[\\s,()]+")) {
            if (part.equals(word)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return label;
    }
}
