package uz.onesim.testkit;

import java.sql.SQLException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * A statement failed. Carries the SQLSTATE and, for the schema's own errors, the machine code in
 * DETAIL (e.g. {@code partner_not_active}) and the field in HINT.
 */
public class DatabaseException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String sqlState;
  private final String detail;
  private final String hint;

  public DatabaseException(SQLException cause) {
    super(cause.getMessage(), cause);
    this.sqlState = cause.getSQLState();
    ServerErrorMessage server = cause instanceof PSQLException p ? p.getServerErrorMessage() : null;
    this.detail = server == null ? null : server.getDetail();
    this.hint = server == null ? null : server.getHint();
  }

  /** The SQLSTATE, e.g. {@code 42501}. */
  public String sqlState() {
    return sqlState;
  }

  /** The DETAIL (our machine code), or null. */
  public String detail() {
    return detail;
  }

  /** The HINT, or null. */
  public String hint() {
    return hint;
  }
}
