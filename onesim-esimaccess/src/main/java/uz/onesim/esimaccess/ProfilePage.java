package uz.onesim.esimaccess;

import java.util.List;

/** A page of {@code esim/query}: the profiles and the pager ({@code total} = all matching profiles). */
public record ProfilePage(List<EsimProfile> esimList, Pager pager) {
  public ProfilePage {
    esimList = esimList == null ? List.of() : List.copyOf(esimList);
  }

  /** Page number (from 1), page size, total profiles. */
  public record Pager(int pageNum, int pageSize, long total) {}
}
