package uz.onesim.testkit.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import uz.onesim.testkit.AdvisorFinding;
import uz.onesim.testkit.LocalDatabase;
import uz.onesim.testkit.LocalPostgres;
import uz.onesim.testkit.SupabaseAdvisor;

/** The schema passes the advisor rules; and each rule really catches what it describes. */
class AdvisorTest {

  @Test
  void migratedSchemaHasNoErrorsWarningsOrUnindexedForeignKeys() {
    List<AdvisorFinding> findings = SupabaseAdvisor.check(LocalPostgres.shared().freshDatabase(true));
    assertThat(findings).as("advisor findings").isEmpty();
  }

  @Test
  void eachRuleCatchesItsViolation() {
    LocalDatabase db = LocalPostgres.shared().freshDatabase();
    db.executeScript("""
        create table public.leaky (id int primary key, owner uuid, note text);
        grant select on public.leaky to anon;
        create table public.locked (id int primary key, parent int references public.leaky (id));
        alter table public.locked enable row level security;
        create view public.leaky_view as select * from public.partners;
        grant select on public.leaky_view to authenticated;
        create view public.users_view with (security_invoker = on) as select id, email from auth.users;
        grant select on public.users_view to authenticated;
        create function public.no_path() returns int language sql as 'select 1';
        create function public.definer() returns int language sql security definer set search_path = '' as 'select 1';
        create policy slow on public.partners for select to authenticated using (user_id = auth.uid());
        create policy meta on public.orders for select to authenticated
          using ((select auth.jwt()) -> 'user_metadata' ->> 'vip' = 'yes');
        create policy open_update on public.fx_rates for delete to authenticated using (true);
        create index dup_a on public.fx_rates (source);
        create index dup_b on public.fx_rates (source);
        create table public.no_pk (x int);
        alter table public.no_pk enable row level security;
        create policy no_pk_read on public.no_pk for select to authenticated using (true);
        """);
    List<AdvisorFinding> findings = SupabaseAdvisor.check(db);
    assertThat(findings).extracting(f -> f.lint() + " " + f.object()).contains(
        "rls_disabled_in_public public.leaky",
        "security_definer_view public.leaky_view",
        "auth_users_exposed public.users_view",
        "function_search_path_mutable public.no_path()",
        "security_definer_function_executable public.definer()",
        "auth_rls_initplan public.partners policy slow",
        "multiple_permissive_policies public.partners",
        "multiple_permissive_policies public.orders",
        "rls_references_user_metadata public.orders policy meta",
        "rls_policy_always_true public.fx_rates policy open_update",
        "duplicate_index public.fx_rates",
        "unindexed_foreign_keys public.locked.locked_parent_fkey",
        "rls_enabled_no_policy public.locked",
        "no_primary_key public.no_pk");
  }
}
