package uz.onesim.backend;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.function.Function;
import uz.onesim.backend.internal.QrCodes;
import uz.onesim.client.Order;

/**
 * Delivers an allocated eSIM by email over SMTP (Jakarta Mail): an HTML and a plain-text part, the
 * activation code as a QR image inline, branded with the partner's name and in the customer's
 * language where known. Orders without an email address or an activation code are refused (the
 * fulfiller records the failure; the eSIM stays allocated). Thread-safe.
 */
public final class EmailChannel implements DeliveryChannel {
  /** Who sold it and in which language to write, for one order. */
  public record Recipient(String brand, String language) {}

  private final SmtpSettings smtp;
  private final Session session;
  private final Function<Order, Recipient> recipients;

  /**
   * @param recipients the brand and language for an order ({@link OneSimBackend#emailChannel} looks
   *     them up in the database)
   */
  public EmailChannel(SmtpSettings smtp, Function<Order, Recipient> recipients) {
    this.smtp = smtp;
    this.recipients = recipients;
    Properties p = new Properties();
    p.put("mail.smtp.host", smtp.host());
    p.put("mail.smtp.port", String.valueOf(smtp.port()));
    p.put("mail.smtp.auth", String.valueOf(smtp.username() != null));
    p.put("mail.smtp.starttls.enable", String.valueOf(smtp.startTls()));
    p.put("mail.smtp.starttls.required", String.valueOf(smtp.startTls()));
    p.put("mail.smtp.connectiontimeout", "10000");
    p.put("mail.smtp.timeout", "10000");
    p.put("mail.smtp.writetimeout", "10000");
    this.session = Session.getInstance(p);
  }

  @Override
  public String method() {
    return "email";
  }

  @Override
  public String deliver(Order order) throws MessagingException {
    if (order.customerEmail() == null || order.customerEmail().isBlank()) {
      throw new IllegalArgumentException("the order has no email address");
    }
    if (order.activationCode() == null) {
      throw new IllegalArgumentException("the order has no activation code yet");
    }
    Recipient r = recipients.apply(order);
    InstallationEmail mail = InstallationEmail.of(order, r.brand(), r.language());
    MimeMessage message = message(r.brand(), order.customerEmail(), mail.subject());
    MimeMultipart alternative = textAndHtml(mail.text(), mail.html());
    MimeBodyPart body = new MimeBodyPart();
    body.setContent(alternative);

    MimeBodyPart qr = new MimeBodyPart();
    qr.setDataHandler(new jakarta.activation.DataHandler(new ByteArrayDataSource(QrCodes.png(order.activationCode(), 480), "image/png")));
    qr.setContentID("<qr>");
    qr.setDisposition(MimeBodyPart.INLINE);
    qr.setFileName("esim-qr.png");

    MimeMultipart related = new MimeMultipart("related");
    related.addBodyPart(body);
    related.addBodyPart(qr);
    message.setContent(related);
    send(message);
    return "sent";
  }

  /** Sends a lifecycle notice as a short HTML + text email to the order's address. */
  @Override
  public String sendNotice(EsimNotice notice) throws MessagingException {
    if (notice.customerEmail() == null || notice.customerEmail().isBlank()) {
      throw new IllegalArgumentException("the order has no email address");
    }
    NoticeText words = NoticeText.of(notice);
    MimeMessage message = message(notice.brand(), notice.customerEmail(), words.subject());
    message.setContent(textAndHtml(words.text(), "<!doctype html><html><body style=\"font-family:sans-serif\"><p>"
        + words.text().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") + "</p></body></html>"));
    send(message);
    return "sent";
  }

  private MimeMessage message(String brand, String to, String subject) throws MessagingException {
    MimeMessage message = new MimeMessage(session);
    try {
      message.setFrom(new InternetAddress(smtp.fromAddress(), brand, StandardCharsets.UTF_8.name()));
    } catch (UnsupportedEncodingException e) {
      throw new IllegalStateException(e);
    }
    message.setRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
    message.setSubject(subject, StandardCharsets.UTF_8.name());
    return message;
  }

  private static MimeMultipart textAndHtml(String plain, String htmlText) throws MessagingException {
    MimeMultipart alternative = new MimeMultipart("alternative");
    MimeBodyPart text = new MimeBodyPart();
    text.setText(plain, StandardCharsets.UTF_8.name());
    MimeBodyPart html = new MimeBodyPart();
    html.setContent(htmlText, "text/html; charset=UTF-8");
    alternative.addBodyPart(text);
    alternative.addBodyPart(html);
    return alternative;
  }

  private void send(MimeMessage message) throws MessagingException {
    message.saveChanges();
    if (smtp.username() != null) {
      Transport.send(message, smtp.username(), smtp.password());
    } else {
      Transport.send(message);
    }
  }

  @Override
  public String toString() {
    return "EmailChannel{" + smtp + "}";
  }
}
