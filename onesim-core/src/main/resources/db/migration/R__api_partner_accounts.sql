-- API functions: partner accounts: admin ledger entries and monthly statements.
-- Repeatable (Flyway runs it after every versioned migration and again whenever it changes): the
-- current definition of each API function lives in one R__api_* file; versioned files hold tables,
-- data, triggers, helpers and policies. Plain SQL, safe to run again with psql (docs/architecture.md).

create or replace function public.partner_account_entry(p_partner_id uuid, p_kind text, p_amount numeric,
  p_reference text default null, p_reason text default null)
returns public.partner_ledger
language sql security invoker
set search_path = ''
as $$
  select * from private.partner_account_entry(p_partner_id, p_kind, p_amount, p_reference, p_reason)
$$;
revoke all on function public.partner_account_entry(uuid, text, numeric, text, text) from public, anon;
grant execute on function public.partner_account_entry(uuid, text, numeric, text, text) to authenticated, service_role;

create or replace function public.partner_statement(p_month date, p_partner_id uuid default null)
returns jsonb
language plpgsql stable
security invoker
set search_path = ''
as $$
declare
  v_partner uuid := coalesce(p_partner_id, private.current_partner_id());
  v_from timestamptz := pg_catalog.date_trunc('month', p_month::timestamp) at time zone 'UTC';
  v_to timestamptz := (pg_catalog.date_trunc('month', p_month::timestamp) + interval '1 month') at time zone 'UTC';
  v_out jsonb;
begin
  if v_partner is null then
    perform private.fail('403', 'not_a_partner', 'only partners (or admins naming one) have statements', 'partner_id');
  end if;
  if not exists (select 1 from public.partners p where p.id = v_partner) then
    perform private.fail('404', 'unknown_partner', 'no such partner among those you may see', 'partner_id');
  end if;
  select pg_catalog.jsonb_build_object(
    'partner_id', v_partner,
    'month', pg_catalog.to_char(v_from at time zone 'UTC', 'YYYY-MM'),
    'opening_usd', (select coalesce(pg_catalog.sum(l.amount_usd), 0) from public.partner_ledger l
                    where l.partner_id = v_partner and l.created_at < v_from),
    'top_ups_usd', coalesce(pg_catalog.sum(l.amount_usd) filter (where l.kind = 'top_up'), 0),
    'purchases_count', pg_catalog.count(*) filter (where l.kind = 'purchase'),
    'purchases_paid_usd', coalesce(-pg_catalog.sum(l.amount_usd) filter (where l.kind = 'purchase'), 0),
    'purchases_retail_usd', coalesce(pg_catalog.sum(o.retail_price_override_usd) filter (where l.kind = 'purchase'), 0),
    'purchases_discount_usd', coalesce(pg_catalog.sum(o.discount_amount_usd) filter (where l.kind = 'purchase'), 0),
    'purchases_paid_uzs', coalesce(pg_catalog.sum(o.price_uzs) filter (where l.kind = 'purchase'), 0),
    'purchases_discount_uzs', coalesce(pg_catalog.sum(o.discount_amount_uzs) filter (where l.kind = 'purchase'), 0),
    'refunds_usd', coalesce(pg_catalog.sum(l.amount_usd) filter (where l.kind = 'refund'), 0),
    'adjustments_usd', coalesce(pg_catalog.sum(l.amount_usd) filter (where l.kind = 'adjustment'), 0),
    'closing_usd', (select coalesce(pg_catalog.sum(l2.amount_usd), 0) from public.partner_ledger l2
                    where l2.partner_id = v_partner and l2.created_at < v_to))
  into v_out
  from public.partner_ledger l
  left join public.orders o on o.id = l.order_id
  where l.partner_id = v_partner and l.created_at >= v_from and l.created_at < v_to;
  return v_out;
end
$$;
revoke all on function public.partner_statement(date, uuid) from public, anon;
grant execute on function public.partner_statement(date, uuid) to authenticated, service_role;

-- The integration credentials of the caller's partner (admins and the backend: of p_partner_id),
-- newest first, with when each last signed in. Secrets are never stored here.
create or replace function public.partner_credentials_list(p_partner_id uuid default null)
returns table (id uuid, label text, created_by uuid, created_at timestamptz, revoked_at timestamptz,
               last_sign_in_at timestamptz)
language plpgsql stable
security invoker
set search_path = ''
as $$
declare
  v_partner uuid := coalesce(p_partner_id, private.current_partner_id());
begin
  if v_partner is null then
    perform private.fail('403', 'not_a_partner', 'only a partner (or an admin naming one) has credentials', 'partner_id');
  end if;
  return query
  select c.id, c.label::text, c.created_by, c.created_at, c.revoked_at, s.last_sign_in_at
  from public.partner_credentials c
  left join private.credential_last_sign_ins(v_partner) s on s.credential_id = c.id
  where c.partner_id = v_partner
  order by c.created_at desc, c.id;
end
$$;
revoke all on function public.partner_credentials_list(uuid) from public, anon;
grant execute on function public.partner_credentials_list(uuid) to authenticated, service_role;
