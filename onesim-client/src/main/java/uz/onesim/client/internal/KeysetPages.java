package uz.onesim.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Function;
import okhttp3.HttpUrl;

/**
 * Every row of a table read, page by page, by keyset pagination on a unique sortable key: each
 * page asks for {@code key > last key seen}, ordered by the key, so every page costs the same and
 * memory stays constant however many rows there are. Pages are fetched as the iterator is consumed.
 * A server that caps pages below the size asked (PostgREST's {@code max-rows}) answers a first page
 * shorter than asked: from then on that is the page size, and the end is the first page shorter
 * than it (one more request than needed when the rows end within the first page).
 *
 * @param <T> the decoded row type
 */
public final class KeysetPages<T> implements Iterator<T> {
  private final HttpUrl base;
  private final String keyColumn;
  private int pageSize;
  private boolean sizeKnown;
  private final Function<HttpUrl, JsonNode> fetch;
  private final Function<JsonNode, T> decode;
  private Iterator<JsonNode> page = Collections.emptyIterator();
  private String lastKey;
  private boolean exhausted;

  public KeysetPages(HttpUrl base, String keyColumn, int pageSize, Function<HttpUrl, JsonNode> fetch, Function<JsonNode, T> decode) {
    this.base = base;
    this.keyColumn = keyColumn;
    this.pageSize = pageSize;
    this.fetch = fetch;
    this.decode = decode;
  }

  @Override
  public boolean hasNext() {
    if (page.hasNext()) {
      return true;
    }
    if (exhausted) {
      return false;
    }
    HttpUrl.Builder u = base.newBuilder().addQueryParameter("order", keyColumn + ".asc")
        .addQueryParameter("limit", Integer.toString(pageSize));
    if (lastKey != null) {
      u.addQueryParameter(keyColumn, "gt." + lastKey);
    }
    JsonNode rows = fetch.apply(u.build());
    if (!sizeKnown && !rows.isEmpty() && rows.size() < pageSize) {
      pageSize = rows.size();   // the server's cap, or the end: the next page tells
    } else if (rows.size() < pageSize) {
      exhausted = true;
    }
    sizeKnown = true;
    if (!rows.isEmpty()) {
      JsonNode key = rows.get(rows.size() - 1).get(keyColumn);
      if (key == null || key.isNull()) {
        throw new IllegalStateException("stream(): rows lack the key column '" + keyColumn + "'; select it");
      }
      lastKey = key.asText();
    }
    page = rows.iterator();
    return page.hasNext();
  }

  @Override
  public T next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return decode.apply(page.next());
  }
}
