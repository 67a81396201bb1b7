package mp4drop.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import mp4drop.CapturedLog;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;

class CreditBudgetTest {

    @Test
    void theEstimateSaysHowManyWaitingFilesTheCreditsCover() {
        try (CapturedLog log = new CapturedLog()) {
            String estimate = new CreditBudget(50, () -> 120).startBatch(5);

            assertThat(estimate).isEqualTo("Credits: 120 available, about 50 per file: "
                    + "enough for 2 of 5 waiting files; the rest stay in the inbox");
            assertThat(log.at(Level.INFO)).singleElement()
                    .satisfies(event -> assertThat(event.getMessage().getFormattedMessage()).isEqualTo(estimate));
        }
    }

    @Test
    void theEstimateReadsWellForEveryCase() {
        assertThat(new CreditBudget(50, () -> 500).startBatch(5)).endsWith(": enough for all 5 waiting files");
        assertThat(new CreditBudget(50, () -> 60).startBatch(1)).endsWith(": enough for the waiting file");
        assertThat(new CreditBudget(50, () -> 30).startBatch(3))
                .isEqualTo("Credits: 30 available, about 50 per file: "
                        + "not enough for any of the 3 files waiting; they stay in the inbox");
        assertThat(new CreditBudget(50, () -> 100).startBatch(0)).endsWith(": enough for 2 files; none waiting");
        assertThat(new CreditBudget(50, () -> -5).startBatch(1)).startsWith("Credits: 0 available");
    }

    @Test
    void reservationsStopWhenTheEstimateIsUsedUp() {
        CreditBudget budget = new CreditBudget(50, () -> 120);
        budget.startBatch(5);

        assertThat(budget.tryReserve()).isTrue();
        assertThat(budget.tryReserve()).isTrue();
        assertThat(budget.tryReserve()).isFalse();
        assertThat(budget.tryReserve()).isFalse();
    }

    @Test
    void theBalanceIsReadOncePerBatchAndANewBatchStartsAfresh() {
        AtomicInteger reads = new AtomicInteger();
        CreditBudget budget = new CreditBudget(50, () -> {
            reads.incrementAndGet();
            return 50;
        });

        budget.startBatch(3);
        assertThat(budget.tryReserve()).isTrue();
        assertThat(budget.tryReserve()).isFalse();
        budget.startBatch(2);
        assertThat(budget.tryReserve()).isTrue();

        assertThat(reads).hasValue(2);
    }

    @Test
    void concurrentReservationsNeverExceedTheEstimate() throws Exception {
        CreditBudget budget = new CreditBudget(1, () -> 1000);
        budget.startBatch(5000);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> counts = new ArrayList<>();
            for (int worker = 0; worker < 8; worker++) {
                counts.add(pool.submit(() -> {
                    int granted = 0;
                    for (int attempt = 0; attempt < 500; attempt++) {
                        granted += budget.tryReserve() ? 1 : 0;
                    }
                    return granted;
                }));
            }
            int total = 0;
            for (Future<Integer> count : counts) {
                total += count.get();
            }
            assertThat(total).isEqualTo(1000);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void reservingBeforeABatchIsAProgrammingError() {
        assertThatThrownBy(() -> new CreditBudget(50, () -> 100).tryReserve())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new CreditBudget(0, () -> 100)).isInstanceOf(IllegalArgumentException.class);
    }
}
