package uz.onesim.backend;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * The words of a lifecycle notice: a subject and a short text (fits an SMS), in Uzbek, Russian or
 * English, signed with the seller's name. Pure text work, no I/O.
 */
public record NoticeText(String subject, String text) {
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  /** Per language: usage low, expiring, expired, top-up applied (subject | text), then the signature. */
  private static final Map<String, String[]> TEXTS = Map.of(
      "en", new String[] {
          "Your eSIM data is running low", "Hello %s, you have used %s%% of the data of your eSIM (%s). About %s MB left.",
          "Your eSIM expires soon", "Hello %s, your eSIM (%s) expires on %s.",
          "Your eSIM has expired", "Hello %s, your eSIM (%s) has expired.",
          "Your eSIM was topped up", "Hello %s, your eSIM (%s) was topped up. About %s MB available.",
          "%s via OneSIM"},
      "ru", new String[] {
          "Трафик eSIM заканчивается", "Здравствуйте, %s! Вы использовали %s%% трафика eSIM (%s). Осталось около %s МБ.",
          "Срок eSIM скоро истекает", "Здравствуйте, %s! Срок вашей eSIM (%s) истекает %s.",
          "Срок eSIM истёк", "Здравствуйте, %s! Срок вашей eSIM (%s) истёк.",
          "eSIM пополнена", "Здравствуйте, %s! Ваша eSIM (%s) пополнена. Доступно около %s МБ.",
          "%s через OneSIM"},
      "uz", new String[] {
          "eSIM trafigi tugayapti", "Assalomu alaykum, %s! eSIM trafigining %s%% qismini ishlatdingiz (%s). Taxminan %s MB qoldi.",
          "eSIM muddati tugayapti", "Assalomu alaykum, %s! eSIM (%s) muddati %s da tugaydi.",
          "eSIM muddati tugadi", "Assalomu alaykum, %s! eSIM (%s) muddati tugadi.",
          "eSIM to'ldirildi", "Assalomu alaykum, %s! eSIM (%s) to'ldirildi. Taxminan %s MB mavjud.",
          "%s, OneSIM orqali"});

  /** Renders {@code notice} in its language (English when unknown). */
  public static NoticeText of(EsimNotice notice) {
    String[] t = TEXTS.getOrDefault(notice.language() == null ? "en" : notice.language().toLowerCase(Locale.ROOT), TEXTS.get("en"));
    String name = notice.customerFirstName() == null ? "" : notice.customerFirstName();
    String esim = notice.packageCode();
    String megabytes = notice.remainingMegabytes() == null ? "?" : String.valueOf(notice.remainingMegabytes());
    String body = switch (notice.kind()) {
      case USAGE_LOW -> t[1].formatted(name, notice.threshold(), esim, megabytes);
      case EXPIRING -> t[3].formatted(name, esim, notice.expiresAt() == null ? "?" : WHEN.format(notice.expiresAt()));
      case EXPIRED -> t[5].formatted(name, esim);
      case TOPUP_APPLIED -> t[7].formatted(name, esim, megabytes);
    };
    String subject = t[notice.kind().ordinal() * 2];
    return new NoticeText(subject, body + " — " + t[8].formatted(notice.brand()));
  }
}
