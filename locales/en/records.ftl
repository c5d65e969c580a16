## /records and the 📄 minutes button
records-bad-year = I could not read the year "{ $input }". Try /records (this year) or /records 2023 (a year from { $min } to { $max }).
records-empty = No meetings or theme days recorded in { $year }: no minutes to draw up.
records-caption = 📄 Minutes of { $year }: { $n } meetings, one page each. { $blanks ->
    [0] Every field is filled.
   *[other] { $blanks } fields the ledger does not state are left blank to fill in by hand — nothing is guessed.
}
records-one-caption = 📄 Meeting minutes. { $blanks ->
    [0] Every field is filled.
   *[other] { $blanks } fields left blank to fill in by hand; add resolutions and vote results with ✏️ Edit.
}
log-button-minutes = 📄 Minutes
