-- V30: which plans are day passes (issue #27). eSIM Access sells day-pass plans (its dataType 2)
-- for a number of days chosen per order (periodNum, 1 to 365); what it does when an order of one
-- leaves periodNum out is undocumented. The catalogue keeps the provider's data type so the
-- fulfiller always sends periodNum for a day pass: the plan's own duration, what the customer bought.

alter table public.esim_packages add column if not exists data_type smallint;
do $$
begin
  if not exists (select 1 from pg_catalog.pg_constraint where conname = 'esim_packages_data_type_known') then
    alter table public.esim_packages add constraint esim_packages_data_type_known check (data_type is null or data_type in (1, 2));
  end if;
end
$$;

insert into private.column_decisions (table_name, column_name, decision) values ('esim_packages', 'data_type', 'admin')
on conflict (table_name, column_name) do update set decision = excluded.decision;

select private.apply_column_decisions();
