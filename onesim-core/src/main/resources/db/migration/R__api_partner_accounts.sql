-- API functions: partner accounts: admin ledger entries and monthly statements.
-- Repeatable (Flyway runs it after every versioned migration and again whenever it changes): the
-- current definition of each API function lives in one R__api_* file; versioned files hold tables,
-- data, triggers, helpers and policies. Plain SQL, safe to run again with psql (docs/architecture.md).

-- Admins move money in and out of a partner's account; every entry is a ledger row. A funding is a
-- bank transfer in (positive, with its reference, at most private.max_single_funding()); an
-- adjustment is a signed correction with a reason that may not take the balance below the credit
-- floor. The partner row is locked first, like every balance path (docs/decisions/0009).
create or replace function private.max_single_funding() returns numeric
language sql immutable
set search_path = ''
as $$ select 1000000.00::numeric $$;
revoke all on function private.max_single_funding() from public;
grant execute on function private.max_single_funding() to authenticated, service_role;

create or replace function private.partner_account_entry(p_partner_id uuid, p_kind text, p_amount numeric, p_reference text,
  p_reason text)
returns public.partner_ledger
language plpgsql security definer
set search_path = ''
as $$
declare
  v_row public.partner_ledger%rowtype;
  v_partner public.partners%rowtype;
begin
  if not (private.is_admin() or private.is_backend()) then
    perform private.fail('403', 'admin_only', 'only administrators change partner accounts', null);
  end if;
  if p_kind is null or p_kind not in ('funding', 'adjustment') then
    perform private.fail('400', 'unknown_value', 'an admin entry is a funding or an adjustment', 'kind');
  end if;
  if p_amount is null or not (p_amount > '-Infinity'::numeric and p_amount < 'Infinity'::numeric) or p_amount = 0
     or p_amount <> pg_catalog.round(p_amount, 2) or (p_kind = 'funding' and p_amount < 0) then
    perform private.fail('400', 'invalid_amount', 'a funding is a positive USD amount in cents; an adjustment is non-zero', 'amount');
  end if;
  if pg_catalog.abs(p_amount) > private.max_single_funding() then
    perform private.fail('400', 'invalid_amount',
      pg_catalog.format('one entry moves at most %s USD; split a larger transfer', private.max_single_funding()), 'amount');
  end if;
  if p_kind = 'funding' and (p_reference is null or pg_catalog.btrim(p_reference) = '') then
    perform private.fail('400', 'required', 'a funding needs the bank reference', 'reference');
  end if;
  if p_kind = 'adjustment' and (p_reason is null or pg_catalog.btrim(p_reason) = '') then
    perform private.fail('400', 'required', 'an adjustment needs a reason', 'reason');
  end if;
  select * into v_partner from public.partners p where p.id = p_partner_id for no key update;
  if not found then
    perform private.fail('404', 'unknown_partner', 'no such partner', 'partner_id');
  end if;
  if v_partner.balance_usd + p_amount < -v_partner.credit_limit_usd then
    perform private.fail('409', 'below_credit_floor',
      pg_catalog.format('the balance would be %s USD, below the credit floor of -%s USD', v_partner.balance_usd + p_amount,
        v_partner.credit_limit_usd), 'amount');
  end if;
  insert into public.partner_ledger (partner_id, kind, amount_usd, reference, reason, created_by)
  values (p_partner_id, p_kind, p_amount, p_reference, p_reason, (select auth.uid()))
  returning * into v_row;
  return v_row;
end
$$;
revoke all on function private.partner_account_entry(uuid, text, numeric, text, text) from public, anon;
grant execute on function private.partner_account_entry(uuid, text, numeric, text, text) to authenticated, service_role;

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
    'funding_usd', coalesce(pg_catalog.sum(l.amount_usd) filter (where l.kind = 'funding'), 0),
    'purchases_count', pg_catalog.count(*) filter (where l.kind = 'purchase'),
    'purchases_paid_usd', coalesce(-pg_catalog.sum(l.amount_usd) filter (where l.kind = 'purchase'), 0),
    -- a purchase is an order or a top-up: retail - discount = paid holds over both, in USD and som
    'purchases_retail_usd', coalesce(pg_catalog.sum(coalesce(o.retail_price_override_usd, t.retail_usd)) filter (where l.kind = 'purchase'), 0),
    'purchases_discount_usd', coalesce(pg_catalog.sum(coalesce(o.discount_amount_usd, t.discount_usd)) filter (where l.kind = 'purchase'), 0),
    'purchases_paid_uzs', pg_catalog.round(coalesce(pg_catalog.sum(coalesce(o.price_uzs, t.paid_uzs)) filter (where l.kind = 'purchase'), 0), 0),
    'purchases_discount_uzs', pg_catalog.round(coalesce(pg_catalog.sum(coalesce(o.discount_amount_uzs, t.discount_uzs)) filter (where l.kind = 'purchase'), 0), 0),
    'refunds_usd', coalesce(pg_catalog.sum(l.amount_usd) filter (where l.kind = 'refund'), 0),
    'adjustments_usd', coalesce(pg_catalog.sum(l.amount_usd) filter (where l.kind = 'adjustment'), 0),
    'closing_usd', (select coalesce(pg_catalog.sum(l2.amount_usd), 0) from public.partner_ledger l2
                    where l2.partner_id = v_partner and l2.created_at < v_to))
  into v_out
  from public.partner_ledger l
  left join public.orders o on o.id = l.order_id
  left join public.topups t on t.id = l.topup_id
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
