"""What the authority publishes and sends, produced from the register, never retyped.

- ``scdl`` / ``scdl_import``: SCDL « Subventions » open data (décret 2017-779), export
  and import;
- ``documents``: DOCX (and PDF) documents from editable templates;
- ``spreadsheets``: register, payment schedule and obligations as XLSX or CSV.
"""
