-- What if the tables a purchase writes had no CHECK constraints? A floor, never a migration: it shows
-- what the value rules cost a purchase (PurchaseInstructionsBenchmark, docs/benchmarks.md).
-- Each statement ends with a semicolon and an empty line (single-user mode's -j).

do $$
begin
  execute (select pg_catalog.string_agg(pg_catalog.format('alter table %s drop constraint %I', c.conrelid::regclass, c.conname), '; ')
           from pg_catalog.pg_constraint c
           where c.contype = 'c' and c.conrelid = any (array['public.orders', 'public.partners', 'public.partner_ledger', 'public.partner_earnings', 'public.order_action_logs', 'private.idempotency_keys']::regclass[]));
end
$$;
