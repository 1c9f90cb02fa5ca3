package uz.onesim.client.postgrest;

import java.util.List;

/**
 * One page of rows and, when a {@link Count} was asked for, the total the server reported.
 *
 * @param total the total from {@code Content-Range}, or null when not counted
 */
public record Page<T>(List<T> rows, Long total) {
  public Page {
    rows = List.copyOf(rows);
  }

  /** The same page with each row turned into another type; the total is kept. */
  public <R> Page<R> map(java.util.function.Function<? super T, ? extends R> f) {
    return new Page<>(rows.stream().<R>map(f).toList(), total);
  }
}
