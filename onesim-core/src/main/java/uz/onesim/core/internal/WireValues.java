package uz.onesim.core.internal;

import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;
import uz.onesim.core.ValidationException;

/** Looks up an enum constant by the value the database stores for it. */
public final class WireValues {
  private WireValues() {}

  public static <E extends Enum<E>> E parse(
      Class<E> type, Function<E, String> wire, String field, String value) {
    for (E constant : type.getEnumConstants()) {
      if (wire.apply(constant).equals(value)) {
        return constant;
      }
    }
    String allowed =
        Arrays.stream(type.getEnumConstants()).map(wire).collect(Collectors.joining(", "));
    throw new ValidationException(
        field, "unknown_value", "must be one of [" + allowed + "], got '" + value + "'");
  }
}
