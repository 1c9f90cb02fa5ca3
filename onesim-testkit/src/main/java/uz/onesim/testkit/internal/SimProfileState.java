package uz.onesim.testkit.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** One simulated profile's mutable state, owned by {@link SimStore} (callers get {@link uz.onesim.testkit.SimProfile} snapshots). */
final class SimProfileState {
  String esimTranNo;
  String orderNo;
  String transactionId;
  String iccid;
  String imsi;
  String packageCode;
  long price;
  String esimStatus = "GETTING_RESOURCE";
  String smdpStatus = "";
  String eid = "";
  long totalVolume;
  long orderUsage;
  int totalDuration;
  Instant expiredTime;
  Instant activateTime;
  String suspendedFrom;
  /** The top-ups applied, as {@code esim/query}'s packageList shows them (with their transactionId). */
  final List<Map<String, Object>> topUps = new ArrayList<>();
  final Set<Double> thresholdsSent = new TreeSet<>();
}
