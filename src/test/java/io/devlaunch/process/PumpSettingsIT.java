package io.devlaunch.process;

/** The same check in failsafe's JVM, which runs the integration tests. */
class PumpSettingsIT extends PumpSettingsTest {}
