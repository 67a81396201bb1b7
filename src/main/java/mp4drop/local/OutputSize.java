package mp4drop.local;

/** The picture size of the MP4: the planned height, and the width that keeps the source's display shape. */
public record OutputSize(int width, int height) {

    /**
     * Camcorder pixels are rarely square (DV 720x480 is shown at 4:3), so the width comes from the display aspect
     * ratio, not the stored width: 720x480 DV at 1080p becomes 1440x1080 with square pixels. H.264 in 4:2:0
     * needs even sizes.
     */
    public static OutputSize of(MediaInfo source, LocalPlan plan) {
        int height = even(plan.targetHeight());
        int width = even(height * source.displayAspectRatio().value());
        return new OutputSize(width, height);
    }

    private static int even(double value) {
        return (int) Math.max(2, 2 * Math.round(value / 2));
    }

    @Override
    public String toString() {
        return width + "x" + height;
    }
}
