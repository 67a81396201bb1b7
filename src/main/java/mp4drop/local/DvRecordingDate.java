package mp4drop.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Optional;

/**
 * The recording time a DV camcorder writes into every frame (the VAUX packs 0x62 "rec date" and 0x63 "rec
 * time"), which FFmpeg does not report: for a tape captured years later it is the only true date. Read
 * by hand from the first frame, in a raw {@code .dv} file or inside an AVI (found by its DIF header block,
 * since a capture's AVI index may sit anywhere).
 */
final class DvRecordingDate {
    /** Enough for the AVI headers before the first frame (they are a few KB; JUNK padding can reach 64 KB). */
    private static final int SEARCH_BYTES = 1 << 20;
    private static final int BLOCK = 80;
    private static final int PACK = 5;
    private static final int REC_DATE = 0x62;
    private static final int REC_TIME = 0x63;

    private DvRecordingDate() {
    }

    /** The camera's clock time, taken as this machine's zone (DV keeps none); empty when the camera wrote none. */
    static Optional<RecordingDate> of(Path file, ZoneId zone) {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(SEARCH_BYTES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (int at = 0; at + 6 * BLOCK <= head.length; at++) {
            if (isHeaderBlock(head, at)) {
                return fromVaux(head, at + 3 * BLOCK).map(local -> local.atZone(zone).toInstant())
                        .filter(RecordingDate::clockWasSet)
                        .map(instant -> new RecordingDate(instant, "the DV camcorder's recording date (VAUX)"));
            }
        }
        return Optional.empty();
    }

    /** A DIF sequence opens with a header block (section type 0), then subcode blocks (1), then VAUX (2). */
    private static boolean isHeaderBlock(byte[] data, int at) {
        return (data[at] & 0xff) >> 5 == 0 && data[at + 1] == 0x07 && data[at + 2] == 0x00
                && (data[at + BLOCK] & 0xff) >> 5 == 1 && (data[at + 3 * BLOCK] & 0xff) >> 5 == 2;
    }

    /** The three VAUX blocks each hold 15 packs after their 3-byte id. */
    private static Optional<LocalDateTime> fromVaux(byte[] data, int vaux) {
        int[] date = null;
        int[] time = null;
        for (int block = 0; block < 3; block++) {
            for (int pack = 0; pack < 15; pack++) {
                int at = vaux + block * BLOCK + 3 + pack * PACK;
                int kind = data[at] & 0xff;
                if (kind == REC_DATE && date == null) {
                    date = new int[] {bcd(data[at + 2] & 0x3f), bcd(data[at + 3] & 0x1f), bcd(data[at + 4] & 0xff)};
                } else if (kind == REC_TIME && time == null) {
                    time = new int[] {bcd(data[at + 4] & 0x3f), bcd(data[at + 3] & 0x7f), bcd(data[at + 2] & 0x7f)};
                }
            }
        }
        if (date == null || time == null) {
            return Optional.empty();
        }
        try {
            // two-digit years: DV came out in 1995
            int year = date[2] < 70 ? 2000 + date[2] : 1900 + date[2];
            return Optional.of(LocalDateTime.of(year, date[1], date[0], time[0], time[1], time[2]));
        } catch (DateTimeException unset) {
            // a camera with no clock set writes 0xff: no date
            return Optional.empty();
        }
    }

    private static int bcd(int value) {
        return (value >> 4) * 10 + (value & 0x0f);
    }
}
