package uz.onesim.client;

import java.util.List;
import uz.onesim.core.Violation;

/**
 * The outcome of importing a customer list: the customers saved (new or matched by email), and the
 * rows refused with their violations, by position in the input (from 0).
 */
public record ImportResult(List<PartnerCustomer> saved, List<RowError> errors) {
  public ImportResult {
    saved = List.copyOf(saved);
    errors = List.copyOf(errors);
  }

  /** Row {@code index} of the input and what is wrong with it. */
  public record RowError(int index, NewCustomer row, List<Violation> violations) {}
}
