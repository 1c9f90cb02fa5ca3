package uz.onesim.testkit.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import uz.onesim.testkit.LocalDatabase;
import uz.onesim.testkit.LocalPostgres;
import uz.onesim.testkit.SampleData;

/**
 * Every column of every table the API exposes has exactly one recorded decision about who may
 * write it (private.column_decisions, V12). A column added later without a decision fails here.
 */
class ColumnDecisionTest {
  final LocalDatabase db = LocalPostgres.shared().freshDatabase(false);

  @Test
  void everyExposedColumnHasADecision() {
    List<Map<String, Object>> missing = db.query(Db.OWNER, """
        select c.table_name, c.column_name
        from information_schema.columns c
        join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
        where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
          and not exists (select 1 from private.column_decisions d
                          where d.table_name = c.table_name and d.column_name = c.column_name)
        order by 1, 2""");
    assertThat(missing).as("columns without a decision").isEmpty();
    List<Map<String, Object>> stale = db.query(Db.OWNER, """
        select d.table_name, d.column_name from private.column_decisions d
        where not exists (select 1 from information_schema.columns c
                          where c.table_schema = 'public' and c.table_name = d.table_name and c.column_name = d.column_name)""");
    assertThat(stale).as("decisions for columns that do not exist").isEmpty();
    assertThat(db.value(Db.OWNER, "select count(distinct table_name) from private.column_decisions")).isEqualTo((long) Db.TABLES.size());
  }

  /**
   * What every table of the API schema must have, read from the catalog: RLS on, at least one
   * policy, a decision for each column and the trigger that enforces them. Empty when all hold.
   */
  static List<String> schemaProblems(LocalDatabase db) {
    List<String> problems = new java.util.ArrayList<>();
    db.query(Db.OWNER, """
        select c.relname as t, c.relrowsecurity as rls,
               (select count(*) from pg_policy p where p.polrelid = c.oid) as policies,
               (select count(*) from pg_trigger g where g.tgrelid = c.oid and g.tgname = 'trg_00_column_decisions'
                  and g.tgenabled = 'O') as enforcing,
               (select count(*) from pg_trigger g join pg_proc f on f.oid = g.tgfoid
                where g.tgrelid = c.oid and g.tgname = 'trg_00_column_decisions'
                  and f.prosrc is distinct from private.column_decisions_source(c.relname)) as stale,
               (select count(*) from information_schema.columns ic where ic.table_schema = 'public' and ic.table_name = c.relname
                  and not exists (select 1 from private.column_decisions d
                                  where d.table_name = ic.table_name and d.column_name = ic.column_name)) as undecided
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind = 'r' order by 1""").forEach(r -> {
      String t = (String) r.get("t");
      if (!(Boolean) r.get("rls")) {
        problems.add(t + ": row level security is off");
      }
      if ((Long) r.get("policies") == 0) {
        problems.add(t + ": no policy");
      }
      if ((Long) r.get("enforcing") != 1) {
        problems.add(t + ": no column-decision trigger");
      }
      if ((Long) r.get("stale") > 0) {
        problems.add(t + ": decisions changed since its trigger was written (call private.apply_column_decisions())");
      }
      if ((Long) r.get("undecided") > 0) {
        problems.add(t + ": " + r.get("undecided") + " column(s) without a decision");
      }
    });
    // Grants: Supabase grants every privilege on a new table to anon and authenticated (default
    // privileges). RLS does not cover TRUNCATE, REFERENCES or TRIGGER, and anon never writes; a table
    // must revoke what the API roles may not do, and may grant a write only where a column decision
    // lets an API user (a client or an admin) write.
    db.query(Db.OWNER, """
        select c.relname as t, r.role,
               pg_catalog.string_agg(p.priv, ' ' order by p.priv) as privileges,
               exists (select 1 from private.column_decisions d where d.table_name = c.relname
                         and d.decision in ('client', 'client_insert', 'fixed', 'admin')) as writable
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
        cross join (values ('anon'), ('authenticated')) r(role)
        cross join (values ('SELECT'), ('INSERT'), ('UPDATE'), ('DELETE'), ('TRUNCATE'), ('REFERENCES'), ('TRIGGER')) p(priv)
        where n.nspname = 'public' and c.relkind = 'r' and pg_catalog.has_table_privilege(r.role, c.oid, p.priv)
        group by c.relname, r.role, c.oid order by 1, 2""").forEach(r -> {
      String t = (String) r.get("t");
      String role = (String) r.get("role");
      List<String> privileges = Arrays.asList(((String) r.get("privileges")).split(" "));
      List<String> never = privileges.stream().filter(p -> List.of("TRUNCATE", "REFERENCES", "TRIGGER").contains(p)).toList();
      if (!never.isEmpty()) {
        problems.add(t + ": " + role + " holds " + String.join(", ", never));
      }
      List<String> writes = privileges.stream().filter(p -> List.of("INSERT", "UPDATE").contains(p)).toList();
      if (!writes.isEmpty() && (role.equals("anon") || !(Boolean) r.get("writable"))) {
        problems.add(t + ": " + role + " holds " + String.join(", ", writes)
            + (role.equals("anon") ? " (anon never writes)" : " but no column is written through the API"));
      }
    });
    return problems;
  }

  @Test
  void everyTableOfTheMigratedSchemaKeepsTheRules() {
    assertThat(schemaProblems(db)).isEmpty();
  }

  @Test
  void aTableAddedWithoutRlsPoliciesDecisionsOrGrantsFails() {
    LocalDatabase other = LocalPostgres.shared().freshDatabase(false);
    other.executeScript("create table public.gadgets (id uuid primary key, name text)");
    assertThat(schemaProblems(other)).as("the migrated tables keep the rules").allMatch(p -> p.startsWith("gadgets:"));
    assertThat(schemaProblems(other)).filteredOn(p -> p.startsWith("gadgets:")).containsExactly("gadgets: row level security is off", "gadgets: no policy",
        "gadgets: no column-decision trigger", "gadgets: 2 column(s) without a decision",
        "gadgets: anon holds REFERENCES, TRIGGER, TRUNCATE", "gadgets: anon holds INSERT, UPDATE (anon never writes)",
        "gadgets: authenticated holds REFERENCES, TRIGGER, TRUNCATE",
        "gadgets: authenticated holds INSERT, UPDATE but no column is written through the API");
  }

  /**
   * Each table's enforcing code is written out from its decisions (V12): a decision recorded without
   * rewriting it would be silently unenforced, so the schema check names the table until
   * apply_column_decisions() runs, and after it the new decision holds.
   */
  @Test
  void aDecisionRecordedWithoutRewritingTheTriggerFailsUntilItIsApplied() {
    LocalDatabase other = LocalPostgres.shared().freshDatabase(true);
    other.executeScript("update private.column_decisions set decision = 'admin' where table_name = 'profiles' and column_name = 'phone'");
    assertThat(schemaProblems(other)).containsExactly(
        "profiles: decisions changed since its trigger was written (call private.apply_column_decisions())");
    other.executeScript("select private.apply_column_decisions()");
    assertThat(schemaProblems(other)).isEmpty();
  }

  @Test
  void everyTableHasTheEnforcingTrigger() {
    for (String table : Db.TABLES) {
      assertThat(db.value(Db.OWNER, "select count(*) from pg_trigger where tgrelid = ('public.' || ?)::regclass "
          + "and tgname = 'trg_00_column_decisions' and tgenabled = 'O'", table)).as(table).isEqualTo(1L);
    }
  }

  /**
   * The dispatcher's outbox judges only an API role's own writes (its claim and record, definer
   * functions running as the owner, are trusted like triggers): no other table has that exception,
   * and the service role writing the outbox directly is still refused what it may not change.
   */
  @Test
  void onlyTheOutboxTrustsDefinerWritesAndDirectWritesThereAreStillJudged() {
    assertThat(db.query(Db.OWNER, "select c.relname from pg_trigger t join pg_class c on c.oid = t.tgrelid "
        + "where t.tgname = 'trg_00_column_decisions' and pg_get_triggerdef(t.oid) like '%WHEN (private.is_api_own_write())%' order by 1"))
        .extracting(r -> r.get("relname")).containsExactly("webhook_attempts", "webhook_deliveries");
    LocalDatabase sample = LocalPostgres.shared().freshDatabase(true);
    Db.assertFails(() -> sample.update(Db.SERVICE, "update webhook_deliveries set partner_id = ? where id = ?", SampleData.GRAND_TRAVEL,
        SampleData.SILK_ROAD_DELIVERY), "42501", "column_not_writable");
    Db.assertFails(() -> sample.update(Db.SERVICE, "update webhook_deliveries set created_at = now() - interval '1 day' where id = ?",
        SampleData.SILK_ROAD_DELIVERY), "42501", "column_not_writable");
    assertThat(sample.value(Db.OWNER, "select partner_id from webhook_deliveries where id = ?", SampleData.SILK_ROAD_DELIVERY))
        .isEqualTo(SampleData.SILK_ROAD);
  }

  @Test
  void theUpdateWhitelistsOfTheGuardTriggersAreExactlyTheClientColumns() {
    List<Map<String, Object>> guards = db.query(Db.OWNER, """
        select c.relname as table_name, encode(t.tgargs, 'escape') as args
        from pg_trigger t join pg_class c on c.oid = t.tgrelid
        where t.tgfoid = 'private.guard_columns'::regproc""");
    assertThat(guards).hasSizeGreaterThanOrEqualTo(5);
    for (Map<String, Object> g : guards) {
      String table = (String) g.get("table_name");
      Set<String> whitelist = new TreeSet<>(Arrays.asList(((String) g.get("args")).split("\\\\000")));
      whitelist.remove("");
      Set<String> client = new TreeSet<>();
      db.query(Db.OWNER, "select column_name from private.column_decisions where table_name = ? and decision = 'client'", table)
          .forEach(r -> client.add((String) r.get("column_name")));
      assertThat(whitelist).as(table).isEqualTo(client);
    }
  }
}
