package mp4drop.local;

/** The picture size of the MP4: the planned size on the short side, the other side keeping the shown shape. */
public record OutputSize(int width, int height) {

    /**
     * Camcorder pixels are rarely square (DV 720x480 is shown at 4:3), so the long side comes from the display
     * aspect ratio, not the stored width: 720x480 DV at 1080p becomes 1440x1080 with square pixels. A phone's
     * upright clip (stored lying down, with a rotation for the player) stays upright, and its "1080p" is its
     * width, as phones and YouTube read it: 1080x1920. H.264 in 4:2:0 needs even sizes.
     */
    public static OutputSize of(MediaInfo source, LocalPlan plan) {
        int shortSide = even(plan.targetHeight());
        double shape = source.shownAspectRatio().value();
        return shape < 1 ? new OutputSize(shortSide, even(shortSide / shape))
                : new OutputSize(even(shortSide * shape), shortSide);
    }

    private static int even(double value) {
        return (int) Math.max(2, 2 * Math.round(value / 2));
    }

    @Override
    public String toString() {
        return width + "x" + height;
    }
}
