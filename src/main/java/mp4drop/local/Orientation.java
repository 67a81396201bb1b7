package mp4drop.local;

/** How a picture stands as a player shows it; within 10 % of square it stands neither way. */
public enum Orientation {
    PORTRAIT, LANDSCAPE, SQUARE;

    private static final double SQUARE_WITHIN = 1.1;

    /** @param shownAspect width by height as shown */
    public static Orientation of(double shownAspect) {
        if (shownAspect > SQUARE_WITHIN) {
            return LANDSCAPE;
        }
        return shownAspect < 1 / SQUARE_WITHIN ? PORTRAIT : SQUARE;
    }

    /** True when one stands upright and the other lies: a square picture goes with either. */
    public boolean crosses(Orientation other) {
        return this != SQUARE && other != SQUARE && this != other;
    }

    @Override
    public String toString() {
        return name().toLowerCase();
    }
}
