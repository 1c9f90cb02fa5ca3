package uz.onesim.esimaccess;

import javax.money.MonetaryAmount;

/**
 * One catalogue entry of {@code package/list}. Prices are in provider units (1/10 000 USD); use
 * {@link #wholesalePrice()}. Volumes are bytes; durations are in {@code durationUnit} (DAY).
 */
@com.fasterxml.jackson.databind.annotation.JsonDeserialize(builder = EsimPackage.Builder.class)
@com.fasterxml.jackson.annotation.JsonAutoDetect(fieldVisibility = com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.ANY,
    getterVisibility = com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.NONE,
    isGetterVisibility = com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.NONE)
public final class EsimPackage {
  private final String packageCode;
  private final String slug;
  private final String name;
  private final long price;
  private final String currencyCode;
  private final long volume;
  private final Integer smsStatus;
  private final Integer dataType;
  private final Integer unusedValidTime;
  private final Integer duration;
  private final String durationUnit;
  private final String location;
  private final String locationCode;
  private final String description;
  private final Integer activeType;
  private final Long retailPrice;
  private final String speed;
  private final String ipExport;
  private final Integer supportTopUpType;
  private final String fupPolicy;
  private final java.util.List<LocationNetwork> locationNetworkList;
  private final Boolean favorite;

  private EsimPackage(Builder b) {
    this.packageCode = b.packageCode;
    this.slug = b.slug;
    this.name = b.name;
    this.price = b.price;
    this.currencyCode = b.currencyCode;
    this.volume = b.volume;
    this.smsStatus = b.smsStatus;
    this.dataType = b.dataType;
    this.unusedValidTime = b.unusedValidTime;
    this.duration = b.duration;
    this.durationUnit = b.durationUnit;
    this.location = b.location;
    this.locationCode = b.locationCode;
    this.description = b.description;
    this.activeType = b.activeType;
    this.retailPrice = b.retailPrice;
    this.speed = b.speed;
    this.ipExport = b.ipExport;
    this.supportTopUpType = b.supportTopUpType;
    this.fupPolicy = b.fupPolicy;
    this.locationNetworkList = b.locationNetworkList;
    this.favorite = b.favorite;
  }

  /** A builder with every field unset (null, 0 or false). New fields may be added to it in any release. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this package's fields, to change some of them. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.packageCode = packageCode;
    b.slug = slug;
    b.name = name;
    b.price = price;
    b.currencyCode = currencyCode;
    b.volume = volume;
    b.smsStatus = smsStatus;
    b.dataType = dataType;
    b.unusedValidTime = unusedValidTime;
    b.duration = duration;
    b.durationUnit = durationUnit;
    b.location = location;
    b.locationCode = locationCode;
    b.description = description;
    b.activeType = activeType;
    b.retailPrice = retailPrice;
    b.speed = speed;
    b.ipExport = ipExport;
    b.supportTopUpType = supportTopUpType;
    b.fupPolicy = fupPolicy;
    b.locationNetworkList = locationNetworkList;
    b.favorite = favorite;
    return b;
  }

  /** {@code packageCode}. */
  public String packageCode() {
    return packageCode;
  }

  /** {@code slug}. */
  public String slug() {
    return slug;
  }

  /** {@code name}. */
  public String name() {
    return name;
  }

  /** {@code price}. */
  public long price() {
    return price;
  }

  /** {@code currencyCode}. */
  public String currencyCode() {
    return currencyCode;
  }

  /** {@code volume}. */
  public long volume() {
    return volume;
  }

  /** {@code smsStatus}. */
  public Integer smsStatus() {
    return smsStatus;
  }

  /** {@code dataType}. */
  public Integer dataType() {
    return dataType;
  }

  /** {@code unusedValidTime}. */
  public Integer unusedValidTime() {
    return unusedValidTime;
  }

  /** {@code duration}. */
  public Integer duration() {
    return duration;
  }

  /** {@code durationUnit}. */
  public String durationUnit() {
    return durationUnit;
  }

  /** {@code location}. */
  public String location() {
    return location;
  }

  /** {@code locationCode}. */
  public String locationCode() {
    return locationCode;
  }

  /** {@code description}. */
  public String description() {
    return description;
  }

  /** {@code activeType}. */
  public Integer activeType() {
    return activeType;
  }

  /** {@code retailPrice}. */
  public Long retailPrice() {
    return retailPrice;
  }

  /** {@code speed}. */
  public String speed() {
    return speed;
  }

  /** {@code ipExport}. */
  public String ipExport() {
    return ipExport;
  }

  /** {@code supportTopUpType}. */
  public Integer supportTopUpType() {
    return supportTopUpType;
  }

  /** {@code fupPolicy}. */
  public String fupPolicy() {
    return fupPolicy;
  }

  /** The countries covered and their operators, as the provider lists them. */
  public java.util.List<LocationNetwork> locationNetworkList() {
    return locationNetworkList;
  }

  /** Whether the package is marked favourite in the provider's console, or null. */
  public Boolean favorite() {
    return favorite;
  }


  /** A country the package works in, with its networks ({@code locationNetworkList[]}). */
  public record LocationNetwork(String locationName, String locationLogo, String locationCode, java.util.List<Operator> operatorList) {}

  /** A mobile network of a country: {@code operatorName} and its {@code networkType} (e.g. {@code 4G/5G}). */
  public record Operator(String operatorName, String networkType) {}

  /**
   * The ISO country codes the package covers, sorted: from {@code locationNetworkList} when the
   * provider sent it, else the package's own code when it is a country, else the comma list in
   * {@code location} (regional packages).
   */
  public java.util.List<String> coveredCountries() {
    java.util.TreeSet<String> out = new java.util.TreeSet<>();
    if (locationNetworkList != null) {
      locationNetworkList.stream().map(LocationNetwork::locationCode).filter(EsimPackage::isCountry).forEach(out::add);
    }
    if (out.isEmpty() && isCountry(locationCode)) {
      out.add(locationCode);
    }
    if (out.isEmpty() && location != null) {
      java.util.Arrays.stream(location.split(",")).map(String::trim).filter(EsimPackage::isCountry).forEach(out::add);
    }
    return java.util.List.copyOf(out);
  }

  private static boolean isCountry(String code) {
    return code != null && code.matches("[A-Z]{2}");
  }

  /** What OneSIM pays the provider for one profile. */
  public MonetaryAmount wholesalePrice() {
    return ProviderMoney.toUsd(price);
  }

  /** The provider's suggested retail price, if it sent one. */
  public MonetaryAmount suggestedRetailPrice() {
    return retailPrice == null ? null : ProviderMoney.toUsd(retailPrice);
  }

  /** Whether the plan accepts top-ups ({@code supportTopUpType} 2 or 3). */
  public boolean supportsTopUp() {
    return supportTopUpType != null && (supportTopUpType == 2 || supportTopUpType == 3);
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof EsimPackage other)) {
      return false;
    }
    return java.util.Objects.equals(packageCode, other.packageCode)
        && java.util.Objects.equals(slug, other.slug)
        && java.util.Objects.equals(name, other.name)
        && price == other.price
        && java.util.Objects.equals(currencyCode, other.currencyCode)
        && volume == other.volume
        && java.util.Objects.equals(smsStatus, other.smsStatus)
        && java.util.Objects.equals(dataType, other.dataType)
        && java.util.Objects.equals(unusedValidTime, other.unusedValidTime)
        && java.util.Objects.equals(duration, other.duration)
        && java.util.Objects.equals(durationUnit, other.durationUnit)
        && java.util.Objects.equals(location, other.location)
        && java.util.Objects.equals(locationCode, other.locationCode)
        && java.util.Objects.equals(description, other.description)
        && java.util.Objects.equals(activeType, other.activeType)
        && java.util.Objects.equals(retailPrice, other.retailPrice)
        && java.util.Objects.equals(speed, other.speed)
        && java.util.Objects.equals(ipExport, other.ipExport)
        && java.util.Objects.equals(supportTopUpType, other.supportTopUpType)
        && java.util.Objects.equals(fupPolicy, other.fupPolicy)
        && java.util.Objects.equals(locationNetworkList, other.locationNetworkList)
        && java.util.Objects.equals(favorite, other.favorite);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(packageCode, slug, name, price, currencyCode, volume, smsStatus, dataType, unusedValidTime, duration, durationUnit, location, locationCode, description, activeType, retailPrice, speed, ipExport, supportTopUpType, fupPolicy, locationNetworkList, favorite);
  }

  @Override
  public String toString() {
    return "EsimPackage[" + "packageCode=" + packageCode
        + ", slug=" + slug
        + ", name=" + name
        + ", price=" + price
        + ", currencyCode=" + currencyCode
        + ", volume=" + volume
        + ", smsStatus=" + smsStatus
        + ", dataType=" + dataType
        + ", unusedValidTime=" + unusedValidTime
        + ", duration=" + duration
        + ", durationUnit=" + durationUnit
        + ", location=" + location
        + ", locationCode=" + locationCode
        + ", description=" + description
        + ", activeType=" + activeType
        + ", retailPrice=" + retailPrice
        + ", speed=" + speed
        + ", ipExport=" + ipExport
        + ", supportTopUpType=" + supportTopUpType
        + ", fupPolicy=" + fupPolicy
        + ", locationNetworkList=" + locationNetworkList
        + ", favorite=" + favorite + "]";
  }

  /** Builds a {@link EsimPackage}; unset fields stay null, 0 or false. */
  @com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder(withPrefix = "")
  @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
  public static final class Builder {
    private String packageCode;
    private String slug;
    private String name;
    private long price;
    private String currencyCode;
    private long volume;
    private Integer smsStatus;
    private Integer dataType;
    private Integer unusedValidTime;
    private Integer duration;
    private String durationUnit;
    private String location;
    private String locationCode;
    private String description;
    private Integer activeType;
    private Long retailPrice;
    private String speed;
    private String ipExport;
    private Integer supportTopUpType;
    private String fupPolicy;
    private java.util.List<LocationNetwork> locationNetworkList;
    private Boolean favorite;

    private Builder() {}

    /** Sets {@code packageCode}. */
    public Builder packageCode(String packageCode) {
      this.packageCode = packageCode;
      return this;
    }

    /** Sets {@code slug}. */
    public Builder slug(String slug) {
      this.slug = slug;
      return this;
    }

    /** Sets {@code name}. */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /** Sets {@code price}. */
    public Builder price(long price) {
      this.price = price;
      return this;
    }

    /** Sets {@code currencyCode}. */
    public Builder currencyCode(String currencyCode) {
      this.currencyCode = currencyCode;
      return this;
    }

    /** Sets {@code volume}. */
    public Builder volume(long volume) {
      this.volume = volume;
      return this;
    }

    /** Sets {@code smsStatus}. */
    public Builder smsStatus(Integer smsStatus) {
      this.smsStatus = smsStatus;
      return this;
    }

    /** Sets {@code dataType}. */
    public Builder dataType(Integer dataType) {
      this.dataType = dataType;
      return this;
    }

    /** Sets {@code unusedValidTime}. */
    public Builder unusedValidTime(Integer unusedValidTime) {
      this.unusedValidTime = unusedValidTime;
      return this;
    }

    /** Sets {@code duration}. */
    public Builder duration(Integer duration) {
      this.duration = duration;
      return this;
    }

    /** Sets {@code durationUnit}. */
    public Builder durationUnit(String durationUnit) {
      this.durationUnit = durationUnit;
      return this;
    }

    /** Sets {@code location}. */
    public Builder location(String location) {
      this.location = location;
      return this;
    }

    /** Sets {@code locationCode}. */
    public Builder locationCode(String locationCode) {
      this.locationCode = locationCode;
      return this;
    }

    /** Sets {@code description}. */
    public Builder description(String description) {
      this.description = description;
      return this;
    }

    /** Sets {@code activeType}. */
    public Builder activeType(Integer activeType) {
      this.activeType = activeType;
      return this;
    }

    /** Sets {@code retailPrice}. */
    public Builder retailPrice(Long retailPrice) {
      this.retailPrice = retailPrice;
      return this;
    }

    /** Sets {@code speed}. */
    public Builder speed(String speed) {
      this.speed = speed;
      return this;
    }

    /** Sets {@code ipExport}. */
    public Builder ipExport(String ipExport) {
      this.ipExport = ipExport;
      return this;
    }

    /** Sets {@code supportTopUpType}. */
    public Builder supportTopUpType(Integer supportTopUpType) {
      this.supportTopUpType = supportTopUpType;
      return this;
    }

    /** Sets {@code fupPolicy}. */
    public Builder fupPolicy(String fupPolicy) {
      this.fupPolicy = fupPolicy;
      return this;
    }

    /** Sets {@code locationNetworkList}. */
    public Builder locationNetworkList(java.util.List<LocationNetwork> locationNetworkList) {
      this.locationNetworkList = locationNetworkList;
      return this;
    }

    /** Sets {@code favorite}. */
    public Builder favorite(Boolean favorite) {
      this.favorite = favorite;
      return this;
    }

    /** The package. */
    public EsimPackage build() {
      return new EsimPackage(this);
    }
  }
}
