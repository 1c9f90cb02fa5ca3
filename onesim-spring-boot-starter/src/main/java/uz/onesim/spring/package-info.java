/**
 * The Spring Boot starter: {@code onesim.*} properties, an auto-configured {@code OneSim} and — with
 * the backend settings — {@code OneSimBackend} whose workers run with the application, a health
 * indicator, metrics and the opt-in provider-event endpoint. The only package of the SDK that uses
 * Spring.
 */
package uz.onesim.spring;
