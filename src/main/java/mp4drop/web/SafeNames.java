package mp4drop.web;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Names and relative paths that come from a browser, checked before they touch the disk: they stay inside
 * their folder (no {@code ..}, no absolute path, no symbolic link on the way), are visible (no leading dot:
 * mp4drop's own temporary files are hidden) and hold no control or path characters.
 */
final class SafeNames {
    private static final int MAX_NAME_BYTES = 255;

    private SafeNames() {
    }

    /** One file or folder name, as given; a {@link WebRefusal} (400) when it is not acceptable. */
    static String name(String name) {
        if (name == null || name.isBlank()) {
            throw new WebRefusal(400, "The file has no name.");
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            throw new WebRefusal(400, "The name is too long: at most 255 bytes.");
        }
        if (name.startsWith(".") || name.strip().length() != name.length()) {
            throw new WebRefusal(400, "'" + printable(name) + "' may not start with a dot or a space.");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '/' || c == '\\' || c == ':' || c == '*' || c == '?' || c == '"'
                    || c == '<' || c == '>' || c == '|') {
                throw new WebRefusal(400, "'" + printable(name)
                        + "' holds a character a file name may not have (/ \\ : * ? \" < > | or a control character).");
            }
        }
        return name;
    }

    /**
     * {@code relative} ("holidays/2024/clip.avi", "" for the folder itself) inside {@code root}: every part
     * a {@link #name}, and no part an existing symbolic link (which could point anywhere).
     */
    static Path inside(Path root, String relative) {
        Path base = root.toAbsolutePath().normalize();
        Path path = base;
        if (relative == null || relative.isEmpty()) {
            return path;
        }
        for (String part : relative.split("/", -1)) {
            path = path.resolve(name(part));
            if (Files.isSymbolicLink(path)) {
                throw new WebRefusal(400, "'" + printable(relative) + "' leads through a symbolic link.");
            }
        }
        if (!path.normalize().startsWith(base) || path.equals(base)) {
            throw new WebRefusal(400, "'" + printable(relative) + "' is not inside its folder.");
        }
        return path;
    }

    /** The path of {@code file} below {@code root}, with forward slashes, as the browser sees it. */
    static String relative(Path root, Path file) {
        return root.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize()).toString()
                .replace('\\', '/');
    }

    private static String printable(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().limit(80).forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return out.toString();
    }
}
