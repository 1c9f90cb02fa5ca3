package uz.onesim.client;

import java.time.LocalDate;
import java.util.UUID;

/** A partner's customer group (a tour, a flight) and its member count, kept by the database. */
public record CustomerGroup(UUID id, UUID partnerId, String name, String destinationCountryCode, String destinationName,
    LocalDate travelStartDate, LocalDate travelEndDate, int groupSize) {}
