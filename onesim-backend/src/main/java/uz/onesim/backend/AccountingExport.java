package uz.onesim.backend;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import uz.onesim.core.ValidationException;

/**
 * OneSIM's own accounting export: every order created in a period, as CSV (RFC 4180, a header
 * line, amounts exactly as stored), written by PostgreSQL's {@code COPY} straight into an output
 * stream: constant memory whatever the period holds, and several times the rows per second of
 * reading pages over HTTP. It runs on a database connection of OneSIM's backend (a role that reads
 * every order, such as the one migrations run as), never on a user's: partners export their own
 * orders through the client ({@code PartnerService}), under Row Level Security.
 *
 * <pre>{@code
 * try (Connection c = dataSource.getConnection(); OutputStream out = Files.newOutputStream(file)) {
 *   long rows = AccountingExport.ordersCsv(c, monthStart, nextMonthStart, out);
 * }
 * }</pre>
 */
public final class AccountingExport {
  /** The columns, in order: what each order was sold for, to whom, and what the partner paid. */
  public static final List<String> COLUMNS = List.of("id", "created_at", "source_type", "partner_id", "package_code",
      "order_status", "payment_status", "price_usd", "price_uzs", "discount_rate", "discount_amount_usd",
      "discount_amount_uzs", "partner_paid_usd", "partner_paid_uzs", "fx_rate_uzs");

  private AccountingExport() {}

  /**
   * Writes the orders created in {@code [from, to)}, oldest first, as CSV to {@code out} (which
   * stays open) and returns how many rows it wrote.
   *
   * @throws ValidationException when the period is missing or ends before it starts (nothing is written)
   * @throws IllegalStateException when the connection is not a PostgreSQL one or the database refuses
   */
  public static long ordersCsv(Connection connection, Instant from, Instant to, OutputStream out) {
    Objects.requireNonNull(connection, "connection == null");
    Objects.requireNonNull(out, "out == null");
    if (from == null || to == null || !from.isBefore(to)) {
      throw new ValidationException("period", "invalid_period", "the period needs a start before its end");
    }
    // COPY takes no bind parameters: the bounds are Instants, whose ISO form holds only digits, '-', ':', '.', 'T' and 'Z'
    String sql = "copy (select " + String.join(", ", COLUMNS) + " from public.orders"
        + " where created_at >= '" + from + "'::timestamptz and created_at < '" + to + "'::timestamptz"
        + " order by created_at, id) to stdout with (format csv, header true)";
    try {
      org.postgresql.PGConnection pg = connection.unwrap(org.postgresql.PGConnection.class);
      return pg.getCopyAPI().copyOut(sql, out);
    } catch (SQLException e) {
      throw new IllegalStateException("the accounting export failed: " + e.getSQLState(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("the accounting export could not write its output", e);
    }
  }
}
