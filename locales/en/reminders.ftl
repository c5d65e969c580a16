## Theme-day reminders (/remind, /next, reminders sent by the scheduler)
remind-title = 🗓 Theme-day (主题党日) reminders
remind-status-on = Status: ✅ on
remind-status-off = Status: off (tap "Turn on" to start)
remind-rule = Rule: { $rule }
remind-next-day = Next theme day: { $day } ({ $when })
remind-nudge-on = Month-end 支委会 nudge: on (the secretary is told at 17:00 on the month's last workday when no committee meeting is logged)
remind-nudge-off = Month-end 支委会 nudge: off
remind-no-group = Note: no branch group is bound yet, so reminders for the group go to every member privately. Add me to the group and send /bind there.
# WeCom (CHANNEL=wecom): the group chat is created by /bind sent to the app.
remind-no-group-wecom = Note: no branch group is bound yet, so reminders for the group go to every member privately. Send /bind in this app to create the branch group chat and bind it.
remind-closed-on = ✅ Theme-day reminders are on. Send /remind to change them.
remind-closed-off = Theme-day reminders are off. Send /remind to turn them on.

remind-button-pattern = 📅 Day
remind-button-holiday = 🏖 Holidays
remind-button-offsets = ⏰ When
remind-button-target = 📣 Where
remind-button-followup = 📝 Follow-up
remind-button-theme = 💬 Theme
remind-button-nudge-on = Turn on the month-end nudge
remind-button-nudge-off = Turn off the month-end nudge
remind-button-enable = ▶️ Turn on
remind-button-disable = ⏸ Pause
remind-button-done = ✅ Done

remind-ask-pattern = Which day of the month is the theme day?
remind-pattern-dom = A fixed date (e.g. the 15th)
remind-pattern-nth = The n-th weekday (e.g. the first Friday)
remind-pattern-last = The last workday of the month
remind-ask-day = Which day of the month? (29–31: the last day in shorter months)
remind-ask-nth = Which one?
remind-nth = { $n ->
    [0] last
    [1] first
    [2] second
    [3] third
    [4] fourth
   *[other] { $n }th
}
remind-ask-weekday = The { $nth } which weekday?
remind-weekday = { $n ->
    [1] Mon
    [2] Tue
    [3] Wed
    [4] Thu
    [5] Fri
    [6] Sat
   *[7] Sun
}
remind-ask-holiday = When the theme day falls on a weekend or public holiday (China's official calendar):
remind-holiday-keep = Hold it anyway
remind-holiday-next_workday = Move to the next workday
remind-holiday-previous_workday = Move to the previous workday
remind-ask-offsets = When should reminders go out?
remind-offsets-0 = 3 days before + on the day
remind-offsets-1 = 1 day before + on the day
remind-offsets-2 = On the day only
remind-offsets-3 = No reminders
remind-time-before = Before at { $time }
remind-time-day = On the day at { $time }
remind-ask-time-before = What time for the reminder ahead of the day?
remind-ask-time-day = What time for the reminder on the day?
remind-ask-target = Where should reminders go?
remind-ask-target-nogroup = Where should reminders go? (No group is bound yet: "Branch group" then means every member privately.)
remind-target-group = Branch group
remind-target-members = Every member privately
remind-target-both = Group + every member privately
remind-ask-followup = After the theme day, ask the secretary whether it was logged? (Not asked when it is.)
remind-followup-0 = Ask on the day at 18:00
remind-followup-1 = Ask the next day at 09:00
remind-followup-2 = Don't ask

remind-theme-ask = Send the theme day's theme (up to { $max } characters). Every reminder carries it until you change or clear it. Send "none" to clear it, "cancel" to leave it.
remind-theme-too-long = That theme is too long (at most { $max } characters) and was not saved. Tap "Theme" to try again.
remind-theme-saved = Theme saved: { $theme }
remind-theme-cleared = Theme cleared.

remind-followup-button = 📝 Log the theme day
remind-followup-already = This theme day is already logged.
remind-monthend =
    No branch committee meeting (支委会) is logged for this month yet. It is usually held monthly; if it took place, one line logs it, e.g.
    /log 今天 支委会 研究部署下月工作 实到5人

next-off = Theme-day reminders are not turned on for this branch (the secretary can set them up with /remind).
next-where-group = Reminders go to the branch group.
next-where-members = Reminders go to every member privately.
next-where-both = Reminders go to the branch group and to every member privately.
remind-paused-note =  (reminders are paused: not sent)
next-status = Reminders due so far: { $sent } delivered, { $pending } pending (being sent or to be retried), { $failed } not delivered (the bot was blocked or the chat cannot be reached).
next-not-sent = The reminders of { $times } had passed before reminders were switched on; they will not be sent afterwards.
remind-missed-today = Note: today's reminder time ({ $times }) has passed; that reminder will not be sent. Later reminders go out as usual.
