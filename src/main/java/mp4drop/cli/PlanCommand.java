package mp4drop.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import mp4drop.cloud.CloudFit;
import mp4drop.config.NemoKeys;
import mp4drop.config.TypedProperties;
import mp4drop.failure.ConversionFailure;
import mp4drop.inbox.FolderInstructions;
import mp4drop.inbox.Intake;
import mp4drop.inbox.LinkFile;
import mp4drop.job.DvdTitle;
import mp4drop.job.FileInstructions;
import mp4drop.job.Link;
import mp4drop.local.FfmpegBinary;
import mp4drop.local.FfmpegProcesses;
import mp4drop.local.LocalConverter;
import mp4drop.local.LocalInstruction;
import mp4drop.local.LocalTiming;
import mp4drop.local.MediaInfo;
import mp4drop.local.RemoteVideo;
import mp4drop.local.ScratchFolder;
import mp4drop.nemo.NemoClient;
import mp4drop.nemo.NemoOptions;
import mp4drop.report.HumanReadable;
import mp4drop.report.InboxListing;
import mp4drop.run.EngineChoice;

/**
 * {@code ./run.sh --plan}: which files would be converted, by which engine, with which instruction and
 * why, what the probe finds in each, and which would fail at once. Nothing is converted, uploaded or spent,
 * and nothing is moved.
 */
public final class PlanCommand {
    private PlanCommand() {
    }

    public static int run(TypedProperties settings, PrintStream out) throws IOException {
        Path inbox = settings.folder("mp4drop.inbox");
        NemoOptions nemo = NemoKeys.from(settings, settings.folder("mp4drop.state"));
        EngineChoice engine = EngineChoice.decide(settings.text("mp4drop.engine"), nemo.userToken() != null,
                nemo.apiBase().getHost(),
                () -> NemoClient.standalone(nemo,
                        client -> client.reachable(settings.duration("nemo.probe-timeout"))));
        FolderInstructions folders = new FolderInstructions(inbox, engine.engine(), settings.text("mp4drop.instruction"));
        long maxSize = settings.bytesOrUnlimited("mp4drop.max-file-size");
        List<Path> videos = InboxListing.videos(inbox, settings.list("mp4drop.extensions"));
        FfmpegBinary binary = FfmpegBinary.locate(settings.optional("mp4drop.ffmpeg").orElse(null),
                settings.folder("mp4drop.state"));
        FfmpegProcesses processes = new FfmpegProcesses();
        LocalConverter ffmpeg = new LocalConverter(binary, LocalTiming.defaults(), processes);
        // only its probe is used: nothing is downloaded
        RemoteVideo links = new RemoteVideo(ffmpeg::run,
                new ScratchFolder(settings.folder("mp4drop.state").resolve("downloads")),
                settings.bytes("mp4drop.links.max-size"), settings.duration("mp4drop.links.stall-timeout"));
        long cloudLimit = settings.bytes("nemo.max-upload-size");
        boolean fallbackLocal = settings.text("mp4drop.engine.fallback").equals("local");

        out.printf("Plan for %s (engine %s: %s)%n", inbox, engine.engine(), engine.reason());
        int failing = 0;
        for (Path video : videos) {
            String name = inbox.relativize(video).toString();
            boolean isLink = LinkFile.isLink(video);
            String problem = problem(video, isLink ? Long.MAX_VALUE : maxSize);
            FileInstructions file = null;
            MediaInfo media = null;
            Link link = null;
            long size = Files.size(video);
            if (problem == null) {
                try {
                    if (isLink) {
                        link = LinkFile.read(video);
                        RemoteVideo.Found found = links.probe(link, name);
                        media = found.media();
                        size = found.estimatedBytes();
                    } else {
                        media = ffmpeg.inspectSource(video);
                        size = DvdTitle.startingAt(video).map(DvdTitle::size).orElse(size);
                    }
                } catch (ConversionFailure notAVideo) {
                    problem = notAVideo.getMessage();
                }
            }
            String cloud = null;
            if (problem == null) {
                try {
                    file = folders.forFile(video);
                    problem = localProblem(file);
                } catch (IllegalArgumentException badSettings) {
                    problem = badSettings.getMessage();
                }
            }
            if (problem == null && file.engine().equals("nemo")) {
                CloudFit fit = CloudFit.decide(name, Intake.sourceMedia(media, video), size, cloudLimit, isLink);
                boolean local = fallbackLocal && LocalInstruction.understands(file.instruction());
                if (fit.way() != CloudFit.Way.NOT_FOR_CLOUD) {
                    cloud = "to the cloud " + (isLink ? "by its address" : fit.summary());
                } else if (local) {
                    cloud = "converted locally instead (" + fit.code() + "): " + fit.reason();
                } else {
                    problem = fit.code() + ": " + fit.reason();
                }
            }
            if (problem != null) {
                failing++;
                out.printf("  %s%n      would fail: %s%n", name, problem);
            } else {
                out.printf("  %s (%s, %s)%n      engine %s, \"%s\" (from %s)%n", name,
                        link == null ? HumanReadable.size(size) : "a link to " + link.shown(),
                        Intake.sourceMedia(media, video).summary(), file.engine(), file.instruction(), file.reason());
                DvdTitle.startingAt(video).ifPresent(title -> out.printf(
                        "      a DVD title of %d parts, one MP4: %s.mp4%n", title.parts().size(),
                        title.outputPath(inbox.relativize(video).getParent())));
                if (cloud != null) {
                    out.printf("      %s%n", cloud);
                }
            }
        }
        out.printf("%d file(s): %d would be converted, %d would fail. Nothing was converted or spent.%n",
                videos.size(), videos.size() - failing, failing);
        return 0;
    }

    private static String problem(Path video, long maxSize) throws IOException {
        long size = Files.size(video);
        if (size == 0) {
            return "the file is empty";
        }
        if (size > maxSize) {
            return "the file is " + HumanReadable.size(size) + ", over mp4drop.max-file-size ("
                    + HumanReadable.size(maxSize) + ")";
        }
        return Files.isReadable(video) ? null : "mp4drop may not read it";
    }

    private static String localProblem(FileInstructions file) {
        if (!file.engine().equals("local")) {
            return null;
        }
        try {
            LocalInstruction.parse(file.instruction());
            return null;
        } catch (ConversionFailure failure) {
            return failure.getMessage();
        }
    }
}
