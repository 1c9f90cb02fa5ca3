package uz.onesim.testkit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The Supabase Security &amp; Performance Advisor rules that can be decided from the catalog,
 * written by us from the rules' descriptions (splinter's SQL is not copied). Each check returns
 * rows of (object, detail); see {@code docs/security.md}.
 *
 * <p>"Exposed" means a schema PostgREST serves ({@code public} here) and a grant to {@code anon}
 * or {@code authenticated}. Supabase-managed schemas ({@code auth}, …) are skipped, as splinter
 * skips them.
 */
public final class SupabaseAdvisor {
  private static final String MANAGED =
      "('auth','storage','extensions','graphql','graphql_public','realtime','vault','pgsodium','cron','net',"
          + "'pgmq','supabase_functions','supabase_migrations','information_schema','pg_catalog','pg_toast','flyway','testkit_baseline')";

  private record Rule(String lint, String level, String sql) {}

  private static final List<Rule> RULES = List.of(
      new Rule("rls_disabled_in_public", "ERROR", """
          select format('%I.%I', n.nspname, c.relname), 'table is exposed but Row Level Security is off'
          from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where c.relkind in ('r', 'p') and n.nspname = any (?) and not c.relrowsecurity
            and (has_table_privilege('anon', c.oid, 'SELECT') or has_table_privilege('authenticated', c.oid, 'SELECT'))"""),
      new Rule("policy_exists_rls_disabled", "ERROR", """
          select format('%I.%I', n.nspname, c.relname), 'policies exist but Row Level Security is off'
          from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where not c.relrowsecurity and exists (select 1 from pg_policy p where p.polrelid = c.oid)
            and n.nspname not in""" + MANAGED),
      new Rule("security_definer_view", "ERROR", """
          select format('%I.%I', n.nspname, c.relname), 'exposed view runs with its owner''s rights (no security_invoker=on)'
          from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where c.relkind = 'v' and n.nspname = any (?)
            and not coalesce(c.reloptions::text[] && array['security_invoker=on', 'security_invoker=true', 'security_invoker=1'], false)
            and (has_table_privilege('anon', c.oid, 'SELECT') or has_table_privilege('authenticated', c.oid, 'SELECT'))"""),
      new Rule("auth_users_exposed", "ERROR", """
          select distinct format('%I.%I', n.nspname, c.relname), 'exposed view depends on auth.users'
          from pg_class c join pg_namespace n on n.oid = c.relnamespace
          join pg_rewrite r on r.ev_class = c.oid
          join pg_depend d on d.objid = r.oid and d.refobjid = 'auth.users'::regclass
          where c.relkind in ('v', 'm') and n.nspname = any (?)
            and (has_table_privilege('anon', c.oid, 'SELECT') or has_table_privilege('authenticated', c.oid, 'SELECT'))"""),
      new Rule("materialized_view_in_api", "WARN", """
          select format('%I.%I', n.nspname, c.relname), 'materialized views cannot have RLS'
          from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where c.relkind = 'm' and n.nspname = any (?)
            and (has_table_privilege('anon', c.oid, 'SELECT') or has_table_privilege('authenticated', c.oid, 'SELECT'))"""),
      new Rule("function_search_path_mutable", "WARN", """
          select format('%I.%I(%s)', n.nspname, p.proname, pg_get_function_identity_arguments(p.oid)), 'no search_path set'
          from pg_proc p join pg_namespace n on n.oid = p.pronamespace
          where n.nspname not in""" + MANAGED + """
            and n.nspname not like 'pg_temp%'
            and not exists (select 1 from pg_depend d where d.objid = p.oid and d.deptype = 'e')
            and not coalesce(exists (select 1 from unnest(p.proconfig) cfg where cfg like 'search_path=%'), false)"""),
      new Rule("security_definer_function_executable", "WARN", """
          select format('%I.%I(%s)', n.nspname, p.proname, pg_get_function_identity_arguments(p.oid)),
                 'SECURITY DEFINER function in an exposed schema callable by anon/authenticated'
          from pg_proc p join pg_namespace n on n.oid = p.pronamespace
          where p.prosecdef and n.nspname = any (?)
            and (has_function_privilege('anon', p.oid, 'EXECUTE') or has_function_privilege('authenticated', p.oid, 'EXECUTE'))"""),
      new Rule("auth_rls_initplan", "WARN", """
          select format('%I.%I policy %I', p.schemaname, p.tablename, p.policyname), 'calls ' || f || ' per row: wrap it in (select ...)'
          from pg_policies p
          cross join unnest(array['auth.uid()', 'auth.jwt()', 'auth.role()', 'auth.email()', 'current_setting(']) f
          where p.schemaname not in""" + MANAGED + """
            and (array_length(string_to_array(coalesce(p.qual, '') || ' ' || coalesce(p.with_check, ''), f), 1) - 1)
              > (array_length(string_to_array(lower(coalesce(p.qual, '') || ' ' || coalesce(p.with_check, '')), lower('select ' || f)), 1) - 1)"""),
      new Rule("multiple_permissive_policies", "WARN", """
          select format('%I.%I', p.schemaname, p.tablename), format('%s permissive policies for %s on %s: %s', count(*), r, a, string_agg(p.policyname, ', '))
          from pg_policies p
          cross join unnest(p.roles) r
          cross join unnest(case when p.cmd = 'ALL' then array['SELECT', 'INSERT', 'UPDATE', 'DELETE'] else array[p.cmd] end) a
          where p.permissive = 'PERMISSIVE' and p.schemaname not in""" + MANAGED + """
          group by p.schemaname, p.tablename, r, a having count(*) > 1"""),
      new Rule("rls_references_user_metadata", "ERROR", """
          select format('%I.%I policy %I', p.schemaname, p.tablename, p.policyname), 'authorises on user-editable user_metadata'
          from pg_policies p
          where coalesce(p.qual, '') || coalesce(p.with_check, '') ilike '%user_metadata%'"""),
      new Rule("rls_policy_always_true", "WARN", """
          select format('%I.%I policy %I', p.schemaname, p.tablename, p.policyname), 'always-true policy on ' || p.cmd
          from pg_policies p
          where p.permissive = 'PERMISSIVE' and p.schemaname not in""" + MANAGED + """
            and (p.roles && array['anon', 'authenticated', 'public']::name[])
            and ((p.cmd in ('UPDATE', 'DELETE', 'ALL') and lower(coalesce(p.qual, '')) in ('true', '(1 = 1)'))
              or (p.cmd in ('INSERT', 'UPDATE', 'ALL') and lower(coalesce(p.with_check, '')) in ('true', '(1 = 1)'))
              or (p.cmd = 'INSERT' and p.with_check is null))"""),
      new Rule("duplicate_index", "WARN", """
          select format('%I.%I', n.nspname, c.relname), 'identical indexes: ' || string_agg(i.indexrelid::regclass::text, ', ')
          from pg_index i join pg_class c on c.oid = i.indrelid join pg_namespace n on n.oid = c.relnamespace
          where n.nspname not in""" + MANAGED + """
          group by n.nspname, c.relname, i.indrelid, i.indkey::text, i.indclass::text, i.indcollation::text,
                   coalesce(pg_get_expr(i.indexprs, i.indrelid), ''), coalesce(pg_get_expr(i.indpred, i.indrelid), '')
          having count(*) > 1"""),
      new Rule("extension_in_public", "WARN", """
          select e.extname, 'extension installed in public'
          from pg_extension e join pg_namespace n on n.oid = e.extnamespace
          where n.nspname = 'public' and e.extname <> 'plpgsql'"""),
      new Rule("unindexed_foreign_keys", "INFO", """
          select format('%I.%I.%I', n.nspname, c.relname, con.conname), 'no index starts with the foreign key columns'
          from pg_constraint con join pg_class c on c.oid = con.conrelid join pg_namespace n on n.oid = c.relnamespace
          where con.contype = 'f' and n.nspname not in""" + MANAGED + """
            and not exists (
              select 1 from pg_index i
              where i.indrelid = con.conrelid
                and (i.indkey::int2[])[0:array_length(con.conkey, 1) - 1] @> con.conkey
                and (i.indkey::int2[])[0:array_length(con.conkey, 1) - 1] <@ con.conkey)"""),
      new Rule("rls_enabled_no_policy", "INFO", """
          select format('%I.%I', n.nspname, c.relname), 'RLS on but no policy: the API sees no rows'
          from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where c.relkind in ('r', 'p') and c.relrowsecurity and n.nspname = any (?)
            and not exists (select 1 from pg_policy p where p.polrelid = c.oid)"""),
      new Rule("no_primary_key", "INFO", """
          select format('%I.%I', n.nspname, c.relname), 'table has no primary key'
          from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where c.relkind = 'r' and n.nspname not in""" + MANAGED + """
            and not exists (select 1 from pg_constraint k where k.conrelid = c.oid and k.contype = 'p')"""));

  private SupabaseAdvisor() {}

  /** Every finding on the database behind {@code c}, with {@code exposedSchemas} as PostgREST serves them. */
  public static List<AdvisorFinding> check(Connection c, String... exposedSchemas) throws SQLException {
    List<AdvisorFinding> findings = new ArrayList<>();
    for (Rule rule : RULES) {
      try (PreparedStatement ps = c.prepareStatement(rule.sql())) {
        for (int i = 1; i <= ps.getParameterMetaData().getParameterCount(); i++) {
          ps.setArray(i, c.createArrayOf("text", exposedSchemas));
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            findings.add(new AdvisorFinding(rule.lint(), rule.level(), rs.getString(1), rs.getString(2)));
          }
        }
      }
    }
    return findings;
  }

  /** {@link #check} on {@code db} with {@code public} exposed. */
  public static List<AdvisorFinding> check(LocalDatabase db) {
    return db.inTransaction(Identity.superuser(), c -> check(c, "public"));
  }
}
