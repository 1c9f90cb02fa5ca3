package uz.onesim.testkit.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import uz.onesim.testkit.SimPackage;

/** How the simulator shapes its answers: packages, profiles and their package lines, in the provider's field names and time format. */
final class SimJson {
  static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ").withZone(ZoneOffset.UTC);

  private SimJson() {}

  static Map<String, Object> packageJson(SimPackage p) {
    return content("packageCode", p.packageCode(), "slug", p.slug(), "name", p.name(), "price", p.price(), "currencyCode", "USD",
        "volume", p.volume(), "smsStatus", 0, "dataType", p.dataType(), "unusedValidTime", p.unusedValidTime(),
        "duration", p.duration(), "durationUnit", "DAY", "location", p.location(), "locationCode", p.locationCode(),
        "description", p.name(), "activeType", 2, "retailPrice", p.price() * 2, "speed", "3G/4G/5G",
        "ipExport", "HK", "supportTopUpType", p.supportTopUpType(), "fupPolicy", "", "locationNetworkList", networks(p));
  }

  /** Each covered country with two networks, as the provider lists them. */
  private static List<Map<String, Object>> networks(SimPackage p) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (String code : p.location().split(",")) {
      String c = code.trim();
      out.add(content("locationName", c, "locationLogo", "", "locationCode", c, "operatorList", List.of(
          content("operatorName", c + " Mobile", "networkType", "4G/5G"), content("operatorName", c + " Telecom", "networkType", "4G"))));
    }
    return out;
  }

  static Map<String, Object> profileJson(SimProfileState p, SimPackage pkg, Instant now) {
    return profileJson(p, pkg, now, java.time.Duration.ZERO);
  }

  /** The profile as esim/query shows it; a top-up's line only once {@code lineDelay} has passed since it was applied. */
  static Map<String, Object> profileJson(SimProfileState p, SimPackage pkg, Instant now, java.time.Duration lineDelay) {
    return content("esimTranNo", p.esimTranNo, "orderNo", p.orderNo, "transactionId", p.transactionId, "imsi", p.imsi,
        "iccid", p.iccid, "msisdn", "", "eid", p.eid, "ac", "LPA:1$rsp.sim.onesim.test$" + p.esimTranNo,
        "qrCodeUrl", "https://p.qrsim.net/" + p.esimTranNo + ".png", "shortUrl", "https://p.qrsim.net/" + p.esimTranNo,
        "smdpStatus", p.smdpStatus, "esimStatus", p.esimStatus, "smsStatus", 0, "dataType", pkg.dataType(), "activeType", 2,
        "activateTime", p.activateTime == null ? null : TIME.format(p.activateTime), "installationTime", null,
        "expiredTime", p.expiredTime == null ? null : TIME.format(p.expiredTime), "totalVolume", p.totalVolume,
        "orderUsage", p.orderUsage, "totalDuration", p.totalDuration, "durationUnit", "DAY", "pin", "", "puk", "", "apn", "",
        "packageList", packageLines(p, pkg, now, lineDelay));
  }

  private static List<Map<String, Object>> packageLines(SimProfileState p, SimPackage pkg, Instant now, java.time.Duration lineDelay) {
    List<Map<String, Object>> lines = new ArrayList<>();
    lines.add(content("packageName", pkg.name(), "packageCode", pkg.packageCode(), "slug", pkg.slug(),
        "duration", pkg.duration(), "volume", pkg.volume(), "locationCode", pkg.locationCode(), "createTime", TIME.format(now),
        "esimTranNo", p.esimTranNo, "transactionId", p.transactionId));
    for (Map<String, Object> t : p.topUps) {
      if (!java.time.Instant.from(TIME.parse((String) t.get("createTime"))).plus(lineDelay).isAfter(now)) {
        lines.add(t);
      }
    }
    return lines;
  }

  static String str(Map<String, ?> m, String key) {
    Object v = m.get(key);
    return v == null || v.toString().isEmpty() ? null : v.toString();
  }

  static Map<String, Object> content(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }
}
