export-usage = Usage: /export or /export 2023 (the ledger of one year as a spreadsheet).
export-done = The { $year } ledger: { $n } records.
