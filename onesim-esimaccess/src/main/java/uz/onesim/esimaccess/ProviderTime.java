package uz.onesim.esimaccess;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;

/**
 * Reads the provider's timestamps, which come as {@code 2026-09-27T19:29:36+0000} (no colon in the
 * offset), sometimes with {@code +00:00} or {@code Z}, and sometimes empty.
 */
public final class ProviderTime {
  private static final DateTimeFormatter FORMAT = new DateTimeFormatterBuilder()
      .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
      .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
      .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
      .toFormatter();

  private ProviderTime() {}

  /** The instant {@code text} names, or null for null, blank or a value that is not a timestamp. */
  public static Instant parseOrNull(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text.trim(), FORMAT).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
