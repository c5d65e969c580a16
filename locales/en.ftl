## common
error-generic = Sorry, something went wrong. Please try again later; if it keeps happening, tell your branch secretary.
error-busy = The system is busy. Your message has been received and will be processed again shortly; there is no need to send it again.
error-bad-button = This button has expired or is not yours. Please open the menu again.
not-allowed = Sorry, you may not use this (it needs: { $who }).
who-secretary = the branch secretary
who-committee = the secretary or a committee member
who-member = a branch member
who-admin = a bot administrator
not-in-branch = You have not joined a branch yet. Ask your branch secretary for an invite link, or send /start <invite code>.
cancelled = Cancelled.
button-cancel = Cancel
button-back = Back

## /start
start-hello = { $name ->
    [none] Hello!
   *[other] Hello, { $name }!
}
start-welcome =
    I keep your Party branch's activity ledger.
    One message records an activity, e.g.
    "今天 支委会 研究部署年度党建工作 实到5人"
    I count events and person-times, check the branch against its rules, and draft the year-end summary.
start-no-branch =
    You have not joined a branch yet:
    • Members: open the invite link from your secretary, or send /start <code>
    • Secretaries: send /newbranch <branch name> to create one
start-in-branch = Current branch: { $branch } ({ $role }). Send /help for every command.

## /help
help-text =
    <b>Branch ledger · commands</b>
    /log 今天 支委会 研究部署年度党建工作 实到5人 — record an activity in one line
    /log — step by step (kind, date, attendees)
    /mine — my recent records (edit, delete)
    /undo — undo my last record
    /stats this-quarter — events and person-times (本月, 本季度, 今年, 2023, 2023-05, 2023-Q2)
    /check 2023 — compliance with the branch's rules
    /next — the next theme day and its reminders
    /summary 2023 — draft year-end summary (secretary, committee)
    /records 2023 — minutes of every meeting and theme day of the year (Word, one page each; secretary, committee)
    /export 2023 — the ledger as a spreadsheet (secretary, committee)
    /invite — invite members (secretary, committee)
    /members — members and participation (secretary, committee)
    /remind — theme-day reminder settings (secretary)
    /newbranch First Branch — create a branch
    /name 李明 — change your name (the secretary renames anyone from /members)
    /lang — 切换语言 / switch language
    In a private chat you can also just write what happened; I will ask you to confirm.

## /lang
lang-choose = 请选择语言 / Choose a language:
lang-set = Switched to English.

## roles
role-secretary = Secretary
role-committee = Committee member
role-group_leader = Group leader
role-member = Member

## command menu
cmd-start = Start
cmd-help = Every command with an example
cmd-log = Record an activity
cmd-mine = My records
cmd-undo = Undo my last record
cmd-stats = Events and person-times
cmd-check = Compliance check
cmd-next = Next theme day
cmd-summary = Year-end summary draft
cmd-records = Meeting minutes (Word)
cmd-export = Export the ledger
cmd-invite = Invite members
cmd-members = Members
cmd-remind = Reminder settings
cmd-newbranch = Create a branch
cmd-lang = Language
cmd-bind = Bind the branch group

## name flow
name-ask = Please tell me your real name (it goes into the records, e.g. 张三):
name-invalid = A name is 2 to 20 Chinese characters or letters. Please try again (or send 取消 to do it later):
name-saved = Thank you, { $name }. Send /log to record an activity, or /help for every command.
name-later = All right, you can tell me later.

## branches
newbranch-usage = Please write the branch name after the command, e.g. /newbranch 第一党支部
newbranch-done =
    Branch "{ $branch }" created; you are its secretary.
    Next:
    • /invite makes an invite link for your members
    • add me to the branch group and send /bind there, so reminders go to the group
    • /remind sets up theme-day reminders
newbranch-done-wecom =
    Branch "{ $branch }" created; you are its secretary.
    Next:
    • /invite makes an invite code for your members
    • send /bind to this app: it creates the branch's group chat, and reminders go there
    • /remind sets up theme-day reminders
bind-done = This group is now bound to "{ $branch }"; theme-day reminders and notices will come here.
bind-in-group = Send /bind in the branch's group chat (secretary only).
branch-switched = Switched to "{ $branch }" ({ $role }).
branch-choose = You are in several branches. Choose the current one:

## invites
invite-created =
    Invite link for "{ $branch }" (valid until { $until }):
    { $link }
    Code: { $code }
    Members open the link, or send me /start { $code }, to join.{ $approval }
invite-created-wecom =
    Invite code for "{ $branch }" (valid until { $until }): { $code }
    Members open this app in WeCom and send /start { $code } (or just the code) to join.{ $approval }
invite-approval-on = Joins need the secretary's approval.
invite-approval-off = Joins need no approval.
invite-approval-turn-on = Require approval
invite-approval-turn-off = Don't require approval
invite-revoke = Revoke this invite
invite-revoked = Invite revoked; the link and code no longer work.
invite-revoke-others = Revoke the { $n } other invites
invite-others-revoked = Revoked { $n } other invites; only this one still works.
join-bad-code = That invite code is not valid. Check it, or ask your secretary for a new invite link.
join-revoked = This invite has been revoked. Ask your secretary for a new one.
join-expired = This invite has expired. Ask your secretary for a new one.
join-joined = Welcome to "{ $branch }"! Send /log to record an activity, /help for every command.
join-pending = Your request to use the ledger of "{ $branch }" awaits the secretary's approval; I will tell you.
join-already_member = You are already a member of "{ $branch }".
join-already_pending = Your request to join "{ $branch }" is awaiting approval.
join-request = { $who } asks to use the ledger of "{ $branch }".
join-approve = Approve
join-reject = Reject
join-approved-by-you = Approved { $name }.
join-rejected-by-you = Rejected { $name }'s request.
join-already-decided = This request has already been decided.
join-approved = Your request to join "{ $branch }" was approved. Send /help for every command.
join-rejected = Your request to join "{ $branch }" was not approved. Ask your secretary if in doubt.

## members
members-title = Members of "{ $branch }" ({ $count }); in brackets: activities attended this year:
members-line = { $n }. { $name } · { $role } ({ $times })
members-pending = Awaiting approval: { $names }
members-probationary = probationary
members-card = { $name }: { $role }
members-make-committee = Make committee member
members-make-leader = Make group leader
members-make-member = Make plain member (not on the committee)
members-prob-on = Mark probationary
members-prob-off = Record as full member
members-set-group = Party group
members-remove = Remove from the roster (membership transferred, etc.)
members-remove-confirm = Remove { $name } from this ledger's roster? Choose the reason (their records stay):
members-remove-other = Other
members-remove-reason-ask = Type the reason ({ $min } to { $max } characters), or send "cancel":
members-remove-reason-bad = The reason must be { $min } to { $max } characters on one line. Type it again, or send "cancel":
members-remove-choose = Choose a reason with the buttons above, or send "cancel".
members-removed-list = Removed from the roster: { $names }
members-question-closed = This question is closed. Please open the roster again.
members-full-ask = Type the date { $name } became a full member (e.g. 2024-3-15, 2024年3月15日, 3月15日, 今天):
members-full-unreadable = That is not a date I can read. Use 2024-3-15, 2024年3月15日, 3月15日 or 今天, or send "cancel":
members-full-impossible = There is no such day. Please check and type it again:
members-full-future = The date cannot be after today. Please type it again:
members-full-before_joining = The date cannot be before they joined this ledger ({ $joined }). Please type it again:
members-full-done = Recorded as full member ({ $date }): { $name }.
members-full-since = full member since { $date }
members-removed = { $name } was removed (reason: { $reason }); their records stay in the ledger.
members-choose-title = Committee duty of { $name }:
members-title-none = No specific duty
members-group-ask = Type the party group of { $name } (existing: { $groups }); send 无 for none, 取消 to cancel:
members-group-set = { $name } is now in party group: { $group }
members-group-too-long = A party group name has at most 30 characters; open the member list again to set it.

## logging
log-example = For example: /log 今天 支委会 研究部署年度党建工作 实到5人
log-hint =
    I could not tell what kind of activity this is. Name the kind, e.g.
    "昨天 主题党日 参观家风教育基地 12人参加"
    or send /log to go step by step, /help for every command.
log-problem-no_kind = No activity kind found (e.g. 支委会, 党员大会, 党课, 主题党日, 理论学习, 志愿服务…).
log-problem-no_date = No date found (e.g. 今天, 昨天, 上周五, 3月5日, 2023-05-12).
log-problem-impossible_date = The date "{ $text }" does not exist; check the month and day.
log-problem-future_date = The date "{ $text }" is in the future; only past activities can be recorded.
log-problem-empty = The message is empty.
log-saved = ✅ Recorded (#{ $id })
log-already = ✅ This message is recorded (#{ $id }); it is not counted twice.
log-merged = ✅ Merged into the same event (#{ $id })
log-updated = ✅ Record updated (#{ $id })
log-tally = This year so far: { $items }
log-tally-item = { $kind } { $events } events, { $personTimes } person-times
log-confirm = Record this activity?
log-same-event = The ledger already has a similar record on that day. Is it the same event? (Merging joins the attendees; nothing is counted twice.)
log-cancelled = Cancelled; nothing was saved.
log-gone = This record has been deleted and cannot be changed.
log-not-member = You are no longer in that branch; nothing was saved.
log-edit-not-applied = I could not read the edited message; the record stays as it was:
log-button-save = ✅ Save
log-button-save-changes = ✅ Save changes
log-button-edit = ✏️ Edit
log-button-undo = ↩️ Undo
log-button-merge = Yes, merge
log-button-new = No, a new record
log-button-skip = Skip
log-button-done = Done
log-button-done-n = Done ({ $n })
log-button-all = Everyone
log-today = Today
log-yesterday = Yesterday
log-day-before = 2 days ago
log-ask-kind = What kind of activity?
log-ask-kinds = Tick the kinds of this event (several are fine), then Done:
log-ask-date = When was it? Tap a button or type a date (3月5日, 上周五, 2023-05-12):
log-ask-title = What was the topic? (type it, or Skip)
log-ask-people = Who took part? Tick the members, or type the number (e.g. 12, or 应到13 实到12):
log-ask-location = Type the place:
log-ask-host = Type the host:
log-ask-recorder = Type the recorder:
log-ask-speaker = Type the speaker:
log-ask-hours = Type the duration in hours; 1 hour counts as 1 study hour (e.g. 2 or 1.5):
log-ask-notes = Type notes (summary, points discussed…):
log-ask-observers = Type who attended without a vote (列席), e.g. applicant Zhao Liu:
log-ask-resolutions = Type the resolutions (what the meeting decided):
log-ask-vote = Type the vote, e.g. "赞成12票，反对0票，弃权1票" (for 12, against 0, abstaining 1); add 选举 for an election, or type 未表决 when there was no vote:
log-vote-not-understood = I could not read the vote. Write e.g. 赞成12票，反对0票，弃权1票 (add 选举 for an election), or 未表决.
log-review = Please check:
log-review-edit = Editing the record:
log-review-hint = Tap a button below to change an item; send a photo to attach it.
log-review-use-buttons = Please use the buttons below to choose what to change.
log-need-kind = Choose at least one kind.
log-kind-not-understood = "{ $text }" is not a kind I know; please tap a button.
log-count-not-understood = I could not read the number; type digits, e.g. 12, or 应到13 实到12.
log-hours-not-understood = Hours must be a number between 0 and 24, e.g. 2 or 1.5.
log-photo-added = Photo attached ({ $n } in all).
log-field-kinds = Kind
log-field-date = Date
log-field-title = Topic
log-field-people = People
log-field-location = Place
log-field-host = Host
log-field-recorder = Recorder
log-field-speaker = Speaker
log-field-hours = Hours
log-field-notes = Notes
log-field-observers = Observers
log-field-resolutions = Resolutions
log-field-vote = Vote
photo-attached = 📷 Photo attached to this record ({ $n } in all).

## /mine, /undo
mine-title = My last { $n } records (✏️ edit, 🗑 delete):
mine-empty = You have no records yet. Send /log to record an activity.
undo-done = Deleted: { $what }
undo-restore = Restore
undo-restored = The record is restored.

## group chats
group-not-bound = This group is not bound to a branch yet. The branch secretary can send /bind here.
group-not-member = You are not a member of the branch this group is bound to.
private-only = To protect personal data, please use { $command } in a private chat with me: https://t.me/{ $bot }
photo-hint = To attach a photo to a record, send it as a reply to the record's card; or write the activity in the photo's caption and I will record both.
members-make-secretary = Hand over the secretary's rights
members-secretary-confirm = Hand the secretary's rights in this ledger to { $name }? You become a plain member here; if you stay on the committee, the new secretary can set that in /members.
members-secretary-yes = Hand over
members-secretary-done = { $name } now holds the secretary's rights. You are a plain member here; if you stay on the committee, the new secretary can set that in /members.
mine-show-branch = 📋 The branch's recent records
mine-show-own = 👤 Only mine
mine-branch-title = The branch's last { $n } records (✏️ edit, 🗑 delete):
mine-branch-empty = The branch has no records yet.
log-flow-private = Step-by-step recording and editing happen in a private chat: https://t.me/{ $bot } . In a group, record in one line, e.g. /log 今天 支委会 研究部署年度党建工作 实到5人
