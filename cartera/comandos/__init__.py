"""The command line (top): each command, progress, confirmation and summary.

``cli`` parses the arguments and maps errors to exit codes once; ``cobrar``
is the daily run (and picks the sender); ``confirmacion`` the question
before sending; ``iniciar`` and ``acceso`` the first steps; ``sumario`` the
end-of-run summary; ``progreso`` the spinner; ``registro`` the log file.  The
only layer that reads the clock and the environment.

May import: everything below it.
"""
