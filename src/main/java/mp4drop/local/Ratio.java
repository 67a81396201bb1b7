package mp4drop.local;

/** A ratio as FFmpeg prints it ("8:9", "4:3"); kept as integers so 4:3 stays exact through the width maths. */
public record Ratio(int numerator, int denominator) {
    public static final Ratio SQUARE = new Ratio(1, 1);

    public Ratio {
        if (numerator <= 0 || denominator <= 0) {
            throw new IllegalArgumentException("ratio must be positive: " + numerator + ":" + denominator);
        }
        int gcd = gcd(numerator, denominator);
        numerator /= gcd;
        denominator /= gcd;
    }

    /** "8:9" → 8:9; FFmpeg prints "0:1" for an unknown SAR, which means square pixels. */
    public static Ratio parse(String text) {
        String[] parts = text.trim().split(":");
        int numerator = Integer.parseInt(parts[0]);
        int denominator = Integer.parseInt(parts[1]);
        return numerator <= 0 || denominator <= 0 ? SQUARE : new Ratio(numerator, denominator);
    }

    public double value() {
        return (double) numerator / denominator;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    @Override
    public String toString() {
        return numerator + ":" + denominator;
    }
}
