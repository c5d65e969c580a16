# npm run admin -- <command>: the operator's command line on the server.
admin-help =
    usage: npm run admin -- <command>
      branches                                   list every branch (members, records)
      branch:create <name> --secretary <Telegram user id> [--name <secretary's name>]
                                                 create a branch with its secretary
      member:list <branch>                       list a branch's members (branch: id or name)
      reminders:resend <branch> <YYYY-MM-DD>     re-send that theme day's reminder (not to those who got it; needs BOT_TOKEN)
      export <branch> <year> <file.xlsx>         the year's ledger as a spreadsheet
      --help                                     this text
    The database is DATABASE_URL (default file:./data/ledger.db). Bad input exits with code 2.
admin-unknown-command = Unknown command "{ $command }". Commands: branches, branch:create, member:list, reminders:resend, export (npm run admin -- --help).
admin-usage = usage: npm run admin -- { $usage }
admin-bad-option = Bad arguments: { $detail }
admin-no-branch = No branch "{ $branch }". npm run admin -- branches lists them with their ids.
admin-ambiguous-branch = { $n } branches are named "{ $branch }"; use the id: { $ids }.
admin-bad-telegram-id = A Telegram user id is a positive whole number (such as 123456789), got "{ $value }".
admin-bad-branch-name = A branch name has 2 to 40 characters, got "{ $value }".
admin-branch-exists = A branch named "{ $name }" exists already (id { $id }).
admin-branch-created = Created branch "{ $name }" (id { $id }); secretary: Telegram user { $telegramId }. They send /start to the bot to begin.
admin-branches-none = No branches yet. Create one: npm run admin -- branch:create <name> --secretary <Telegram user id>
admin-branches-header = id	name	members	records	time zone	created
admin-members-none = Branch "{ $branch }" has no members yet.
admin-members-header = Telegram id	name	username	role	status
admin-member-status-active = active
admin-member-status-pending = awaiting approval
admin-member-removed-because = removed ({ $reason })
admin-member-status-removed = removed
admin-bad-year = A year has four digits (such as 2023), got "{ $value }".
admin-bad-xlsx = The export file must end in .xlsx, in a folder that exists: "{ $value }".
admin-exported = Exported "{ $title }", { $n } records: { $file }
admin-bad-date = A date is YYYY-MM-DD (such as 2024-03-15), got "{ $value }".
admin-resend-needs-token = Re-sending reminders needs the bot's token: set BOT_TOKEN (and TELEGRAM_API_ROOT for a self-hosted Bot API server).
admin-resend-off = Branch "{ $branch }" has theme-day reminders off (the secretary turns them on in /remind).
admin-resend-not-theme-day = { $date } is not branch "{ $branch }"'s theme day; that month's is { $themeDay }.
admin-resend-over = { $date } is over; a reminder for it is of no use now.
admin-resend-done = Theme-day reminder re-sent: { $sent } sent, { $failed } failed, { $blocked } blocked the bot; { $reached } had received it and got nothing new.
