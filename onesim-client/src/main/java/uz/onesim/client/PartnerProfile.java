package uz.onesim.client;

import java.math.BigDecimal;
import java.util.UUID;

/** The signed-in partner's own account: terms and totals (read-only), contact fields (editable). */
public record PartnerProfile(UUID id, String companyName, String legalName, String businessEmail, String businessPhone,
    String website, String status, BigDecimal discountRate, BigDecimal customDiscountRate, BigDecimal effectiveDiscountRate,
    BigDecimal totalSpent, BigDecimal totalSavings, BigDecimal totalOrdersValueRetail, int totalOrders, int totalCustomers) {}
