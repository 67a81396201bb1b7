package mp4drop.inbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mp4drop.failure.ConversionFailure;
import mp4drop.job.Link;

/**
 * What a browser or file manager writes when a link is dropped into a folder: a Windows {@code .url}
 * ({@code [InternetShortcut]} with a {@code URL=} line) or a macOS {@code .webloc} (an XML property list with
 * one {@code URL} key). Both are read with a pattern rather than an INI or XML parser: the file holds one value,
 * and a plist's DOCTYPE would make a safe XML parser refuse it. Binary property lists are not read.
 */
public final class LinkFile {
    private static final int MAX_BYTES = 64 * 1024;
    private static final Pattern URL_LINE = Pattern.compile("(?im)^\\s*URL\\s*=\\s*(\\S+)\\s*$");
    private static final Pattern PLIST_URL =
            Pattern.compile("(?s)<key>\\s*URL\\s*</key>\\s*<string>\\s*(.*?)\\s*</string>");
    private static final Pattern ENTITY = Pattern.compile("&(amp|lt|gt|quot|apos|#\\d+|#x[0-9a-fA-F]+);");

    private LinkFile() {
    }

    /** True for the names the inbox reads as links rather than as videos. */
    public static boolean isLink(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".url") || name.endsWith(".webloc");
    }

    /** @throws ConversionFailure {@code bad-link} when the file names no http(s) address mp4drop can read */
    public static Link read(Path file) throws IOException {
        String name = file.getFileName().toString();
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        }
        if (bytes.length > MAX_BYTES) {
            throw badLink(name, "it is larger than a link file can be (" + MAX_BYTES / 1024 + " KB)");
        }
        String text = new String(bytes, StandardCharsets.UTF_8).replace("\uFEFF", "");
        if (text.startsWith("bplist")) {
            throw new ConversionFailure("inbox", "bad-link", name + " is a binary property list, which mp4drop "
                    + "does not read.", "Save the link as XML (plutil -convert xml1 \"" + name + "\") or as a "
                    + ".url file, then drop it in again.");
        }
        boolean webloc = name.toLowerCase(Locale.ROOT).endsWith(".webloc");
        Matcher found = (webloc ? PLIST_URL : URL_LINE).matcher(text);
        if (!found.find()) {
            throw badLink(name, webloc ? "it has no URL key" : "it has no URL= line");
        }
        try {
            return Link.of(webloc ? unescape(found.group(1)) : found.group(1));
        } catch (IllegalArgumentException notHttp) {
            throw badLink(name, notHttp.getMessage());
        }
    }

    private static String unescape(String xml) {
        return ENTITY.matcher(xml).replaceAll(entity -> Matcher.quoteReplacement(switch (entity.group(1)) {
            case "amp" -> "&";
            case "lt" -> "<";
            case "gt" -> ">";
            case "quot" -> "\"";
            case "apos" -> "'";
            default -> Character.toString(entity.group(1).startsWith("#x")
                    ? Integer.parseInt(entity.group(1).substring(2), 16)
                    : Integer.parseInt(entity.group(1).substring(1)));
        }));
    }

    private static ConversionFailure badLink(String name, String why) {
        return new ConversionFailure("inbox", "bad-link", name + " is not a link mp4drop can follow: " + why + ".",
                "A link file must hold one http:// or https:// address of a video (a .url with a URL= line, or a "
                        + ".webloc). Fix or replace it, then drop it in again.");
    }
}
