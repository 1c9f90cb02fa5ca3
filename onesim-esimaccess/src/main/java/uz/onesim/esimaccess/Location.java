package uz.onesim.esimaccess;

import com.fasterxml.jackson.annotation.JsonAlias;
import java.util.List;

/** A supported country ({@code type} 1) or region ({@code type} 2 with its member countries). */
public record Location(String code, String name, int type, @JsonAlias("subLocation") List<SubLocation> subLocationList) {
  /** A country of a regional location. */
  public record SubLocation(String code, String name) {}
}
