package mp4drop.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mp4drop.failure.ConversionFailure;
import mp4drop.job.AtomicFile;

/** The ffmpeg executable every local step runs, and the version line it reports. */
public final class FfmpegBinary {
    /** The static build inside ws.schild:jave-nativebin-linux64 3.5.0. */
    static final String BUNDLED_RESOURCE = "ws/schild/jave/nativebin/ffmpeg-amd64";
    static final String BUNDLED_NAME = "ffmpeg-4.4.1";

    private final Path path;
    private final String version;

    private FfmpegBinary(Path path, String version) {
        this.path = path;
        this.version = version;
    }

    /**
     * Picks, in order: the configured path (setting {@code mp4drop.ffmpeg}), {@code ffmpeg} on the PATH, the
     * FFmpeg bundled on the classpath (extracted once to {@code <stateDir>/bin/ffmpeg-4.4.1}).
     *
     * @param configured the {@code mp4drop.ffmpeg} setting; null or blank when not set
     * @throws ConversionFailure {@code ffmpeg-not-found} when the configured path is wrong or no FFmpeg can run
     */
    public static FfmpegBinary locate(String configured, Path stateDir) {
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured.trim());
            if (!Files.isRegularFile(path) || !Files.isExecutable(path)) {
                throw new ConversionFailure("local", "ffmpeg-not-found",
                        "The FFmpeg set in mp4drop.ffmpeg (" + path + ") does not exist or cannot be executed.",
                        "Fix the path in mp4drop.ffmpeg, or remove the setting to use the FFmpeg that comes with "
                                + "mp4drop.");
            }
            return at(path);
        }
        Path onPath = findOnPath("ffmpeg");
        return at(onPath != null ? onPath : extractBundled(stateDir.resolve("bin")));
    }

    /** Uses the given executable as it is. */
    public static FfmpegBinary at(Path executable) {
        return new FfmpegBinary(executable.toAbsolutePath(), readVersion(executable.toAbsolutePath()));
    }

    public Path path() {
        return path;
    }

    /**
     * Settings for the child's environment. A static build carries its own C library, which would load this
     * machine's character-set modules (made for another C library) the first time a demuxer converts text,
     * and crash: every MPEG-TS file (AVCHD .MTS, HDV .m2t) does so for its service name. An empty module
     * path makes that conversion fail softly instead.
     */
    void prepare(ProcessBuilder builder) {
        if (version.contains("-static")) {
            builder.environment().put("GCONV_PATH", path.resolveSibling("no-gconv-modules").toString());
        }
    }

    /** First line of {@code ffmpeg -version}, e.g. "ffmpeg version 4.4.1-static https://...". */
    public String version() {
        return version;
    }

    private static Path findOnPath(String name) {
        String pathVariable = System.getenv("PATH");
        if (pathVariable == null) {
            return null;
        }
        for (String directory : pathVariable.split(java.io.File.pathSeparator)) {
            if (directory.isBlank()) {
                continue;
            }
            Path candidate = Path.of(directory, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /**
     * Several mp4drop processes may start at once: each writes its own temporary file and renames it into
     * place atomically, so nobody ever runs a half-written binary.
     */
    static Path extractBundled(Path binDirectory) {
        URL resource = FfmpegBinary.class.getClassLoader().getResource(BUNDLED_RESOURCE);
        if (resource == null) {
            throw new ConversionFailure("local", "ffmpeg-not-found",
                    "No FFmpeg was found: none is set in mp4drop.ffmpeg, none is on the PATH and the bundled one "
                            + "is missing from the classpath.",
                    "Install FFmpeg (e.g. 'apt-get install ffmpeg') or set mp4drop.ffmpeg to its path.");
        }
        Path target = binDirectory.resolve(BUNDLED_NAME);
        try {
            URLConnection connection = resource.openConnection();
            long size = connection.getContentLengthLong();
            if (Files.isRegularFile(target) && Files.size(target) == size && Files.isExecutable(target)) {
                return target;
            }
            Files.createDirectories(binDirectory);
            try (InputStream in = connection.getInputStream()) {
                AtomicFile.write(target, in, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not extract the bundled FFmpeg to " + target, e);
        }
    }

    private static String readVersion(Path executable) {
        try {
            Process process = new ProcessBuilder(executable.toString(), "-version").redirectErrorStream(true)
                    .start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new ConversionFailure("local", "ffmpeg-not-found",
                        "'" + executable + " -version' did not work, so this is not a usable FFmpeg.",
                        "Point mp4drop.ffmpeg at a working FFmpeg, or remove the setting to use the bundled one.");
            }
            return new String(output, StandardCharsets.UTF_8).lines().findFirst().orElse("").trim();
        } catch (IOException e) {
            throw new ConversionFailure("local", "ffmpeg-not-found", "Could not run " + executable + ": "
                    + e.getMessage(), "Point mp4drop.ffmpeg at a working FFmpeg, or remove the setting.", List.of(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while asking FFmpeg for its version", e);
        }
    }

    @Override
    public String toString() {
        return path + " (" + version + ")";
    }
}
