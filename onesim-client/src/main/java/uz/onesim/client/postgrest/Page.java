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
}
