package dev.teamcredits.ledger.model;

import dev.teamcredits.model.Op;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Random sequences of every money operation and of the membership, plan and settings changes that
 * affect them, applied to the real ledger and to the money model: after every step the answer and
 * every account must agree (see {@link ModelRun}). jqwik shrinks a failing sequence and prints its
 * seed; the failure message holds the shrunk sequence as Java for {@link ReplayIT}.
 *
 * <p>{@code -Dmodel.tries=N} and {@code -Dmodel.steps=M} set the budget (CI: see the module's pom);
 * the ledger README says how to run a soak.
 */
class MoneyModelIT {

    private static final LedgerUnderTest LEDGER = LedgerUnderTest.get();
    private static int sequences;
    private static int steps;

    @Property(shrinking = ShrinkingMode.BOUNDED)
    void theLedgerAnswersAndHoldsExactlyWhatTheModelSays(@ForAll("setups") ModelRun.Setup setup,
            @ForAll("sequences") List<Step> generated) {
        ModelRun run = new ModelRun(LEDGER, setup);
        for (Step step : generated) {
            Op op = step.resolve(run, "k" + run.log().size());
            if (op != null) {
                run.apply(op);
            }
        }
        sequences++;
        steps += run.log().size();
        if (sequences % 25 == 0) {
            Audit.assertClean(LEDGER);
        }
    }

    @Provide
    Arbitrary<ModelRun.Setup> setups() {
        return Step.setups();
    }

    @Provide
    Arbitrary<List<Step>> sequences() {
        return Step.sequences(Integer.getInteger("model.steps", 40));
    }

    @AfterContainer
    static void journalAgreesWithItselfAfterAllSequences() {
        Audit.assertClean(LEDGER);
        System.out.printf("Money model: %d sequences, %d steps, every step agreed with the model%n", sequences, steps);
    }
}
