-- V5: Row Level Security on every table in public, exact grants, one permissive policy per role
-- and action, every policy TO a named role and with auth functions wrapped in (select ...).
--
-- Who sees what:
-- * anon: the active catalogue and the FX rate; nothing else.
-- * customers: their own profile and their own b2c orders (and those orders' logs).
-- * partners: their own partner row, customers, groups, members, earnings and orders.
-- * admins (profiles.user_type = 'admin'): everything; they write through the same rules.
-- * service_role: bypasses RLS (the backend).
-- What columns API users may change is guarded by the triggers of V4 (private.guard_columns).

do $$
declare
  t text;
begin
  foreach t in array array['profiles', 'esim_packages', 'orders', 'order_action_logs', 'fx_rates', 'partners',
                           'partner_customers', 'customer_groups', 'customer_group_members', 'partner_earnings']
  loop
    execute pg_catalog.format('alter table public.%I enable row level security', t);
    execute pg_catalog.format('revoke all on table public.%I from anon, authenticated', t);
    execute pg_catalog.format('grant all on table public.%I to service_role', t);
  end loop;
end
$$;

-- Grants: RLS decides the rows, these decide the verbs.
grant select on public.esim_packages, public.fx_rates to anon;
grant select on public.profiles, public.esim_packages, public.orders, public.order_action_logs, public.fx_rates,
  public.partners, public.partner_customers, public.customer_groups, public.customer_group_members,
  public.partner_earnings to authenticated;
grant insert, update on public.profiles, public.orders, public.partners, public.partner_customers,
  public.customer_groups, public.customer_group_members, public.partner_earnings, public.fx_rates,
  public.esim_packages to authenticated;
grant delete on public.partner_customers, public.customer_groups, public.customer_group_members,
  public.partners to authenticated;

-- Drop the spec's leaky policies if an earlier hand-run migration created them.
drop policy if exists "Service role manages earnings" on public.partner_earnings;
drop policy if exists "Partners can manage own customers" on public.partner_customers;
drop policy if exists "Partners can view own customers" on public.partner_customers;
drop policy if exists "Partners can view own profile" on public.partners;
drop policy if exists "Partners can update own profile" on public.partners;
drop policy if exists "Admins can view all partners" on public.partners;
drop policy if exists "Users can view own orders" on public.orders;
drop policy if exists "Partners can create orders" on public.orders;
drop policy if exists "Partners can view own earnings" on public.partner_earnings;

-- profiles
drop policy if exists profiles_select on public.profiles;
create policy profiles_select on public.profiles for select to authenticated
  using (id = (select auth.uid()) or (select private.is_admin()));
drop policy if exists profiles_insert on public.profiles;
create policy profiles_insert on public.profiles for insert to authenticated
  with check (id = (select auth.uid()) or (select private.is_admin()));
drop policy if exists profiles_update on public.profiles;
create policy profiles_update on public.profiles for update to authenticated
  using (id = (select auth.uid()) or (select private.is_admin()))
  with check (id = (select auth.uid()) or (select private.is_admin()));

-- esim_packages: the public catalogue; admins also see inactive packages and maintain it.
drop policy if exists esim_packages_select_anon on public.esim_packages;
create policy esim_packages_select_anon on public.esim_packages for select to anon
  using (is_active);
drop policy if exists esim_packages_select on public.esim_packages;
create policy esim_packages_select on public.esim_packages for select to authenticated
  using (is_active or (select private.is_admin()));
drop policy if exists esim_packages_insert on public.esim_packages;
create policy esim_packages_insert on public.esim_packages for insert to authenticated
  with check ((select private.is_admin()));
drop policy if exists esim_packages_update on public.esim_packages;
create policy esim_packages_update on public.esim_packages for update to authenticated
  using ((select private.is_admin())) with check ((select private.is_admin()));

-- fx_rates: readable by all; admins add rates.
drop policy if exists fx_rates_select_anon on public.fx_rates;
create policy fx_rates_select_anon on public.fx_rates for select to anon using (true);
drop policy if exists fx_rates_select on public.fx_rates;
create policy fx_rates_select on public.fx_rates for select to authenticated using (true);
drop policy if exists fx_rates_insert on public.fx_rates;
create policy fx_rates_insert on public.fx_rates for insert to authenticated
  with check ((select private.is_admin()));
drop policy if exists fx_rates_update on public.fx_rates;
create policy fx_rates_update on public.fx_rates for update to authenticated
  using ((select private.is_admin())) with check ((select private.is_admin()));

-- partners
drop policy if exists partners_select on public.partners;
create policy partners_select on public.partners for select to authenticated
  using (id = (select private.current_partner_id()) or (select private.is_admin()));
drop policy if exists partners_insert on public.partners;
create policy partners_insert on public.partners for insert to authenticated
  with check ((select private.is_admin()));
drop policy if exists partners_update on public.partners;
create policy partners_update on public.partners for update to authenticated
  using (id = (select private.current_partner_id()) or (select private.is_admin()))
  with check (id = (select private.current_partner_id()) or (select private.is_admin()));
drop policy if exists partners_delete on public.partners;
create policy partners_delete on public.partners for delete to authenticated
  using ((select private.is_admin()));

-- partner_customers, customer_groups: the partner's own (one FOR ALL policy each).
drop policy if exists partner_customers_all on public.partner_customers;
create policy partner_customers_all on public.partner_customers for all to authenticated
  using (partner_id = (select private.current_partner_id()) or (select private.is_admin()))
  with check (partner_id = (select private.current_partner_id()) or (select private.is_admin()));
drop policy if exists customer_groups_all on public.customer_groups;
create policy customer_groups_all on public.customer_groups for all to authenticated
  using (partner_id = (select private.current_partner_id()) or (select private.is_admin()))
  with check (partner_id = (select private.current_partner_id()) or (select private.is_admin()));
drop policy if exists customer_group_members_all on public.customer_group_members;
create policy customer_group_members_all on public.customer_group_members for all to authenticated
  using (group_id in (select g.id from public.customer_groups g where g.partner_id = (select private.current_partner_id()))
         or (select private.is_admin()))
  with check (group_id in (select g.id from public.customer_groups g where g.partner_id = (select private.current_partner_id()))
              or (select private.is_admin()));

-- orders: customers their b2c orders, partners their partner's orders, admins all. No deletes.
drop policy if exists orders_select on public.orders;
create policy orders_select on public.orders for select to authenticated
  using ((source_type = 'b2c' and user_id = (select auth.uid()))
         or partner_id = (select private.current_partner_id())
         or (select private.is_admin()));
drop policy if exists orders_insert on public.orders;
create policy orders_insert on public.orders for insert to authenticated
  with check ((source_type = 'b2c' and user_id = (select auth.uid()) and partner_id is null)
              or (source_type = 'b2b_partner' and user_id = (select auth.uid())
                  and partner_id = (select private.current_partner_id()))
              or (select private.is_admin()));
drop policy if exists orders_update on public.orders;
create policy orders_update on public.orders for update to authenticated
  using ((source_type = 'b2c' and user_id = (select auth.uid()))
         or partner_id = (select private.current_partner_id())
         or (select private.is_admin()))
  with check ((source_type = 'b2c' and user_id = (select auth.uid()))
              or partner_id = (select private.current_partner_id())
              or (select private.is_admin()));

-- order_action_logs: visible with the order; written only by the audit trigger.
drop policy if exists order_action_logs_select on public.order_action_logs;
create policy order_action_logs_select on public.order_action_logs for select to authenticated
  using (order_id in (select o.id from public.orders o));

-- partner_earnings: the partner reads its own and logs its sell price; admins change the rest.
-- (No USING (TRUE) policy: the service_role bypasses RLS and needs none.)
drop policy if exists partner_earnings_select on public.partner_earnings;
create policy partner_earnings_select on public.partner_earnings for select to authenticated
  using (partner_id = (select private.current_partner_id()) or (select private.is_admin()));
drop policy if exists partner_earnings_insert on public.partner_earnings;
create policy partner_earnings_insert on public.partner_earnings for insert to authenticated
  with check ((select private.is_admin()));
drop policy if exists partner_earnings_update on public.partner_earnings;
create policy partner_earnings_update on public.partner_earnings for update to authenticated
  using (partner_id = (select private.current_partner_id()) or (select private.is_admin()))
  with check (partner_id = (select private.current_partner_id()) or (select private.is_admin()));
