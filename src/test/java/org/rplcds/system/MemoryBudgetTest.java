package org.rplcds.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Memory budget of the calls in flight")
class MemoryBudgetTest {

    static final long MB = 1024 * 1024;

    @Test
    @DisplayName("Should hold what calls take and give it all back when they end")
    void holdsAndGivesBack() {
        MemoryBudget budget = new MemoryBudget(10 * MB);

        try (MemoryBudget.Lease one = budget.open();
                MemoryBudget.Lease two = budget.open()) {
            one.hold(MB);
            two.holdJson(100 * 1024);

            assertThat(budget.held()).isEqualTo(2 * MemoryBudget.PER_CALL + MB + 1000 * 1024);
        }

        assertThat(budget.held()).isZero();
    }

    @Test
    @DisplayName("Should refuse a younger call past the budget, to be sent again, and give back what it held")
    void refusesPastTheBudget() {
        MemoryBudget budget = new MemoryBudget(10 * MB);
        MemoryBudget.Lease first = budget.open();
        first.hold(6 * MB);
        MemoryBudget.Lease second = budget.open();

        assertThatThrownBy(() -> second.hold(4 * MB))
                .isInstanceOfSatisfying(
                        MemoryBudget.Exhausted.class, e -> assertThat(e.alone()).isFalse());

        assertThat(second.refused()).isPresent();
        assertThat(budget.held()).isEqualTo(MemoryBudget.PER_CALL + 6 * MB);
        assertThat(budget.refusals()).isEqualTo(1);
        first.close();
        second.close();
        assertThat(budget.held()).isZero();
    }

    @Test
    @DisplayName("Should call a call too large when it alone needs more than the whole budget")
    void tooLargeAlone() {
        MemoryBudget budget = new MemoryBudget(10 * MB);
        try (MemoryBudget.Lease lease = budget.open()) {
            assertThatThrownBy(() -> lease.hold(10 * MB))
                    .isInstanceOfSatisfying(MemoryBudget.Exhausted.class, e -> assertThat(e.alone())
                            .isTrue());
        }
    }

    @Test
    @DisplayName(
            "Should let the oldest call in flight go past the budget by half, so that one call always goes through")
    void oldestGoesThrough() {
        MemoryBudget budget = new MemoryBudget(10 * MB);
        MemoryBudget.Lease oldest = budget.open();
        MemoryBudget.Lease younger = budget.open();
        oldest.hold(4 * MB);
        younger.hold(5 * MB);

        // the oldest asks for more than is left: it gets it, up to 1.5 times the budget in all
        oldest.hold(4 * MB);
        assertThat(budget.held()).isGreaterThan(10 * MB).isLessThanOrEqualTo(15 * MB);

        // the younger one is refused as it next asks, and gives back what it held
        assertThatThrownBy(() -> younger.hold(1024)).isInstanceOf(MemoryBudget.Exhausted.class);
        assertThat(budget.held()).isEqualTo(MemoryBudget.PER_CALL + 8 * MB);
        // and stays refused
        assertThatThrownBy(() -> younger.hold(1)).isInstanceOf(MemoryBudget.Exhausted.class);
        oldest.close();
        younger.close();
        assertThat(budget.held()).isZero();
    }

    @Test
    @DisplayName("Should refuse a new call at once when the calls in flight hold the whole budget")
    void refusesANewCall() {
        MemoryBudget budget = new MemoryBudget(MemoryBudget.PER_CALL * 2);
        try (MemoryBudget.Lease one = budget.open();
                MemoryBudget.Lease two = budget.open()) {
            assertThatThrownBy(budget::open).isInstanceOf(MemoryBudget.Exhausted.class);
            assertThat(one.held() + two.held()).isEqualTo(budget.capacity());
        }
        assertThat(budget.held()).isZero();
    }

    @Test
    @DisplayName("Should make a lease the thread's current one within its scope only")
    void currentWithinScope() {
        MemoryBudget budget = new MemoryBudget(10 * MB);
        try (MemoryBudget.Lease lease = budget.open()) {
            assertThat(MemoryBudget.current()).isEmpty();
            try (MemoryBudget.Scope scope = lease.bind()) {
                assertThat(MemoryBudget.current()).containsSame(lease);
            }
            assertThat(MemoryBudget.current()).isEmpty();
        }
    }
}
