## /stats
stats-bad-period = I could not read the period "{ $input }": { $reason }
    Try:
    /stats this month · /stats this quarter · /stats this year · /stats last year
    /stats 2023 · /stats 2023-05 · /stats 2023-Q2
stats-reason-bad_format = it is not in a known form.
stats-reason-bad_year = the year must be between { $min } and { $max }.
stats-reason-bad_month = the month must be 1–12.
stats-reason-bad_quarter = the quarter must be Q1–Q4.
stats-reason-bad_time_zone = the branch's time zone is wrong; please tell your secretary.
stats-own = 👤 You took part in { $events } events, { $hours } study hours
stats-members-title = 👥 Participation ({ $period }, { $count } members)
stats-member-line = { $name }: { $events } events · { $hours } h
stats-members-more = …and { $count } more; see /members for everyone
stats-members-private = 👥 For each member's participation, send /stats to the bot in a private chat.
stats-chart-title = { $branch }: activities in { $year }
stats-chart-caption = Activities per month in { $year }, by category (an event in two categories counts in each){ $own ->
    [yes] ; the line shows the ones you took part in
   *[no] {""}
}
stats-button-this_month = This month
stats-button-last_month = Last month
stats-button-this_quarter = This quarter
stats-button-last_quarter = Last quarter
stats-button-this_year = This year
stats-button-last_year = Last year

## /check
check-bad-year = I could not read the year "{ $input }". Try /check (this year) or /check 2023 (a year from { $min } to { $max }).
check-own-hours = 👤 Your study hours in { $year }: { $hours } (at least { $required } required){ $self ->
    [0] {""}
   *[other] ; plus { $self } h self-study
}
check-rules-note = The rules default to the Regulations on Party Branch Work; the secretary can set the branch's own frequencies and study-hours target with "⚙️ Check rules".
check-button-settings = ⚙️ Check rules
check-settings-title = ⚙️ This branch's check rules
check-settings-help = Tap an item to cycle its frequency: monthly → quarterly → yearly → not checked; the study hours target switches between { $hours } hours and not checked. Changes are saved at once.
check-settings-kind = { $kind }: { $freq }
check-freq-monthly = monthly
check-freq-quarterly = quarterly
check-freq-yearly = yearly
check-freq-off = not checked
check-settings-hours-on = Study: at least { $hours } hours per member a year
check-settings-hours-off = Study hours: not checked
check-settings-committee-auto = Branch committee: by the number of full members (7 or more)
check-settings-committee-yes = Branch committee: yes
check-settings-committee-no = Branch committee: none (committee meetings not checked)
check-settings-selfstudy-off = Self-study: not counted as study hours
check-settings-selfstudy-on = Self-study: counted as study hours
check-settings-term-on = Election: every { $years } years
check-settings-term-off = Election: not checked
check-settings-done = ✅ Done
check-settings-saved = ✅ Check rules saved; send /check to check against them:

## /summary
summary-bad-year = I could not read the year "{ $input }". Try /summary (this year) or /summary 2023 (a year from { $min } to { $max }).
summary-progress = ⏳ Drafting the { $year } year-end summary…
summary-appendix-in-file = 📎 The ledger appendix has { $count } rows; see the .docx file below.
summary-doc-caption = 📄 { $year } year-end summary (draft) with the ledger appendix. Every figure comes from the ledger{ $placeholders ->
    [yes] ; fill in the places marked 【待补充】.
   *[no] .
}
summary-empty = 📭 The ledger has no records for { $year } yet; the draft is all 【待补充】 markers.
