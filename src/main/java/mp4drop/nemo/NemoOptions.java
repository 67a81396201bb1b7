package mp4drop.nemo;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything the NemoVideo client needs to know. mp4drop builds it from the nemo.* settings; tests start
 * from {@link #defaults} and shrink every timeout to milliseconds with the {@code with…} methods.
 *
 * @param apiBase              API base, e.g. https://mega-api-prod.nemovideo.ai
 * @param webUrl               web app, used for the registration link
 * @param userToken            NEMO_TOKEN: when set it is used as is and never written to disk; null for anonymous
 * @param clientId             a configured client id; null makes one and keeps it in {@code <stateDir>/client-id}
 * @param skillSource          X-Skill-Source
 * @param skillVersion         X-Skill-Version
 * @param skillPlatform        X-Skill-Platform
 * @param stateDir             where client-id and token.json live
 * @param connectTimeout       TCP/TLS connect limit for every call
 * @param requestTimeout       limit for a JSON call to answer
 * @param uploadTimeout        limit for an upload to answer (the whole file has to be sent first)
 * @param sseIdleTimeout       a stream sending only heartbeats this long counts as timed out
 * @param sseHardTimeout       a stream is given up after this long, whatever it sends
 * @param downloadStallTimeout a download receiving nothing this long fails
 * @param maxDownloadBytes     a larger render is refused
 */
public record NemoOptions(URI apiBase, URI webUrl, String userToken, String clientId, String skillSource,
        String skillVersion, String skillPlatform, Path stateDir, Duration connectTimeout, Duration requestTimeout,
        Duration uploadTimeout, Duration sseIdleTimeout, Duration sseHardTimeout, Duration downloadStallTimeout,
        long maxDownloadBytes) {

    public static final String DEFAULT_SKILL_SOURCE = "video-converter-best";
    public static final String DEFAULT_SKILL_VERSION = "1.0.0";
    public static final String DEFAULT_SKILL_PLATFORM = "mp4drop";
    /** Generous: a 500 MB input rendered to MP4 should stay well below it. */
    public static final long DEFAULT_MAX_DOWNLOAD_BYTES = 4L * 1024 * 1024 * 1024;

    public NemoOptions {
        Objects.requireNonNull(apiBase, "apiBase");
        Objects.requireNonNull(webUrl, "webUrl");
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(skillSource, "skillSource");
        Objects.requireNonNull(skillVersion, "skillVersion");
        Objects.requireNonNull(skillPlatform, "skillPlatform");
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(requestTimeout, "requestTimeout");
        requirePositive(uploadTimeout, "uploadTimeout");
        requirePositive(sseIdleTimeout, "sseIdleTimeout");
        requirePositive(sseHardTimeout, "sseHardTimeout");
        requirePositive(downloadStallTimeout, "downloadStallTimeout");
        if (maxDownloadBytes <= 0) {
            throw new IllegalArgumentException("maxDownloadBytes must be positive");
        }
        userToken = blankToNull(userToken);
        clientId = blankToNull(clientId);
    }

    /** The contract's defaults: idle 10 min, hard ceiling 15 min. */
    public static NemoOptions defaults(URI apiBase, URI webUrl, String userToken, Path stateDir) {
        return new NemoOptions(apiBase, webUrl, userToken, null, DEFAULT_SKILL_SOURCE, DEFAULT_SKILL_VERSION,
                DEFAULT_SKILL_PLATFORM, stateDir, Duration.ofSeconds(15), Duration.ofSeconds(60),
                Duration.ofMinutes(30), Duration.ofMinutes(10), Duration.ofMinutes(15), Duration.ofMinutes(2),
                DEFAULT_MAX_DOWNLOAD_BYTES);
    }

    public NemoOptions withClientId(String id) {
        return new NemoOptions(apiBase, webUrl, userToken, id, skillSource, skillVersion, skillPlatform, stateDir,
                connectTimeout, requestTimeout, uploadTimeout, sseIdleTimeout, sseHardTimeout, downloadStallTimeout,
                maxDownloadBytes);
    }

    public NemoOptions withTimeouts(Duration connect, Duration request, Duration upload) {
        return new NemoOptions(apiBase, webUrl, userToken, clientId, skillSource, skillVersion, skillPlatform,
                stateDir, connect, request, upload, sseIdleTimeout, sseHardTimeout, downloadStallTimeout,
                maxDownloadBytes);
    }

    public NemoOptions withSseTimeouts(Duration idle, Duration hard) {
        return new NemoOptions(apiBase, webUrl, userToken, clientId, skillSource, skillVersion, skillPlatform,
                stateDir, connectTimeout, requestTimeout, uploadTimeout, idle, hard, downloadStallTimeout,
                maxDownloadBytes);
    }

    public NemoOptions withDownloadLimits(Duration stall, long maxBytes) {
        return new NemoOptions(apiBase, webUrl, userToken, clientId, skillSource, skillVersion, skillPlatform,
                stateDir, connectTimeout, requestTimeout, uploadTimeout, sseIdleTimeout, sseHardTimeout, stall,
                maxBytes);
    }

    /** The register link for out-of-credits: binds the anonymous user when its id is known. */
    public String registerUrl(String userId) {
        String base = webUrl.toString().replaceAll("/+$", "") + "/register";
        return userId == null || userId.isBlank() ? base : base + "?bind=" + UrlParts.queryValue(userId);
    }

    /** Never prints the token or the client id: settings end up in logs and error reports. */
    @Override
    public String toString() {
        return "NemoOptions[apiBase=" + apiBase + ", webUrl=" + webUrl + ", userToken="
                + (userToken == null ? "none" : "***") + ", clientId=" + (clientId == null ? "generated" : "***")
                + ", skill=" + skillSource + "/" + skillVersion + "/" + skillPlatform + ", stateDir=" + stateDir
                + ", connectTimeout=" + connectTimeout + ", requestTimeout=" + requestTimeout + ", uploadTimeout="
                + uploadTimeout + ", sseIdleTimeout=" + sseIdleTimeout + ", sseHardTimeout=" + sseHardTimeout
                + ", downloadStallTimeout=" + downloadStallTimeout + ", maxDownloadBytes=" + maxDownloadBytes + "]";
    }

    private static void requirePositive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
