"""The ESS observatory in the application: its screen's reads, the « données de cadrage »
document attached to a convention, and the PTCE territory chosen for a workstream step."""
