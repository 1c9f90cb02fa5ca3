-- V28: one spelling for a worker's claim on a row (issue #24): every table a backend worker claims
-- rows of carries lease_worker (who holds the row) and lease_until (until when). Before this,
-- orders said fulfilment_worker/fulfilment_lease_until, esim_alerts notice_worker/notice_lease_until,
-- provider_events and topups worker, and after_sale_requests recorded no worker at all (so a
-- worker whose lease had run out could still complete a request another worker had taken over).
--
-- Renaming keeps the stored values, the indexes and the policies (they follow the column). The
-- functions that use these columns live in R__api_* files and are re-created after this migration.

do $$
declare
  r record;
begin
  for r in select * from (values
      ('orders', 'fulfilment_worker', 'lease_worker'),
      ('orders', 'fulfilment_lease_until', 'lease_until'),
      ('esim_alerts', 'notice_worker', 'lease_worker'),
      ('esim_alerts', 'notice_lease_until', 'lease_until'),
      ('provider_events', 'worker', 'lease_worker'),
      ('topups', 'worker', 'lease_worker')) as t(tbl, old_name, new_name)
  loop
    if exists (select 1 from information_schema.columns c
               where c.table_schema = 'public' and c.table_name = r.tbl and c.column_name = r.old_name) then
      if exists (select 1 from information_schema.columns c
                 where c.table_schema = 'public' and c.table_name = r.tbl and c.column_name = r.new_name) then
        -- every file run again in order (psql, decision 0002): V8 re-added the old column, empty
        execute format('alter table public.%I drop column %I', r.tbl, r.old_name);
      else
        execute format('alter table public.%I rename column %I to %I', r.tbl, r.old_name, r.new_name);
      end if;
    end if;
    delete from private.column_decisions d
    where d.table_name = r.tbl and d.column_name = r.old_name
      and exists (select 1 from private.column_decisions n where n.table_name = r.tbl and n.column_name = r.new_name);
    update private.column_decisions d set column_name = r.new_name
    where d.table_name = r.tbl and d.column_name = r.old_name;
  end loop;
end
$$;

alter table public.after_sale_requests add column if not exists lease_worker varchar(64);
insert into private.column_decisions (table_name, column_name, decision)
values ('after_sale_requests', 'lease_worker', 'backend')
on conflict do nothing;

-- The after-sale functions now take the worker's name (R__api_after_sale.sql).
drop function if exists public.claim_after_sale_requests(integer, integer);
drop function if exists public.complete_after_sale_request(uuid, text, text);

select private.apply_column_decisions();
