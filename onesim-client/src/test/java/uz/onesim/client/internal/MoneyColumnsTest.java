package uz.onesim.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import uz.onesim.core.Amounts;
import uz.onesim.core.ServerException;

/** Money read from a row: exact when present, a typed error naming the column (and the row) when a required one is missing. */
class MoneyColumnsTest {
  @Test
  void presentMoneyIsReadExactlyAndMissingRequiredMoneyIsAnErrorNeverZero() {
    assertThat(MoneyColumns.usd("price_usd", new BigDecimal("14.25"))).isEqualTo(Amounts.usd("14.25"));
    assertThat(MoneyColumns.uzs("price_uzs", new BigDecimal("180263"))).isEqualTo(Amounts.uzs(180_263));
    assertThat(MoneyColumns.usdOrNull(null)).isNull();
    assertThat(MoneyColumns.uzsOrNull(null)).isNull();

    ServerException missing = catchThrowableOfType(() -> MoneyColumns.usd("order 42", "price_usd", null), ServerException.class);
    assertThat(missing.code()).isEqualTo("missing_money");
    assertThat(missing.details()).isEqualTo("price_usd");
    assertThat(missing.getMessage()).contains("order 42 has no price_usd");
    assertThat(catchThrowableOfType(() -> MoneyColumns.uzs("paid_uzs", null), ServerException.class).details()).isEqualTo("paid_uzs");
  }
}
