"""Forms of the web application, on the DSFR base form; one module per workflow."""
