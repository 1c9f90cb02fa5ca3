package uz.onesim.client.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import uz.onesim.core.OneSimException;

/**
 * JSON in and out of PostgREST for one resource: rows and RPC arguments to request bodies, response
 * bodies to trees and to typed rows (snake_case columns to camelCase components). Errors name the
 * resource and the type.
 */
public final class RowCodec {
  private final ObjectMapper json;
  private final String resource;

  public RowCodec(ObjectMapper json, String resource) {
    this.json = json;
    this.resource = resource;
  }

  /** A row (or rows) as JSON: an object per row; anything else is refused. */
  public JsonNode toJson(Object value) {
    if (value instanceof JsonNode n) {
      return n;
    }
    if (value instanceof Collection<?> c) {
      ArrayNode arr = json.createArrayNode();
      c.forEach(v -> arr.add(toJson(v)));
      return arr;
    }
    JsonNode n = json.valueToTree(value);
    if (!(n instanceof ObjectNode) && !(n instanceof ArrayNode)) {
      throw new IllegalArgumentException("a row must serialise to a JSON object, got " + n.getNodeType());
    }
    return n;
  }

  /** An empty JSON object (an RPC without arguments). */
  public JsonNode emptyObject() {
    return json.createObjectNode();
  }

  /** The items of a JSON array as query-string values (text as is, the rest as JSON). */
  public static List<Object> toList(JsonNode arr) {
    List<Object> out = new ArrayList<>();
    arr.forEach(n -> out.add(n.isTextual() ? n.asText() : n.toString()));
    return out;
  }

  /** The bytes of a request body. */
  public byte[] write(JsonNode n) {
    try {
      return json.writeValueAsBytes(n);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot serialise the request body: " + e.getOriginalMessage(), e);
    }
  }

  /** A response body as a tree; the null node for an empty body. */
  public JsonNode readTree(String body) {
    if (body == null || body.isEmpty()) {
      return NullNode.getInstance();
    }
    try {
      return json.readTree(body);
    } catch (JsonProcessingException e) {
      throw new OneSimException("the server's response is not JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** Rows (an array, a single object, or nothing) decoded into {@code type}. */
  public <T> List<T> decodeList(JsonNode rows, Class<T> type) {
    if (rows.isNull()) {
      return List.of();
    }
    if (!rows.isArray()) {
      return List.of(decode(rows, type));
    }
    List<T> out = new ArrayList<>(rows.size());
    rows.forEach(r -> out.add(decode(r, type)));
    return out;
  }

  /** One row decoded into {@code type}. */
  public <T> T decode(JsonNode row, Class<T> type) {
    try {
      return json.treeToValue(row, type);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new OneSimException("cannot decode a row of " + resource + " into " + type.getSimpleName() + ": "
          + (e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()), e);
    }
  }

  /** The total of a {@code Content-Range} header ({@code 0-24/3573}); null when absent or {@code *}. */
  public static Long parseTotal(String contentRange) {
    if (contentRange == null) {
      return null;
    }
    int slash = contentRange.lastIndexOf('/');
    if (slash < 0 || slash == contentRange.length() - 1) {
      return null;
    }
    String total = contentRange.substring(slash + 1).trim();
    return total.equals("*") ? null : Long.valueOf(total);
  }
}
