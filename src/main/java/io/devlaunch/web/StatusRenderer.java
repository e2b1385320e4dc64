package io.devlaunch.web;

import io.devlaunch.supervise.ServiceStatus;
import io.devlaunch.supervise.StateChange;
import java.util.List;
import java.util.Map;

/**
 * Renders the supervisor's state as {@code status --json} does; given by {@code commands}, whose
 * {@code Status} owns that shape, so both print it with the same code.
 */
public interface StatusRenderer {
    /** The whole {@code status --json} object. */
    String status(List<ServiceStatus> services, Map<String, StateChange> lastChanges);

    /** One object of its {@code services} array; {@code lastChange} may be null. */
    String row(ServiceStatus service, StateChange lastChange);
}
