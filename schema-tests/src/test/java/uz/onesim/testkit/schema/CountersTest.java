package uz.onesim.testkit.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static uz.onesim.testkit.schema.Db.*;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import uz.onesim.testkit.LocalDatabase;
import uz.onesim.testkit.LocalPostgres;
import uz.onesim.testkit.SampleData;

/** group_size, total_customers and updated_at are maintained by the database. */
class CountersTest {
  final LocalDatabase db = LocalPostgres.shared().freshDatabase(true);

  int groupSize(UUID group) {
    return (Integer) db.value(OWNER, "select group_size from customer_groups where id = ?", group);
  }

  UUID newCustomer(String first, String email) {
    return (UUID) db.value(GRAND, "insert into partner_customers (first_name, last_name, email) values (?, 'Test', ?) returning id",
        first, email);
  }

  @Test
  void sampleDataCountsAreRight() {
    assertThat(groupSize(SampleData.ANTALYA_GROUP)).isEqualTo(2);
    assertThat(totals(db, SampleData.GRAND_TRAVEL).get("total_customers")).isEqualTo(2);
    assertThat(totals(db, SampleData.SILK_ROAD).get("total_customers")).isEqualTo(1);
  }

  @Test
  void groupSizeFollowsInsertDeleteAndUpdateOfMembers() {
    UUID g2 = (UUID) db.value(GRAND, "insert into customer_groups (name, group_size) values ('Dubai', 99) returning id");
    assertThat(groupSize(g2)).as("a forged group_size is reset").isZero();
    UUID nodira = newCustomer("Nodira", "nodira@example.com");
    db.update(GRAND, "insert into customer_group_members (group_id, customer_id) values (?, ?)", SampleData.ANTALYA_GROUP, nodira);
    assertThat(groupSize(SampleData.ANTALYA_GROUP)).isEqualTo(3);
    db.update(GRAND, "update customer_group_members set group_id = ? where customer_id = ? and group_id = ?", g2, nodira, SampleData.ANTALYA_GROUP);
    assertThat(groupSize(SampleData.ANTALYA_GROUP)).isEqualTo(2);
    assertThat(groupSize(g2)).isEqualTo(1);
    db.update(GRAND, "delete from customer_group_members where customer_id = ?", SampleData.AZIZA);
    assertThat(groupSize(SampleData.ANTALYA_GROUP)).isEqualTo(1);
    assertThat(db.value(OWNER, "select count(*) from customer_group_members where group_id = ?", SampleData.ANTALYA_GROUP)).isEqualTo(1L);
    assertFails(() -> db.update(GRAND, "update customer_groups set group_size = 50 where id = ?", g2), "42501", "column_not_writable");
  }

  @Test
  void totalCustomersFollowsInsertAndDelete() {
    UUID c = newCustomer("Nodira", "nodira@example.com");
    assertThat(totals(db, SampleData.GRAND_TRAVEL).get("total_customers")).isEqualTo(3);
    db.update(GRAND, "delete from partner_customers where id = ?", c);
    assertThat(totals(db, SampleData.GRAND_TRAVEL).get("total_customers")).isEqualTo(2);
  }

  @Test
  void customerEmailIsUniquePerPartnerCaseInsensitively() {
    assertFails(() -> newCustomer("Aziza", "AZIZA@Example.com"), "23505", null);
    UUID same = (UUID) db.value(SILK, "insert into partner_customers (first_name, last_name, email) values ('Aziza', 'K', 'aziza@example.com') returning id");
    assertThat(same).as("another partner may have a customer with the same email").isNotNull();
  }

  @Test
  void aGroupOnlyTakesTheGroupPartnersCustomers() {
    assertFails(() -> db.update(OWNER, "insert into customer_group_members (group_id, customer_id) values (?, ?)",
        SampleData.ANTALYA_GROUP, SampleData.BOBUR), "PT403", "foreign_customer");
    assertThat(groupSize(SampleData.ANTALYA_GROUP)).isEqualTo(2);
  }

  @Test
  void partnerCustomersStartWithZeroTotalsAndBelongToTheCaller() {
    UUID c = (UUID) db.value(GRAND, "insert into partner_customers (first_name, last_name, email, total_orders, total_spent) "
        + "values ('F', 'G', 'fg@example.com', 50, 999.99) returning id");
    var row = db.query(OWNER, "select partner_id, total_orders, total_spent from partner_customers where id = ?", c).get(0);
    assertThat(row.get("partner_id")).isEqualTo(SampleData.GRAND_TRAVEL);
    assertThat(row.get("total_orders")).isEqualTo(0);
    assertThat(dec(row.get("total_spent"))).isZero();
  }

  @Test
  void updatedAtIsSetOnUpdate() {
    java.sql.Timestamp before = (java.sql.Timestamp) db.value(OWNER, "select updated_at from partner_customers where id = ?", SampleData.AZIZA);
    db.update(GRAND, "update partner_customers set phone = '+998909999999' where id = ?", SampleData.AZIZA);
    java.sql.Timestamp after = (java.sql.Timestamp) db.value(OWNER, "select updated_at from partner_customers where id = ?", SampleData.AZIZA);
    assertThat(after).isAfter(before);
  }
}
