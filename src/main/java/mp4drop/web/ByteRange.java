package mp4drop.web;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One range of an HTTP {@code Range: bytes=...} header, as a video player asks for it when it seeks.
 * Several ranges in one header are answered with the whole file, which HTTP allows.
 */
record ByteRange(long first, long last) {
    private static final Pattern SINGLE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    long length() {
        return last - first + 1;
    }

    /**
     * The range asked for in a file of {@code size} bytes; empty for no (or an unusable) header, a
     * {@link WebRefusal} (416) for a range that lies outside the file.
     */
    static Optional<ByteRange> of(String header, long size) {
        if (header == null) {
            return Optional.empty();
        }
        Matcher m = SINGLE.matcher(header.strip());
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return Optional.empty();
        }
        try {
            if (m.group(1).isEmpty()) {
                long suffix = Long.parseLong(m.group(2));
                if (suffix == 0 || size == 0) {
                    throw unsatisfiable();
                }
                return Optional.of(new ByteRange(Math.max(0, size - suffix), size - 1));
            }
            long first = Long.parseLong(m.group(1));
            long last = m.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(m.group(2)), size - 1);
            if (first >= size || last < first) {
                throw unsatisfiable();
            }
            return Optional.of(new ByteRange(first, last));
        } catch (NumberFormatException tooLong) {
            throw unsatisfiable();
        }
    }

    private static WebRefusal unsatisfiable() {
        return new WebRefusal(416, "That part of the video does not exist.");
    }
}
