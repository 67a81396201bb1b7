package mp4drop.job;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A video's http(s) address, from a link file in the inbox. A share link often carries its key in the query
 * (or a password in the user part), so only {@link #shown()} may reach a log line, an error file or the plan;
 * {@link #redact} takes the address out of text that quotes it, such as FFmpeg's messages.
 */
public record Link(URI uri) {
    private static final String HIDDEN = "[hidden]";

    /** @throws IllegalArgumentException when it is not an http(s) address with a host; the message holds no part of it */
    public static Link of(String address) {
        URI uri;
        try {
            uri = new URI(address.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the address is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("only http and https addresses are taken"
                    + (scheme.isEmpty() ? "" : ", not " + scheme.replaceAll("[^a-z0-9+.-]", "?")));
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("the address names no host");
        }
        return new Link(uri);
    }

    /** Scheme, host, port and path: what a person needs to recognise the link, without its secrets. */
    public String shown() {
        String query = uri.getRawQuery() == null ? "" : "?" + HIDDEN;
        return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost()
                + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + (uri.getRawPath() == null ? "" : uri.getRawPath())
                + query;
    }

    /** The text with every spelling of this address replaced by {@link #shown()}, and its secrets by a mark. */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = text.replace(uri.toString(), shown());
        String userInfo = uri.getRawUserInfo();
        String password = userInfo == null || !userInfo.contains(":") ? null
                : userInfo.substring(userInfo.indexOf(':') + 1);
        for (String secret : new String[] {uri.getRawQuery(), userInfo, password, uri.getRawFragment()}) {
            if (secret != null && !secret.isEmpty()) {
                out = out.replace(secret, HIDDEN);
                String decoded = URLDecoder.decode(secret.replace("+", "%2B"), StandardCharsets.UTF_8);
                if (!decoded.isEmpty()) {
                    out = out.replace(decoded, HIDDEN);
                }
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return shown();
    }
}
