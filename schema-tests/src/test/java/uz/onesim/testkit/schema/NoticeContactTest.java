package uz.onesim.testkit.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static uz.onesim.testkit.schema.Db.OWNER;
import static uz.onesim.testkit.schema.Db.SERVICE;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import uz.onesim.testkit.LocalDatabase;
import uz.onesim.testkit.LocalPostgres;
import uz.onesim.testkit.SampleData;

/** A walk-in customer an admin sold to is reached on the order's own contact, never on the admin's (issue 25). */
class NoticeContactTest {
  @Test
  void anAdminsWalkInOrderIsNoticedOnTheCustomersPhoneNotTheAdmins() {
    LocalDatabase db = LocalPostgres.shared().freshDatabase(true);
    db.update(OWNER, "update profiles set phone = '+998900000099', notices_opt_out = true where id = ?", SampleData.ADMIN_USER);
    UUID order = UUID.randomUUID();
    db.update(OWNER, "insert into orders (id, user_id, source_type, package_code, order_status, payment_status, esim_tran_no, iccid, "
        + "customer_first_name, customer_last_name, customer_email, customer_phone, delivery_method) values (?, ?, 'admin', ?, 'ALLOCATED', 'paid', "
        + "'T-WALKIN', '8990000000000000555', 'Walk', 'In', 'walkin@example.com', '+998901230000', 'sms')", order, SampleData.ADMIN_USER,
        SampleData.TR_1GB);
    db.update(OWNER, "insert into esim_alerts (order_id, user_id, kind, ref, details) values (?, ?, 'expiring', 'x', '{}')", order,
        SampleData.ADMIN_USER);
    List<Map<String, Object>> claimed = db.query(SERVICE, "select * from claim_esim_notices('notices-test', 10, 60)");
    assertThat(claimed).singleElement().satisfies(c -> {
      assertThat(c.get("customer_phone")).isEqualTo("+998901230000");
      assertThat(c.get("opted_out")).as("the admin's own opt-out is not the traveller's").isEqualTo(false);
    });
  }
}
