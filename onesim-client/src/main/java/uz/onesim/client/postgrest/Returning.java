package uz.onesim.client.postgrest;

/** What a write sends back ({@code Prefer: return=…}). */
public enum Returning {
  /** Nothing: 201/204 with no body (the default for writes). */
  MINIMAL,
  /** The affected rows, shaped by {@code select}. */
  REPRESENTATION
}
