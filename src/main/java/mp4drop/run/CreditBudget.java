package mp4drop.run;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many of the waiting files this run's credits pay for. The balance is read once per batch: reading
 * it before every file would cost a request each, and the estimate is what the person was told. Files
 * beyond the estimate are not started and stay in the inbox for the next run, which is cheaper for the
 * person than a file failing half-way for want of credits.
 */
public final class CreditBudget {
    public static final long DEFAULT_COST_PER_FILE = 50;
    private static final Logger LOG = LoggerFactory.getLogger("mp4drop");

    private final long costPerFile;
    private final LongSupplier availableCredits;
    private final boolean restLocally;
    // -1 until a batch has started
    private final AtomicLong filesLeft = new AtomicLong(-1);

    /**
     * @param costPerFile      the credits one conversion is expected to cost (an estimate: the cloud
     *                         charges by the work done)
     * @param availableCredits reads the balance; its exceptions reach the caller of {@link #startBatch}
     */
    public CreditBudget(long costPerFile, LongSupplier availableCredits) {
        this(costPerFile, availableCredits, false);
    }

    /** @param restLocally true when files beyond the estimate go to the local engine instead of waiting */
    public CreditBudget(long costPerFile, LongSupplier availableCredits, boolean restLocally) {
        if (costPerFile < 1) {
            throw new IllegalArgumentException("The cost per file must be at least 1 credit, not " + costPerFile);
        }
        this.costPerFile = costPerFile;
        this.availableCredits = availableCredits;
        this.restLocally = restLocally;
    }

    /** Reads the balance, logs the estimate as one INFO line and returns that line. */
    public String startBatch(int filesWaiting) {
        long available = Math.max(0, availableCredits.getAsLong());
        long affordable = available / costPerFile;
        filesLeft.set(affordable);
        String estimate = "Credits: " + available + " available, about " + costPerFile + " per file: "
                + coverage(affordable, filesWaiting, restLocally);
        LOG.info(estimate);
        return estimate;
    }

    /**
     * Takes one file's share of the estimate: true while the credits are expected to cover another file.
     *
     * @throws IllegalStateException before {@link #startBatch}
     */
    public boolean tryReserve() {
        long before = filesLeft.getAndUpdate(left -> left > 0 ? left - 1 : left);
        if (before < 0) {
            throw new IllegalStateException("tryReserve() before startBatch(): no balance has been read");
        }
        return before > 0;
    }

    private static String coverage(long affordable, int waiting, boolean restLocally) {
        String rest = restLocally ? "are converted locally where the local engine can" : "stay in the inbox";
        if (waiting == 0) {
            return "enough for " + files(affordable) + "; none waiting";
        }
        if (affordable >= waiting) {
            return waiting == 1 ? "enough for the waiting file" : "enough for all " + waiting + " waiting files";
        }
        if (affordable == 0) {
            return "not enough for any of the " + files(waiting) + " waiting; they " + rest;
        }
        return "enough for " + affordable + " of " + waiting + " waiting files; the rest " + rest;
    }

    private static String files(long count) {
        return count == 1 ? "1 file" : count + " files";
    }
}
