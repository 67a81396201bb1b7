package mp4drop.local;

/**
 * What the local engine will make of an instruction.
 *
 * @param targetHeight output height in pixels (the "1080" of 1080p)
 * @param instruction  the instruction as given, for logs and reports
 */
public record LocalPlan(int targetHeight, Quality quality, String instruction) {

    /** The two encodes the local engine offers. */
    public enum Quality {
        /** CRF 18 is the usual x264 "visually lossless" point; slow buys smaller files at that quality. */
        VISUALLY_LOSSLESS(18, "slow"),
        /** CRF 26 roughly halves the size again; medium keeps it quick since size, not polish, was asked. */
        SMALLER(26, "medium");

        private final int crf;
        private final String preset;

        Quality(int crf, String preset) {
            this.crf = crf;
            this.preset = preset;
        }

        public int crf() {
            return crf;
        }

        public String preset() {
            return preset;
        }
    }
}
