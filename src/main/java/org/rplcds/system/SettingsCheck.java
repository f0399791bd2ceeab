package org.rplcds.system;

/**
 * A bean that refuses bad settings as it is built. Every such bean is built before the web server
 * starts ({@code SystemConfiguration}), so that a refused setting stops the start with its report
 * alone: the server's start-up is not begun, nor the database opened.
 */
public interface SettingsCheck {}
