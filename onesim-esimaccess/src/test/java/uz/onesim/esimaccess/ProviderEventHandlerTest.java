package uz.onesim.esimaccess;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parsing every notify type, de-duplication, ordering, the IP allowlist and bad bodies. */
class ProviderEventHandlerTest {
  final ProviderEventHandler handler = ProviderEventHandler.builder().build();

  ProviderEventResult post(String json) {
    return handler.handle(Map.of(), json.getBytes(StandardCharsets.UTF_8), "10.0.0.1");
  }

  @Test
  void parsesEveryDocumentedType() {
    assertThat(post("{\"notifyType\":\"CHECK_HEALTH\",\"content\":{\"orderNo\":\"1234567890\",\"orderStatus\":\"Test\"}}").event())
        .isInstanceOf(ProviderEvent.CheckHealth.class);
    ProviderEvent order = post("{\"notifyType\":\"ORDER_STATUS\",\"notifyId\":\"n1\",\"eventGenerateTime\":\"2026-04-22T17:16:34Z\","
        + "\"content\":{\"orderNo\":\"B1\",\"orderStatus\":\"GOT_RESOURCE\",\"transactionId\":\"t1\"}}").event();
    assertThat(order).isEqualTo(new ProviderEvent.OrderStatus("n1", "2026-04-22T17:16:34Z", "B1", "GOT_RESOURCE", "t1"));
    ProviderEvent status = post("{\"notifyType\":\"ESIM_STATUS\",\"notifyId\":\"n2\",\"content\":{\"iccid\":\"89\",\"orderNo\":\"B1\","
        + "\"esimTranNo\":\"E1\",\"transactionId\":\"t1\",\"esimStatus\":\"CANCEL\",\"smdpStatus\":\"RELEASED\"}}").event();
    assertThat(((ProviderEvent.EsimStatusChanged) status).esimStatus()).isEqualTo("CANCEL");
    assertThat(((ProviderEvent.EsimStatusChanged) status).totalVolume()).as("absent here").isNull();
    ProviderEvent used = post("{\"notifyType\":\"ESIM_STATUS\",\"notifyId\":\"n2b\",\"content\":{\"esimTranNo\":\"E1\","
        + "\"esimStatus\":\"USED_UP\",\"totalVolume\":1073741824,\"orderUsage\":1073741824,\"remainVolume\":0}}").event();
    assertThat(used).isEqualTo(new ProviderEvent.EsimStatusChanged("n2b", null, null, null, "E1", null, "USED_UP", null,
        1_073_741_824L, 1_073_741_824L, 0L));
    ProviderEvent smdp = post("{\"notifyType\":\"SMDP_EVENT\",\"notifyId\":\"n3\",\"content\":{\"eid\":\"8904\",\"esimTranNo\":\"E1\","
        + "\"esimStatus\":\"GOT_RESOURCE\",\"smdpStatus\":\"DOWNLOAD\",\"seqNumber\":7,\"timestamp\":\"2026-05-01T10:00:00+0000\","
        + "\"notifyStatus\":\"SUCCESS\"}}").event();
    assertThat(((ProviderEvent.SmdpEvent) smdp).seqNumber()).isEqualTo(7L);
    assertThat(((ProviderEvent.SmdpEvent) smdp).timestamp()).isEqualTo("2026-05-01T10:00:00+0000");
    assertThat(((ProviderEvent.SmdpEvent) smdp).notifyStatus()).isEqualTo("SUCCESS");
    ProviderEvent noSeq = post("{\"notifyType\":\"SMDP_EVENT\",\"notifyId\":\"n3b\",\"content\":{\"esimTranNo\":\"E2\","
        + "\"seqNumber\":null}}").event();
    assertThat(((ProviderEvent.SmdpEvent) noSeq).seqNumber()).isNull();
    ProviderEvent usage = post("{\"notifyType\":\"DATA_USAGE\",\"notifyId\":\"n4\",\"content\":{\"esimTranNo\":\"E1\",\"totalVolume\":100,"
        + "\"orderUsage\":90,\"remain\":10,\"remainThreshold\":0.1}}").event();
    assertThat(((ProviderEvent.DataUsage) usage).remain()).isEqualTo(10L);
    assertThat(((ProviderEvent.DataUsage) usage).remainThreshold()).isEqualTo(0.1);
    ProviderEvent validity = post("{\"notifyType\":\"VALIDITY_USAGE\",\"content\":{\"esimTranNo\":\"E1\",\"durationUnit\":\"DAY\","
        + "\"totalDuration\":7,\"expiredTime\":\"2026-12-01T00:00:00Z\",\"remain\":1}}").event();
    assertThat(((ProviderEvent.ValidityUsage) validity).remain()).isEqualTo(1);
    ProviderEvent unknown = post("{\"notifyType\":\"NEW_THING\",\"notifyId\":\"n5\",\"content\":{}}").event();
    assertThat(unknown).isInstanceOf(ProviderEvent.Unknown.class);
  }

  @Test
  void duplicatesAndOlderEventsAreNotApplied() {
    String e = "{\"notifyType\":\"ORDER_STATUS\",\"notifyId\":\"same\",\"content\":{\"orderNo\":\"B1\",\"orderStatus\":\"GOT_RESOURCE\"}}";
    assertThat(post(e).outcome()).isEqualTo(ProviderEventResult.Outcome.APPLY);
    assertThat(post(e).outcome()).isEqualTo(ProviderEventResult.Outcome.DUPLICATE);
    assertThat(post(e).httpStatus()).isEqualTo(200);
    String newer = "{\"notifyType\":\"ESIM_STATUS\",\"notifyId\":\"a\",\"eventGenerateTime\":\"2026-05-01T10:00:02Z\",\"content\":{\"esimTranNo\":\"E9\",\"esimStatus\":\"IN_USE\"}}";
    String older = "{\"notifyType\":\"ESIM_STATUS\",\"notifyId\":\"b\",\"eventGenerateTime\":\"2026-05-01T10:00:01Z\",\"content\":{\"esimTranNo\":\"E9\",\"esimStatus\":\"GOT_RESOURCE\"}}";
    assertThat(post(newer).outcome()).isEqualTo(ProviderEventResult.Outcome.APPLY);
    assertThat(post(older).outcome()).isEqualTo(ProviderEventResult.Outcome.STALE);
  }

  @Test
  void memoryStaysBoundedByTheCapacity() throws Exception {
    ProviderEventHandler small = ProviderEventHandler.builder().dedupCapacity(100).build();
    for (int i = 0; i < 10_000; i++) {
      small.handle(Map.of(), ("{\"notifyType\":\"SMDP_EVENT\",\"notifyId\":\"id-" + i + "\",\"content\":{\"esimTranNo\":\"E" + i
          + "\",\"seqNumber\":1}}").getBytes(StandardCharsets.UTF_8), null);
    }
    for (String field : List.of("seen", "lastSeq", "lastTime")) {
      java.lang.reflect.Field f = ProviderEventHandler.class.getDeclaredField(field);
      f.setAccessible(true);
      Object held = f.get(small);
      int size = held instanceof java.util.Collection<?> c ? c.size() : ((Map<?, ?>) held).size();
      assertThat(size).as(field + " after 10 000 profiles").isLessThanOrEqualTo(100);
    }
  }

  @Test
  void allowlistAndBadBodies() {
    ProviderEventHandler strict = ProviderEventHandler.builder().allowIps(ProviderEventHandler.PROVIDER_IPS).build();
    byte[] body = "{\"notifyType\":\"CHECK_HEALTH\",\"content\":{}}".getBytes(StandardCharsets.UTF_8);
    assertThat(strict.handle(Map.of(), body, "10.0.0.1").httpStatus()).isEqualTo(403);
    assertThat(strict.handle(Map.of(), body, null).outcome()).isEqualTo(ProviderEventResult.Outcome.REJECTED);
    assertThat(strict.handle(Map.of("X", List.of("y")), body, "54.254.74.88").shouldApply()).isTrue();
    assertThat(post("<html>").httpStatus()).isEqualTo(400);
    assertThat(post("{\"no\":\"type\"}").outcome()).isEqualTo(ProviderEventResult.Outcome.REJECTED);
  }
}
