package uz.onesim.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import uz.onesim.core.Amounts;
import uz.onesim.core.OrderStatus;

/**
 * The wide public types a new column extends (an order, the dashboard's figures) are built, never
 * constructed: no public constructor to break when a field is added, a builder that keeps every
 * field, and value equality like the records they replaced.
 */
class WideTypesTest {
  @Test
  void wideTypesHaveNoPublicConstructorAndRoundTripThroughTheirBuilders() {
    for (Class<?> type : new Class<?>[] {Order.class, PartnerDashboard.Stats.class}) {
      assertThat(type.isRecord()).as(type.getSimpleName()).isFalse();
      assertThat(type.getConstructors()).as(type.getSimpleName() + " constructors").isEmpty();
    }
    UUID id = UUID.randomUUID();
    Order order = Order.builder().id(id).status(OrderStatus.ALLOCATED).paid(Amounts.usd("9.50")).iccid("8988").build();
    assertThat(order.id()).isEqualTo(id);
    assertThat(order.paid()).isEqualTo(Amounts.usd("9.50"));
    assertThat(order.toBuilder().build()).isEqualTo(order).hasSameHashCodeAs(order);
    assertThat(order.toBuilder().iccid("8989").build()).isNotEqualTo(order);
    assertThat(order.toString()).startsWith("Order[id=" + id).contains("iccid=8988");

    PartnerDashboard.Stats stats = PartnerDashboard.Stats.builder().completedOrders(3).totalSpent(Amounts.usd("28.50")).build();
    assertThat(stats.completedOrders()).isEqualTo(3);
    assertThat(stats.toBuilder().build()).isEqualTo(stats);
  }
}
