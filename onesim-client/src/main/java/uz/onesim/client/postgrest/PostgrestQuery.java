package uz.onesim.client.postgrest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import uz.onesim.client.internal.FilterValues;
import uz.onesim.client.internal.HttpExecutor;
import uz.onesim.client.internal.KeysetPages;
import uz.onesim.client.internal.RowCodec;
import uz.onesim.core.ConflictException;
import uz.onesim.core.OneSimException;

/**
 * One PostgREST request being built: a read, a write or an RPC, with filters and transforms in
 * PostgREST's grammar, then a terminal that sends it ({@link #list}, {@link #one},
 * {@link #maybeOne}, {@link #page}, {@link #json}, {@link #total}, {@link #stream},
 * {@link #execute}). Not thread-safe: build and send it on one thread; the client it came from is
 * shared freely.
 */
public final class PostgrestQuery {
  private static final MediaType JSON_TYPE = MediaType.get("application/json");
  private static final String SINGLE_OBJECT = "application/vnd.pgrst.object+json";

  private enum Mode { NONE, SINGLE, MAYBE }

  private final PostgrestClient client;
  private final String path;
  private final boolean rpc;
  private String method = "GET";
  private final List<String[]> params = new ArrayList<>();
  private final Map<String, List<String>> orders = new LinkedHashMap<>();
  private final List<String> prefer = new ArrayList<>();
  private JsonNode body;
  private Object rpcArgs;
  private boolean filtered;
  private boolean allowUnfiltered;
  private Returning returning;
  private Mode mode = Mode.NONE;
  private Count count;
  private String selectColumns;

  PostgrestQuery(PostgrestClient client, String path, boolean rpc) {
    this.client = client;
    this.path = path;
    this.rpc = rpc;
    if (rpc) {
      this.method = "POST";
    }
  }

  PostgrestQuery rpcArgs(Object args) {
    this.rpcArgs = args;
    return this;
  }

  // ------------------------------------------------------------------ columns and writes

  /** Which columns (and embeds) come back: {@code "id,price_usd,partner_customers(first_name)"}. */
  public PostgrestQuery select(String columns) {
    this.selectColumns = Objects.requireNonNull(columns, "columns == null");
    if (!method.equals("GET") && !method.equals("HEAD") && !rpc && returning == null) {
      returning = Returning.REPRESENTATION;
    }
    return this;
  }

  /**
   * Inserts one row (an object or record) or many (a collection: one request, one statement, all or
   * nothing). Keys a row leaves out get the column default ({@code Prefer: missing=default}).
   */
  public PostgrestQuery insert(Object rowOrRows) {
    method = "POST";
    body = toJson(Objects.requireNonNull(rowOrRows, "rows == null"));
    if (body.isArray()) {
      Set<String> columns = new LinkedHashSet<>();
      body.forEach(row -> row.fieldNames().forEachRemaining(columns::add));
      if (!columns.isEmpty()) {
        params.add(new String[] {"columns", String.join(",", columns)});
      }
    }
    prefer.add("missing=default");
    return this;
  }

  /** Insert, or update the existing row on conflict ({@code resolution=merge-duplicates}); see {@link #onConflict}. */
  public PostgrestQuery upsert(Object rowOrRows) {
    insert(rowOrRows);
    prefer.add("resolution=merge-duplicates");
    return this;
  }

  /** The unique columns an upsert conflicts on (default: the primary key). */
  public PostgrestQuery onConflict(String columns) {
    params.add(new String[] {"on_conflict", Objects.requireNonNull(columns, "columns == null")});
    return this;
  }

  /** Upsert keeps existing rows untouched ({@code resolution=ignore-duplicates}). */
  public PostgrestQuery ignoreDuplicates() {
    prefer.remove("resolution=merge-duplicates");
    prefer.add("resolution=ignore-duplicates");
    return this;
  }

  /** Updates the filtered rows with the non-null fields of {@code patch} (or every entry of a map). */
  public PostgrestQuery update(Object patch) {
    method = "PATCH";
    body = toJson(Objects.requireNonNull(patch, "patch == null"));
    return this;
  }

  /** Deletes the filtered rows. */
  public PostgrestQuery delete() {
    method = "DELETE";
    return this;
  }

  /** What a write returns; {@link #list}/{@link #one} on a write ask for the representation by themselves. */
  public PostgrestQuery returning(Returning r) {
    this.returning = Objects.requireNonNull(r, "returning == null");
    return this;
  }

  /** Allows an update or delete with no filter (which touches every visible row). */
  public PostgrestQuery allowUnfiltered() {
    this.allowUnfiltered = true;
    return this;
  }

  // ------------------------------------------------------------------ filters

  /** Rows whose {@code column} equals {@code value}. */
  public PostgrestQuery eq(String column, Object value) {
    return filter(column, "eq", FilterValues.scalar(value));
  }

  /** Rows whose {@code column} differs from {@code value}. */
  public PostgrestQuery neq(String column, Object value) {
    return filter(column, "neq", FilterValues.scalar(value));
  }

  /** Rows whose {@code column} is greater than {@code value}. */
  public PostgrestQuery gt(String column, Object value) {
    return filter(column, "gt", FilterValues.scalar(value));
  }

  /** Rows whose {@code column} is at least {@code value}. */
  public PostgrestQuery gte(String column, Object value) {
    return filter(column, "gte", FilterValues.scalar(value));
  }

  /** Rows whose {@code column} is less than {@code value}. */
  public PostgrestQuery lt(String column, Object value) {
    return filter(column, "lt", FilterValues.scalar(value));
  }

  /** Rows whose {@code column} is at most {@code value}. */
  public PostgrestQuery lte(String column, Object value) {
    return filter(column, "lte", FilterValues.scalar(value));
  }

  /** {@code LIKE}; {@code %} or {@code *} are wildcards. */
  public PostgrestQuery like(String column, String pattern) {
    return filter(column, "like", pattern);
  }

  /** Case-insensitive {@code LIKE}. */
  public PostgrestQuery ilike(String column, String pattern) {
    return filter(column, "ilike", pattern);
  }

  /** {@code IS NULL}, {@code IS TRUE}, {@code IS FALSE} (value null, true or false). */
  public PostgrestQuery is(String column, Boolean value) {
    return filter(column, "is", value == null ? "null" : value.toString());
  }

  /** {@code IN (...)}; values holding {@code ,()"} are quoted. */
  public PostgrestQuery in(String column, Collection<?> values) {
    return filter(column, "in", FilterValues.list(values));
  }

  /** Array/jsonb/range contains: a collection as an array literal, a map as JSON. */
  public PostgrestQuery contains(String column, Object value) {
    return filter(column, "cs", FilterValues.containment(client.objectMapper(), value));
  }

  /** Array/jsonb/range is contained by. */
  public PostgrestQuery containedBy(String column, Object value) {
    return filter(column, "cd", FilterValues.containment(client.objectMapper(), value));
  }

  /** Arrays or ranges overlap. */
  public PostgrestQuery overlaps(String column, Object value) {
    return filter(column, "ov", FilterValues.containment(client.objectMapper(), value));
  }

  /** Full-text search. {@code type}: null (to_tsquery), "plain", "phrase" or "websearch"; {@code config} e.g. "english" or null. */
  public PostgrestQuery textSearch(String column, String query, String config, String type) {
    String op = type == null ? "fts" : switch (type) {
      case "plain" -> "plfts";
      case "phrase" -> "phfts";
      case "websearch" -> "wfts";
      default -> throw new IllegalArgumentException("textSearch type must be plain, phrase or websearch: " + type);
    };
    return filter(column, config == null ? op : op + "(" + config + ")", query);
  }

  /** Negates an operator: {@code not("status", "in", "(FAILED,CANCELLED)")} → {@code status=not.in.(...)}. */
  public PostgrestQuery not(String column, String operator, String value) {
    return filter(column, "not." + operator, value);
  }

  /** A logic tree: {@code or("age.lt.18,age.gt.21")}. */
  public PostgrestQuery or(String filters) {
    return or(filters, null);
  }

  /** A logic tree on an embedded resource. */
  public PostgrestQuery or(String filters, String referencedTable) {
    params.add(new String[] {referencedTable == null ? "or" : referencedTable + ".or", "(" + filters + ")"});
    filtered = true;
    return this;
  }

  /** Equality on every entry of {@code values}. */
  public PostgrestQuery match(Map<String, ?> values) {
    values.forEach(this::eq);
    return this;
  }

  /** Any operator in its raw form: {@code filter("tags", "cs", "{vip}")}. */
  public PostgrestQuery filter(String column, String operator, String value) {
    Objects.requireNonNull(column, "column == null");
    params.add(new String[] {column, operator + "." + value});
    filtered = true;
    return this;
  }

  // ------------------------------------------------------------------ transforms

  /** Orders by {@code column}; call again for further keys. */
  public PostgrestQuery order(String column, boolean ascending) {
    return order(column, ascending, null, null);
  }

  /** Orders with explicit nulls placement, optionally inside an embedded resource. */
  public PostgrestQuery order(String column, boolean ascending, Boolean nullsFirst, String referencedTable) {
    String term = column + (ascending ? ".asc" : ".desc") + (nullsFirst == null ? "" : nullsFirst ? ".nullsfirst" : ".nullslast");
    orders.computeIfAbsent(referencedTable == null ? "order" : referencedTable + ".order", k -> new ArrayList<>()).add(term);
    return this;
  }

  /** At most {@code n} rows. */
  public PostgrestQuery limit(long n) {
    return limit(n, null);
  }

  /** At most {@code n} rows of an embedded table. */
  public PostgrestQuery limit(long n, String referencedTable) {
    params.add(new String[] {referencedTable == null ? "limit" : referencedTable + ".limit", Long.toString(n)});
    return this;
  }

  /** Rows {@code from} to {@code to}, inclusive, zero-based. */
  public PostgrestQuery range(long from, long to) {
    if (from < 0 || to < from) {
      throw new IllegalArgumentException("range(" + from + ", " + to + ")");
    }
    params.add(new String[] {"offset", Long.toString(from)});
    params.add(new String[] {"limit", Long.toString(to - from + 1)});
    return this;
  }

  /** Asks for a total in {@code Content-Range}; see {@link #page} and {@link #total}. */
  public PostgrestQuery count(Count c) {
    this.count = Objects.requireNonNull(c, "count == null");
    return this;
  }

  /** No body, only headers (with {@link #count}: the total alone). */
  public PostgrestQuery head() {
    this.method = "HEAD";
    return this;
  }

  /** Calls a read-only function with GET (arguments in the query string), which can be retried. */
  public PostgrestQuery get() {
    if (!rpc) {
      throw new IllegalStateException("get() is for rpc(); a table query is a GET already");
    }
    this.method = "GET";
    return this;
  }

  // ------------------------------------------------------------------ terminals

  /** Sends the request and returns the raw outcome. */
  public PostgrestResponse execute() {
    HttpExecutor.Result r = client.executor().execute(buildRequest(buildUrl(null)));
    return new PostgrestResponse(r.status(), r.body(), parseTotal(r.contentRange()), r.requestId());
  }

  /** The body as a JSON tree ({@code null} node when there is none). */
  public JsonNode json() {
    return readTree(execute().body());
  }

  /** The rows, decoded into {@code type} (a record or a class; snake_case columns map to camelCase). */
  public <T> List<T> list(Class<T> type) {
    wantRows();
    return decodeList(readTree(execute().body()), type);
  }

  /** Exactly one row: {@link uz.onesim.core.NotFoundException} when there is none. */
  public <T> T one(Class<T> type) {
    wantRows();
    mode = Mode.SINGLE;
    return decode(readTree(execute().body()), type);
  }

  /** Zero or one row; more than one is a {@link ConflictException}. */
  public <T> Optional<T> maybeOne(Class<T> type) {
    wantRows();
    mode = Mode.MAYBE;
    PostgrestResponse r = execute();
    JsonNode rows = readTree(r.body());
    if (rows.isArray() && rows.size() > 1) {
      throw new ConflictException("expected at most one row, got " + rows.size(), r.status(), "PGRST116", r.requestId(),
          "The result contains " + rows.size() + " rows", null, null);
    }
    JsonNode row = rows.isArray() ? (rows.isEmpty() ? NullNode.getInstance() : rows.get(0)) : rows;
    return row.isNull() || row.isMissingNode() ? Optional.empty() : Optional.of(decode(row, type));
  }

  /** The rows and the total of the {@link #count} asked for (exact when none was set). */
  public <T> Page<T> page(Class<T> type) {
    if (count == null) {
      count = Count.EXACT;
    }
    wantRows();
    PostgrestResponse r = execute();
    return new Page<>(decodeList(readTree(r.body()), type), r.total());
  }

  /**
   * The number of matching rows, without fetching them (HEAD with {@code count=exact} unless set).
   * On an RPC it is a HEAD too, which PostgREST runs read-only: counting never executes a write.
   */
  public long total() {
    if (!rpc && !method.equals("GET") && !method.equals("HEAD")) {
      throw new IllegalStateException("total() counts rows and never runs a write; use execute() on " + method);
    }
    if (count == null) {
      count = Count.EXACT;
    }
    if (method.equals("GET") || rpc) {
      method = "HEAD";
    }
    Long t = execute().total();
    if (t == null) {
      throw new OneSimException("the server sent no total in Content-Range");
    }
    return t;
  }

  /**
   * Every matching row, fetched lazily in pages of {@code pageSize} (1 to 100 000) by keyset
   * pagination on {@code keyColumn} (unique, sortable, and selected): constant memory and constant
   * cost per page however many rows there are. Pages are fetched as the stream is consumed. Ask for
   * large pages freely: where the server caps them (Supabase's {@code max-rows}, 1 000 by default)
   * the stream takes the server's size after its first page, and misses nothing.
   */
  public <T> Stream<T> stream(Class<T> type, String keyColumn, int pageSize) {
    if (pageSize < 1 || pageSize > 100_000) {
      throw new IllegalArgumentException("pageSize must be 1..100000: " + pageSize);
    }
    if (!method.equals("GET") || rpc) {
      throw new IllegalStateException("stream() is for table reads");
    }
    Objects.requireNonNull(keyColumn, "keyColumn == null");
    Iterator<T> it = new KeysetPages<>(buildUrl(keyColumn), keyColumn, pageSize,
        url -> readTree(client.executor().execute(buildRequest(url)).body()), row -> decode(row, type));
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL), false);
  }

  // ------------------------------------------------------------------ building

  private void wantRows() {
    if (!method.equals("GET") && !method.equals("HEAD") && !rpc && returning == null) {
      returning = Returning.REPRESENTATION;
    }
  }

  HttpUrl buildUrl(String streamKey) {
    HttpUrl.Builder u = client.restUrl().newBuilder().addPathSegments(path);
    if (selectColumns != null) {
      u.addQueryParameter("select", selectColumns);
    }
    if (rpc && !method.equals("POST") && rpcArgs != null) {
      JsonNode args = toJson(rpcArgs);
      args.fields().forEachRemaining(e -> u.addQueryParameter(e.getKey(),
          e.getValue().isArray() ? FilterValues.array(RowCodec.toList(e.getValue())) : e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()));
    }
    for (String[] p : params) {
      if (streamKey != null && (p[0].equals("limit") || p[0].equals("offset"))) {
        throw new IllegalStateException("stream() pages by itself; remove limit/range");
      }
      u.addQueryParameter(p[0], p[1]);
    }
    if (streamKey == null) {
      orders.forEach((k, terms) -> u.addQueryParameter(k, String.join(",", terms)));
    } else if (!orders.isEmpty()) {
      throw new IllegalStateException("stream() orders by its key column; remove order()");
    }
    return u.build();
  }

  Request buildRequest(HttpUrl url) {
    if ((method.equals("PATCH") || method.equals("DELETE")) && !filtered && !allowUnfiltered) {
      throw new IllegalStateException(method + " without a filter would change every row; add a filter or call allowUnfiltered()");
    }
    Request.Builder b = client.authorize(new Request.Builder().url(url));
    List<String> prefs = new ArrayList<>(prefer);
    if (returning != null) {
      prefs.add(returning == Returning.REPRESENTATION ? "return=representation" : "return=minimal");
    }
    if (count != null) {
      prefs.add("count=" + count.wire());
    }
    if (!prefs.isEmpty()) {
      b.header("Prefer", String.join(",", prefs));
    }
    if (mode == Mode.SINGLE) {
      b.header("Accept", SINGLE_OBJECT);
    }
    if (!"public".equals(client.schema())) {
      b.header(method.equals("GET") || method.equals("HEAD") ? "Accept-Profile" : "Content-Profile", client.schema());
    }
    RequestBody rb = null;
    if (method.equals("POST") || method.equals("PATCH")) {
      JsonNode payload = body != null ? body : rpc ? (rpcArgs == null ? codec().emptyObject() : toJson(rpcArgs)) : null;
      rb = RequestBody.create(write(payload), JSON_TYPE);
    }
    return b.method(method, rb).build();
  }

  private RowCodec codec() {
    return new RowCodec(client.objectMapper(), path);
  }

  private JsonNode toJson(Object value) {
    return codec().toJson(value);
  }

  private byte[] write(JsonNode n) {
    return codec().write(n);
  }

  private JsonNode readTree(String body) {
    return codec().readTree(body);
  }

  private <T> List<T> decodeList(JsonNode rows, Class<T> type) {
    return codec().decodeList(rows, type);
  }

  private <T> T decode(JsonNode row, Class<T> type) {
    return codec().decode(row, type);
  }

  static Long parseTotal(String contentRange) {
    return RowCodec.parseTotal(contentRange);
  }

  @Override
  public String toString() {
    return method + " " + buildUrl(null);
  }
}
