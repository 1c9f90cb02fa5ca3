package uz.onesim.backend;

import java.util.Locale;
import java.util.Map;
import uz.onesim.client.Order;

/**
 * The message that brings an eSIM to its traveller: subject, plain text and HTML (with the QR code
 * as an inline image {@code cid:qr}), in Uzbek, Russian or English, branded with the selling
 * partner's name (OneSIM for the shop). Pure text work, no I/O.
 */
public record InstallationEmail(String subject, String text, String html) {
  private static final Map<String, String[]> TEXTS = Map.of(
      "en", new String[] {"Your eSIM from %s is ready", "Hello %s,", "your eSIM for %s is ready to install.",
          "Scan the QR code with your phone's camera, or enter this activation code:", "Install it before you travel; it starts when you arrive.",
          "Sent by %s with OneSIM.", "Sent by OneSIM."},
      "ru", new String[] {"Ваша eSIM от %s готова", "Здравствуйте, %s!", "ваша eSIM для %s готова к установке.",
          "Отсканируйте QR-код камерой телефона или введите код активации:", "Установите её до поездки; она начнёт работать по прибытии.",
          "Отправлено %s через OneSIM.", "Отправлено OneSIM."},
      "uz", new String[] {"%s eSIM'ingiz tayyor", "Assalomu alaykum, %s!", "%s uchun eSIM o'rnatishga tayyor.",
          "QR kodni telefon kamerasi bilan skanerlang yoki faollashtirish kodini kiriting:",
          "Safardan oldin o'rnating; u yetib borganingizda ishlay boshlaydi.", "%s tomonidan OneSIM orqali yuborildi.", "OneSIM tomonidan yuborildi."});

  /**
   * Renders the message for {@code order} sold by {@code brand}, in {@code language} ({@code uz},
   * {@code ru} or {@code en}; anything else is English).
   */
  public static InstallationEmail of(Order order, String brand, String language) {
    String[] t = TEXTS.getOrDefault(language == null ? "en" : language.toLowerCase(Locale.ROOT), TEXTS.get("en"));
    String name = order.customerFirstName() == null ? "" : order.customerFirstName();
    String code = order.activationCode();
    String subject = t[0].formatted(brand);
    // the shop's own mail is sent by OneSIM, not "by OneSIM with OneSIM"
    String footer = "OneSIM".equalsIgnoreCase(brand) ? t[6] : t[5].formatted(brand);
    String text = String.join("\n", t[1].formatted(name), "", t[2].formatted(order.packageCode()), "", t[3], code, "",
        t[4], "", "ICCID: " + order.iccid(), footer);
    String html = "<!doctype html><html><body style=\"font-family:sans-serif\">"
        + "<p>" + escape(t[1].formatted(name)) + "</p>"
        + "<p>" + escape(t[2].formatted(order.packageCode())) + "</p>"
        + "<p><img src=\"cid:qr\" alt=\"QR\" width=\"240\" height=\"240\"></p>"
        + "<p>" + escape(t[3]) + "<br><code>" + escape(code) + "</code></p>"
        + "<p>" + escape(t[4]) + "</p>"
        + "<p style=\"color:#666\">ICCID " + escape(order.iccid()) + " · " + escape(footer) + "</p>"
        + "</body></html>";
    return new InstallationEmail(subject, text, html);
  }

  private static String escape(String s) {
    return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
