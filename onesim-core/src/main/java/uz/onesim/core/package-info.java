/**
 * The pure OneSIM domain: exact discount math ({@link uz.onesim.core.DiscountRate},
 * {@link uz.onesim.core.PriceQuote}, {@link uz.onesim.core.GroupQuote}), purchase limits and contact rules
 * ({@link uz.onesim.core.OrderRules}, {@link uz.onesim.core.ContactRules}), where orders come from
 * ({@link uz.onesim.core.OrderSource}), lifecycles ({@link uz.onesim.core.OrderStatus},
 * {@link uz.onesim.core.EarningStatus}) and the SDK's typed errors
 * ({@link uz.onesim.core.OneSimException}).
 *
 * <p>No HTTP, JSON or JDBC here: every other module builds on this one. The schema migrations ship
 * with this module as resources under {@code db/migration}.
 */
package uz.onesim.core;
