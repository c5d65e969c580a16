# WeCom bridge (src/server/wecom): words the bridge itself shows.
wecom-page-prev = Previous
wecom-page-next = Next
wecom-page = Page { $n }/{ $of }
wecom-choose = Please choose:
wecom-buttons-in-app = ({ $buttons }: please use them in the app)
wecom-bind-too-few = A group chat needs at least two branch members who have used this app. Invite members first, then send /bind; until then reminders go to each member privately.
wecom-bind-failed = Could not create the branch group chat (the app may not be allowed to). Reminders go to each member privately.
