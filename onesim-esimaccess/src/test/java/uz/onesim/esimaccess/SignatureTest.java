package uz.onesim.esimaccess;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import uz.onesim.esimaccess.internal.Signer;

/** The official vector and the reference's extra vectors, exactly. */
class SignatureTest {
  static String sign(String key, String ts, String rid, String code, String body) {
    return Signer.sign(key, ts, rid, code, body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void officialVector() {
    assertThat(sign("1111", "1628670421", "4ce9d9cdac9e4e17b3a2c66c358c1ce2", "11111", "{\"imsi\":\"326543826\"}"))
        .isEqualTo("7eb765e27df5373dea2dbc8c41a7d9557743e46c8054750f3d851b3fd01d0835");
  }

  @Test
  void extraVectors() {
    String rid = "0b7e3c1a-9f3e-4c2a-8d4e-2f1a5b6c7d8e";
    assertThat(sign("testSecret", "1700000000000", rid, "testAccess", "{\"orderNo\":\"B23120118131854\",\"pager\":{\"pageNum\":1,\"pageSize\":10}}"))
        .isEqualTo("856d98343a9df30927d2b6e9a564b4c610088899e018e352ae395075c888c8d7");
    assertThat(sign("testSecret", "1700000000000", rid, "testAccess", ""))
        .isEqualTo("9a9c2703e700239ecad7beb642c4fe45e1d6ba78572fba8022b848a89bf64cdf");
    assertThat(sign("testSecret", "1700000000000", rid, "testAccess", "{}"))
        .isEqualTo("80186684690ef4b66910fe7602a84e24e4f9756ebdd3193294a9fad261e6ef4c");
  }
}
