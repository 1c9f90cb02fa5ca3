package uz.onesim.testkit.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uz.onesim.testkit.LocalDatabase;
import uz.onesim.testkit.LocalPostgres;

/**
 * docs/schema.md is rendered from the migrated database: per table its columns, types, write
 * decisions, policies and grants. Fails when the committed file is stale; regenerate with
 * {@code ./mvnw -q -pl schema-tests test -Dtest=SchemaReferenceTest -Donesim.writeSchema=true}.
 */
class SchemaReferenceTest {
  static final Path DOC = Path.of("..", "docs", "schema.md");

  static String render(LocalDatabase db) {
    StringBuilder out = new StringBuilder("""
        # Schema reference

        Generated from the migrated database by `SchemaReferenceTest` (do not edit by hand: the test
        fails when this file is stale; see the class comment to regenerate). Write decisions: `client`
        (the row's owner through the API), `admin`, `backend` (service role), `definer` (only OneSIM's
        own functions and triggers), `computed`, `fixed` (set once on insert). How they are enforced:
        [security.md](security.md); the files: [migrations.md](migrations.md).
        """);
    for (String t : Db.tablesOf(db)) {
      out.append("\n## ").append(t).append("\n\n");
      Map<String, Object> meta = db.query(Db.OWNER, """
          select c.relrowsecurity as rls, coalesce(obj_description(c.oid, 'pg_class'), '') as comment
          from pg_class c where c.oid = ('public.' || ?)::regclass""", t).get(0);
      out.append("Row level security: ").append((Boolean) meta.get("rls") ? "on" : "**off**").append(".");
      List<Map<String, Object>> grants = db.query(Db.OWNER, """
          select grantee, string_agg(privilege_type, ', ' order by privilege_type) as privileges
          from information_schema.role_table_grants
          where table_schema = 'public' and table_name = ? and grantee in ('anon', 'authenticated', 'service_role')
          group by grantee order by grantee""", t);
      out.append(" Grants: ");
      out.append(grants.isEmpty() ? "none" : String.join("; ", grants.stream()
          .map(g -> "`" + g.get("grantee") + "` " + g.get("privileges")).toList()));
      out.append(".\n\n| column | type | null | decision |\n|---|---|---|---|\n");
      for (Map<String, Object> c : db.query(Db.OWNER, """
          select ic.column_name, ic.data_type ||
                   case when ic.character_maximum_length is not null then '(' || ic.character_maximum_length || ')'
                        when ic.numeric_precision is not null and ic.data_type = 'numeric' then '(' || ic.numeric_precision || ',' || ic.numeric_scale || ')'
                        else '' end as type,
                 ic.is_nullable, coalesce(d.decision, '**none**') as decision
          from information_schema.columns ic
          left join private.column_decisions d on d.table_name = ic.table_name and d.column_name = ic.column_name
          where ic.table_schema = 'public' and ic.table_name = ? order by ic.ordinal_position""", t)) {
        out.append("| `").append(c.get("column_name")).append("` | ").append(c.get("type")).append(" | ")
            .append("YES".equals(c.get("is_nullable")) ? "yes" : "no").append(" | ").append(c.get("decision")).append(" |\n");
      }
      List<Map<String, Object>> policies = db.query(Db.OWNER, """
          select policyname, cmd, array_to_string(roles, ', ') as roles, coalesce(qual, '') as using_expr,
                 coalesce(with_check, '') as check_expr
          from pg_policies where schemaname = 'public' and tablename = ? order by policyname""", t);
      out.append("\nPolicies:");
      if (policies.isEmpty()) {
        out.append(" none.\n");
      } else {
        out.append("\n\n");
        for (Map<String, Object> p : policies) {
          out.append("- `").append(p.get("policyname")).append("` ").append(p.get("cmd")).append(" to ").append(p.get("roles"));
          if (!((String) p.get("using_expr")).isEmpty()) {
            out.append(" using `").append(oneLine((String) p.get("using_expr"))).append("`");
          }
          if (!((String) p.get("check_expr")).isEmpty()) {
            out.append(" with check `").append(oneLine((String) p.get("check_expr"))).append("`");
          }
          out.append("\n");
        }
      }
    }
    return out.toString();
  }

  static String oneLine(String sql) {
    return sql.replaceAll("\\s+", " ").trim();
  }

  @Test
  void theCommittedSchemaReferenceIsCurrent() throws IOException {
    String rendered = render(LocalPostgres.shared().freshDatabase(false));
    if (Boolean.getBoolean("onesim.writeSchema")) {
      Files.writeString(DOC, rendered);
    }
    assertThat(Files.exists(DOC)).as("docs/schema.md exists").isTrue();
    assertThat(Files.readString(DOC)).as("docs/schema.md is stale: regenerate it (see SchemaReferenceTest)").isEqualTo(rendered);
  }
}
