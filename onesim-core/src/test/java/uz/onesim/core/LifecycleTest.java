package uz.onesim.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static uz.onesim.core.OrderStatus.ALLOCATED;
import static uz.onesim.core.OrderStatus.CANCELLED;
import static uz.onesim.core.OrderStatus.FAILED;
import static uz.onesim.core.OrderStatus.PENDING;
import static uz.onesim.core.OrderStatus.PROCESSING;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LifecycleTest {

  @Test
  void orderHasExactlyTheSpecifiedEdges() {
    assertThat(PENDING.next()).containsExactlyInAnyOrder(PROCESSING, FAILED);
    assertThat(PROCESSING.next()).containsExactlyInAnyOrder(ALLOCATED, FAILED);
    assertThat(ALLOCATED.next()).containsExactly(CANCELLED);
    assertThat(FAILED.next()).isEmpty();
    assertThat(CANCELLED.next()).isEmpty();
    assertThat(FAILED.isFinal()).isTrue();
    assertThat(PENDING.isFinal()).isFalse();
  }

  @Test
  void everyIllegalOrderTransitionIsRejected() {
    int rejected = 0;
    for (OrderStatus from : OrderStatus.values()) {
      for (OrderStatus to : OrderStatus.values()) {
        boolean legal = from == to || from.next().contains(to);
        if (legal) {
          assertThat(from.moveTo(to)).isSameAs(to);
        } else {
          rejected++;
          assertThatThrownBy(() -> from.moveTo(to))
              .isInstanceOfSatisfying(StateTransitionException.class, e -> {
                assertThat(e.machine()).isEqualTo("order");
                assertThat(e.from()).isEqualTo(from.wire());
                assertThat(e.to()).isEqualTo(to.wire());
              })
              .hasMessage("Illegal order status transition: " + from.wire() + " -> " + to.wire());
        }
      }
    }
    // 25 pairs - 5 self - 5 edges
    assertThat(rejected).isEqualTo(15);
  }

  @Test
  void namedIllegalOrderTransitions() {
    assertThatThrownBy(() -> PENDING.moveTo(ALLOCATED)).isInstanceOf(StateTransitionException.class);
    assertThatThrownBy(() -> FAILED.moveTo(ALLOCATED)).isInstanceOf(StateTransitionException.class);
    assertThatThrownBy(() -> CANCELLED.moveTo(ALLOCATED)).isInstanceOf(StateTransitionException.class);
    assertThatThrownBy(() -> ALLOCATED.moveTo(PENDING)).isInstanceOf(StateTransitionException.class);
    assertThatThrownBy(() -> PENDING.moveTo(CANCELLED)).isInstanceOf(StateTransitionException.class);
    assertThatThrownBy(() -> PENDING.moveTo(null)).isInstanceOf(StateTransitionException.class);
  }

  @Test
  void orderWireValuesAreUpperCase() {
    assertThat(OrderStatus.fromWire("ALLOCATED")).isSameAs(ALLOCATED);
    assertThatThrownBy(() -> OrderStatus.fromWire("allocated")).isInstanceOf(ValidationException.class);
  }

  @Test
  void earningHasExactlyTheSpecifiedEdges() {
    assertThat(EarningStatus.PENDING.next()).containsExactlyInAnyOrder(EarningStatus.COMPLETED, EarningStatus.CANCELLED);
    assertThat(EarningStatus.COMPLETED.next()).containsExactly(EarningStatus.CANCELLED);
    assertThat(EarningStatus.CANCELLED.next()).isEmpty();
    assertThatThrownBy(() -> EarningStatus.CANCELLED.moveTo(EarningStatus.COMPLETED))
        .isInstanceOfSatisfying(StateTransitionException.class, e -> assertThat(e.machine()).isEqualTo("earning"));
    assertThatThrownBy(() -> EarningStatus.COMPLETED.moveTo(EarningStatus.PENDING)).isInstanceOf(StateTransitionException.class);
    assertThatThrownBy(() -> EarningStatus.CANCELLED.moveTo(EarningStatus.PENDING)).isInstanceOf(StateTransitionException.class);
    assertThat(EarningStatus.COMPLETED.moveTo(EarningStatus.COMPLETED)).isSameAs(EarningStatus.COMPLETED);
  }

  @Test
  void earningFollowsTheOrder() {
    assertThat(EarningStatus.forOrder(PENDING)).isSameAs(EarningStatus.PENDING);
    assertThat(EarningStatus.forOrder(PROCESSING)).isSameAs(EarningStatus.PENDING);
    assertThat(EarningStatus.forOrder(ALLOCATED)).isSameAs(EarningStatus.COMPLETED);
    assertThat(EarningStatus.forOrder(FAILED)).isSameAs(EarningStatus.CANCELLED);
    assertThat(EarningStatus.forOrder(CANCELLED)).isSameAs(EarningStatus.CANCELLED);
  }

  @Test
  void everyLegalOrderPathKeepsTheEarningOnALegalPath() {
    Set<OrderStatus> all = EnumSet.allOf(OrderStatus.class);
    for (OrderStatus from : all) {
      for (OrderStatus to : from.next()) {
        EarningStatus e = EarningStatus.forOrder(from);
        assertThat(e.canMoveTo(EarningStatus.forOrder(to))).as(from + "->" + to).isTrue();
      }
    }
  }

  @Test
  void onlyCompletedEarningsCount() {
    assertThat(EarningStatus.COMPLETED.countsInTotals()).isTrue();
    assertThat(EarningStatus.PENDING.countsInTotals()).isFalse();
    assertThat(EarningStatus.CANCELLED.countsInTotals()).isFalse();
    assertThat(EarningStatus.fromWire("completed")).isSameAs(EarningStatus.COMPLETED);
  }
}
